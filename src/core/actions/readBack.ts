import type { SpendingPolicyState } from '../calls.js';
import { AccountStateMismatchError, isSessionError } from '../errors/index.js';
import { toHex } from '../felt.js';
import type { NormalizedSessionPolicy } from '../policy.js';
import { isContractAnswer } from '../support.js';
import { readAllowedSelectors, readSessionData, readSpendingPolicies } from './chain.js';
import type { SessionProviderLike } from './types.js';

/** What an owner transaction should have left on the account for one key: a policy, or nothing (revoked). */
export interface ExpectedSession {
  publicKey: string;
  /** The registered session (amounts as bigints or as stored) after a create, or undefined after a revoke. */
  policy?: ExpectedPolicy | undefined;
  /** Tokens whose policy must be gone (a revoke). */
  removedTokens?: readonly string[] | undefined;
}

type ExpectedPolicy = Omit<NormalizedSessionPolicy, 'spendingLimits'> & {
  spendingLimits: readonly (Cap & { token: string })[];
};

/** A cap as asked (bigints, or a stored record's decimal / 0x strings) or as held. */
interface Cap {
  maxPerCall: bigint | string;
  maxPerWindow: bigint | string;
  windowSeconds: number;
}

type Fields = Record<string, string>;

/**
 * Reads back what the account holds after an owner transaction and throws ACCOUNT_STATE_MISMATCH on any
 * difference: a SUCCEEDED receipt can hide a swallowed inner call (a missing setter, a failed revoke).
 */
export async function readBack(
  provider: SessionProviderLike,
  accountAddress: string,
  expected: ExpectedSession,
  transactionHash: string | undefined,
): Promise<void> {
  const mismatch = await mismatchOf(provider, accountAddress, expected, transactionHash);
  if (mismatch) throw mismatch;
}

/** readBack's difference, returned instead of thrown (undefined when the account holds what was asked). */
export async function mismatchOf(
  provider: SessionProviderLike,
  accountAddress: string,
  expected: ExpectedSession,
  transactionHash: string | undefined,
): Promise<AccountStateMismatchError | undefined> {
  const { asked, holds } = await compare(provider, accountAddress, expected);
  if (Object.keys(asked).some((k) => asked[k] !== holds[k]))
    return new AccountStateMismatchError(expected.policy ? 'create' : 'revoke', asked, holds, {
      transactionHash,
    });
}

async function compare(provider: SessionProviderLike, account: string, e: ExpectedSession) {
  const chain = await readSessionData(provider, account, e.publicKey);
  const asked: Fields = {};
  const holds: Fields = {};
  const put = (field: string, wanted: unknown, held: unknown) => {
    asked[field] = String(wanted);
    holds[field] = String(held);
  };
  put('validUntil', e.policy?.validUntil ?? 0, chain.validUntil);
  if (e.policy) {
    put('maxCalls', e.policy.maxCalls, chain.maxCalls);
    put(
      'allowedSelectors',
      e.policy.allowedSelectors.map((s) => toHex(BigInt(s))),
      await readAllowedSelectors(provider, account, e.publicKey, chain.allowedEntrypointsLen),
    );
  }
  // Policies are read only for tokens named here: limits exist only where the account has spending
  // entrypoints (v33), as each action checks before its prompt.
  const limits = e.policy?.spendingLimits ?? [];
  const removed = e.removedTokens ?? [];
  const tokens = [...limits.map((l) => l.token), ...removed].map((t) => toHex(BigInt(t)));
  const policies = await readPolicies(provider, account, e.publicKey, tokens);
  // A cap as `maxPerCall/maxPerWindow/windowSeconds`, or 'none'.
  const cap = (l?: Cap) =>
    l ? `${BigInt(l.maxPerCall)}/${BigInt(l.maxPerWindow)}/${l.windowSeconds}` : 'none';
  tokens.forEach((token, i) => {
    put(
      `spendingLimits[${token}]`,
      cap(limits[i]),
      cap(policies[token]?.enabled ? policies[token] : undefined),
    );
  });
  return { asked, holds };
}

/** Policies, or none when the getter is missing (the class has no spending entrypoints after all). */
async function readPolicies(
  provider: SessionProviderLike,
  account: string,
  publicKey: string,
  tokens: string[],
): Promise<Record<string, SpendingPolicyState>> {
  try {
    return await readSpendingPolicies(provider, account, publicKey, tokens);
  } catch (error) {
    if (isSessionError(error, 'RPC_ERROR') && isContractAnswer(error.cause)) return {};
    throw error;
  }
}
