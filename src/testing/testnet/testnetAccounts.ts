import { hash as snHash } from 'starknet';
import { CURVE_ORDER, starkPublicKey } from '../../core/crypto/ecdsa.js';
import { encodeShortString, toHex } from '../../core/felt.js';
import { TestnetUsageError } from '../errors.js';
import { parseFelt } from './cairo.js';
import type { Chain } from './chain.js';
import { constructLegacyAccount, legacyAccountClass } from './contracts/legacyAccount.js';
import { constructSessionAccount, sessionAccountClass } from './contracts/sessionAccount.js';
import type { SessionAccountVersion } from './contracts/sessionVersions.js';
import { poseidonHashMany } from './hashing.js';
import type { AddAccountOptions, TestAccount, TestAccountKind } from './testnet.js';

/** Mints an ERC-20 on the chain, as its own contract would. */
export type Mint = (token: bigint, to: bigint, amount: bigint) => void;

export const WAD = 10n ** 18n;

/** Token addresses the accounts are funded in (the testnet's own constants). */
export interface FundingTokens {
  STRK: bigint;
  ETH: bigint;
  USDC: bigint;
}

/** Deploys funded accounts whose keys derive from the seed; `keyIndex` is what a saved state must keep. */
export interface AccountDeployer {
  readonly accounts: TestAccount[];
  deploy(options: AddAccountOptions): TestAccount;
  keyIndex(): bigint;
}

const sessionVersionOf = (kind: TestAccountKind): SessionAccountVersion | undefined =>
  kind === 'legacy' ? undefined : (kind.slice('session-'.length) as SessionAccountVersion);

/** A private key from the seed: deterministic, never zero, below the curve order. */
export function seededKey(label: string, seed: bigint, index?: bigint): bigint {
  const parts = [encodeShortString(label), seed, ...(index === undefined ? [] : [index])];
  return (poseidonHashMany(parts) % (CURVE_ORDER - 1n)) + 1n;
}

export function createAccountDeployer(
  chain: Chain,
  mint: Mint,
  tokens: FundingTokens,
  seed: bigint,
  restored?: { keyIndex: bigint; accounts: readonly TestAccount[] },
): AccountDeployer {
  let keyIndex = restored ? restored.keyIndex : 0n;
  const accounts: TestAccount[] = restored ? restored.accounts.map((a) => ({ ...a })) : [];
  const deploy = (opts: AddAccountOptions): TestAccount => {
    const kind = opts.kind ?? 'session-v33';
    const privateKey =
      opts.privateKey !== undefined
        ? parseFelt(opts.privateKey)
        : seededKey('starknet-sessions', seed, ++keyIndex);
    if (privateKey === undefined || privateKey === 0n || privateKey >= CURVE_ORDER) {
      throw new TestnetUsageError('privateKey is not a valid Stark private key.');
    }
    const version = sessionVersionOf(kind);
    if (kind !== 'legacy' && !version) throw new TestnetUsageError(`Unknown account kind: ${String(kind)}.`);
    const cls = version ? sessionAccountClass(version) : legacyAccountClass(opts.legacy);
    const { publicKey, address } = deriveAccount(privateKey, cls.classHash);
    if (chain.world.classHashAt(address) !== undefined) {
      throw new TestnetUsageError('An account with this key and class is already deployed.', {
        details: toHex(address),
      });
    }
    chain.deploy(address, cls, (ctx) =>
      version
        ? constructSessionAccount(ctx, publicKey, version)
        : constructLegacyAccount(ctx, publicKey, opts.legacy),
    );
    mint(tokens.STRK, address, opts.fund ?? 1000n * WAD);
    mint(tokens.ETH, address, 10n * WAD);
    mint(tokens.USDC, address, 10_000n * 10n ** 6n);
    const account: TestAccount = {
      address: toHex(address),
      privateKey: toHex(privateKey),
      publicKey: toHex(publicKey),
      kind,
      label: accountLabel(version, opts),
      classHash: toHex(cls.classHash),
    };
    accounts.push(account);
    return account;
  };
  return { accounts, deploy, keyIndex: () => keyIndex };
}

function accountLabel(version: SessionAccountVersion | undefined, opts: AddAccountOptions): string {
  if (version) return `${version} session account`;
  const snip9 = (opts.legacy?.snip9 ?? true) ? 'SNIP-9 v2' : 'no SNIP-9';
  return `legacy account (${snip9}, supports_interface ${opts.legacy?.supportsInterface ?? 'answers'})`;
}

const derived = new Map<string, { publicKey: bigint; address: bigint }>();

/** Public key and OZ-style counterfactual address (salt = public key), memoised: tests recreate the same accounts. */
function deriveAccount(privateKey: bigint, classHash: bigint): { publicKey: bigint; address: bigint } {
  const id = `${privateKey.toString(16)}:${classHash.toString(16)}`;
  let d = derived.get(id);
  if (!d) {
    const publicKey = starkPublicKey(privateKey);
    const address = BigInt(
      snHash.calculateContractAddressFromHash(toHex(publicKey), toHex(classHash), [toHex(publicKey)], 0),
    );
    d = { publicKey, address };
    if (derived.size > 1000) derived.clear();
    derived.set(id, d);
  }
  return d;
}
