import type { SpendingPolicyState } from '../calls.js';
import { toAddress, toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { providerOf, readSpendingPolicies } from './chain.js';
import type { SessionConfig } from './config.js';
import type { SessionProviderLike } from './types.js';

export interface GetSpendingPolicyParameters {
  accountAddress: string;
  publicKey: string;
  token: string;
  provider?: SessionProviderLike | undefined;
}

/** The on-chain spending policy of a session for a token (`enabled: false` when there is none). */
export async function getSpendingPolicy(
  config: SessionConfig,
  parameters: GetSpendingPolicyParameters,
): Promise<SpendingPolicyState> {
  const provider = providerOf(config, inputObject(parameters).provider);
  const token = toHex(toAddress(parameters.token, 'token')); // bad input: a typed error, before any request
  const policies = await readSpendingPolicies(provider, parameters.accountAddress, parameters.publicKey, [
    token,
  ]);
  return policies[token]!;
}
