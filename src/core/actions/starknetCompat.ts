/**
 * Where starknet.js 8, 9 and 10 differ for the core: how an `Account` reaches its provider.
 * In 10 an Account holds the provider it is given and asks it for nonces and tip estimates; in 8
 * and 9 an Account IS a provider that only copies the given one's channel, so the given provider's
 * own methods (a custom tip estimate, a wrapped nonce read) would be bypassed. The account made
 * here asks the given provider in every version. The rest the library uses is the same in all three
 * (object-style Account constructor, PaymasterRpc options, typedData.getMessageHash, the SNIP-29
 * methods): scripts/peer-matrix.sh runs the suites on each.
 */
import { Account, type AccountOptions, type ProviderInterface } from 'starknet';

export type AccountOnProviderOptions = Omit<AccountOptions, 'provider'> & { provider: ProviderInterface };

type ProviderReads = Pick<ProviderInterface, 'getEstimateTip'> & Pick<Account, 'getNonce'>;

export function createAccountOnProvider(options: AccountOnProviderOptions): Account {
  const account = new Account(options);
  // starknet.js 10 keeps `provider` and reads through it; 8 and 9 have no such field.
  if ('provider' in (account as object)) return account;
  const { provider } = options;
  const reads = account as unknown as ProviderReads;
  reads.getNonce = (blockIdentifier) => provider.getNonceForAddress(account.address, blockIdentifier);
  reads.getEstimateTip = (blockIdentifier, tipOptions) =>
    provider.getEstimateTip(blockIdentifier, tipOptions);
  return account;
}
