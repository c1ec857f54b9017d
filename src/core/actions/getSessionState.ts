import { accountRules, accountVersionOf } from '../accountRules.js';
import type { SessionData, SpendingPolicyState } from '../calls.js';
import { scheduleSigningWarmup } from '../crypto/warmup.js';
import { InvalidInputError, isSessionError, type SessionError } from '../errors/index.js';
import { toHex } from '../felt.js';
import { describeInput, inputObject } from '../input.js';
import type { SessionScope, StoredSession, StoredSessionStatus } from '../storage/types.js';
import { readClassHash, readSessionData, readSpendingPolicies, scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import { mismatchOf } from './readBack.js';
import { confirmSessionGone, showsSession } from './revocation.js';
import type { SessionProviderLike, SessionTarget } from './types.js';

export type SessionStatus = 'none' | 'pending' | 'active' | 'expiring' | 'expired' | 'exhausted' | 'revoked';

export interface SessionSpendState {
  token: string;
  maxPerCall: bigint;
  maxPerWindow: bigint;
  windowSeconds: number;
  spentInWindow: bigint;
  /** What can still be moved in the current window. */
  left: bigint;
  windowStart: number;
  /** Unix seconds when the window resets (the contract resets on the first spend at or after it). */
  nextResetAt: number;
}

export interface SessionState {
  status: SessionStatus;
  publicKey: string | undefined;
  /** Unix seconds. */
  expiresAt: number | undefined;
  /** Seconds left until expiry (0 when expired). */
  secondsLeft: number;
  maxCalls: number;
  callsUsed: number;
  /** Calls left on the direct path (the account pays): maxCalls − callsUsed. */
  callsLeft: number;
  /**
   * Calls left through a paymaster (outside executions): one fewer on v29/v30, which use a call before
   * checking the signature (spec §8 rule 5), and on an account of unknown class; else `callsLeft`.
   */
  callsLeftGasless: number;
  /** 0x hex selectors; [] = any non-admin entrypoint. */
  allowedSelectors: string[];
  spending: SessionSpendState[];
  /** The stored record (public data only). */
  session: StoredSession | undefined;
  /** True when the chain could not be read and this is the last known state. */
  stale: boolean;
  /** Why the state is stale, or why a pending session is not active (ACCOUNT_STATE_MISMATCH). */
  error: SessionError | undefined;
  /** Unix seconds when this state was computed. */
  checkedAt: number;
}

export interface GetSessionStateParameters extends SessionTarget {
  provider?: SessionProviderLike | undefined;
  /** A specific session; default: the newest usable session of the account for this app. */
  publicKey?: string | undefined;
}

export type GetSessionStateReturnType = SessionState;

/**
 * The session's state, reconciled with the chain: a session revoked or changed on chain (from another
 * device or tab) is marked revoked and its key wiped, once confirmed (a pinned read or its event, never
 * one answer); an expired one is marked and wiped. When the node cannot be read, or its answer is not
 * confirmed, the last known state is returned with `stale: true` and the reason (never thrown).
 */
export async function getSessionState(
  config: SessionConfig,
  parameters: GetSessionStateParameters,
): Promise<GetSessionStateReturnType> {
  const [provider, scope] = await scopeOf(config, parameters);
  const now = config.now();
  const record = await pickSession(config, scope, parameters.publicKey, ['active', 'pending']);
  if (!record || record.status === 'revoked' || record.status === 'expired')
    return stateOf(config, record, now);

  let chain: SessionData;
  let seenAt: number | undefined;
  let policies: Record<string, SpendingPolicyState> = {};
  let mismatch: SessionError | undefined;
  // Read with the session (no extra wait); an unreadable class counts as unknown, the strictest.
  const classRead = readClassHash(provider, parameters.accountAddress).catch(() => undefined);
  try {
    [chain] = await Promise.all([
      readSessionData(provider, parameters.accountAddress, record.publicKey),
      classRead,
    ]);
    if (record.status === 'active' && !showsSession(record, chain)) {
      // One answer that it is gone proves nothing (a lagging node): confirmed, or the state is stale.
      const evidence = await confirmSessionGone(provider, parameters.accountAddress, record);
      if (evidence.kind === 'unconfirmed') throw evidence.error;
      chain = evidence.data;
      if (evidence.kind === 'alive') seenAt = evidence.block;
    }
    // A pending key turns active only once the account holds what was asked: a create whose read-back
    // found a difference stays pending (unusable) until the account matches, or the app renews.
    if (record.status === 'pending' && chain.exists)
      mismatch = await heldAsAsked(provider, parameters.accountAddress, record);
    // No limits: no tokens, no request. A mismatch may be a missing getter (no spending entrypoints).
    if (chain.exists && !mismatch) {
      policies = await readSpendingPolicies(
        provider,
        parameters.accountAddress,
        record.publicKey,
        record.spendingLimits.map((l) => l.token),
      );
    }
  } catch (error) {
    // The node could not be read, or its answer is not confirmed: the last known state, stale.
    if (!isSessionError(error, 'RPC_ERROR') && !isSessionError(error, 'STALE_READ')) throw error;
    return {
      ...stateOf(config, record, now, undefined, [], gaslessReserve(await classRead)),
      stale: true,
      error,
    };
  }

  let current = record;
  const save = async (patch: Partial<StoredSession>, fallback = current) =>
    (await config.storage.update(scope, record.publicKey, patch)) ?? fallback;
  if (record.status === 'pending' && chain.exists && !mismatch) {
    current = await save({ status: 'active' });
  } else if (record.status === 'active' && !showsSession(record, chain)) {
    // Confirmed revoked, or re-registered with other terms, by the owner elsewhere: this key is done.
    current = await save({ status: 'revoked' }, { ...record, status: 'revoked' });
  } else if (chain.callsUsed > (record.callsUsed ?? 0) || seenAt !== undefined) {
    current = await save({
      callsUsed: chain.callsUsed,
      ...(seenAt === undefined ? {} : { aliveAtBlock: seenAt }),
    });
  }
  if (current.status === 'active' && now > current.validUntil) current = await save({ status: 'expired' });
  // A usable session was restored: warm the signing tables in idle time so the first action is fast.
  if (current.status === 'active') scheduleSigningWarmup(scope.chainId);
  const spending = current.spendingLimits.map((limit) => spendOf(limit, policies, now));
  return {
    ...stateOf(
      config,
      current,
      now,
      chain.exists ? chain : undefined,
      spending,
      gaslessReserve(await classRead),
    ),
    error: mismatch,
  };
}

/** The account's session against the record (as createSession's read-back): the mismatch, if any. */
function heldAsAsked(provider: SessionProviderLike, account: string, record: StoredSession) {
  const expected = { publicKey: record.publicKey, policy: record };
  return mismatchOf(provider, account, expected, record.transactionHash);
}

/** The given session, else the newest one in a `usable` status, else the newest (its status says why). */
export async function pickSession(
  config: SessionConfig,
  scope: SessionScope,
  publicKey: string | undefined,
  usable: readonly StoredSessionStatus[],
): Promise<StoredSession | undefined> {
  if (publicKey) return config.storage.get(scope, publicKey);
  const all = await config.storage.list(scope);
  return all.find((s) => usable.includes(s.status)) ?? all[0];
}

/** What a spending limit leaves in the current window, from the chain's policy (else the registered limit, unspent). */
function spendOf(
  limit: StoredSession['spendingLimits'][number],
  policies: Record<string, SpendingPolicyState>,
  now: number,
): SessionSpendState {
  const { token } = limit;
  const { maxPerCall, maxPerWindow, windowSeconds, windowStart, spentInWindow } = policies[
    toHex(BigInt(token))
  ] ?? {
    maxPerCall: BigInt(limit.maxPerCall),
    maxPerWindow: BigInt(limit.maxPerWindow),
    windowSeconds: limit.windowSeconds,
    windowStart: now,
    spentInWindow: 0n,
  };
  // The contract starts a new window at the first spend at or after its end.
  const reset = now >= windowStart + windowSeconds;
  const spent = reset ? 0n : spentInWindow;
  return {
    token,
    maxPerCall,
    maxPerWindow,
    windowSeconds,
    spentInWindow: spent,
    left: maxPerWindow > spent ? maxPerWindow - spent : 0n,
    windowStart,
    nextResetAt: (reset ? now : windowStart) + windowSeconds,
  };
}

/** Derives the status of a session from its record and (when read) the chain. */
export function deriveStatus(
  record: Pick<StoredSession, 'status' | 'validUntil' | 'maxCalls' | 'callsUsed'>,
  now: number,
  renewBeforeSeconds: number,
): SessionStatus {
  inputObject(record, 'record');
  const numbers = {
    now,
    renewBeforeSeconds,
    'record.validUntil': record.validUntil,
    'record.maxCalls': record.maxCalls,
    'record.callsUsed': record.callsUsed ?? 0,
  };
  for (const [field, value] of Object.entries(numbers))
    if (typeof value !== 'number')
      throw new InvalidInputError(field, `${field} must be a number.`, { details: describeInput(value) });
  if (record.status === 'revoked' || record.status === 'pending') return record.status;
  if (record.status === 'expired' || now > record.validUntil) return 'expired';
  if ((record.callsUsed ?? 0) >= record.maxCalls) return 'exhausted';
  if (record.validUntil - now <= renewBeforeSeconds) return 'expiring';
  return 'active';
}

/** The calls an outside execution cannot use on this account's class (v29/v30 and unknown: one). */
function gaslessReserve(classHash: string | undefined): number {
  return accountRules(accountVersionOf(classHash)).outsideExecutionCallsNeeded - 1;
}

/** The state of a session (or of none: status 'none', zeros). */
function stateOf(
  config: SessionConfig,
  record: StoredSession | undefined,
  now: number,
  chain?: SessionData,
  spending: SessionSpendState[] = [],
  reserve = 0,
): SessionState {
  const callsUsed = Math.max(chain?.callsUsed ?? 0, record?.callsUsed ?? 0);
  const maxCalls = chain?.maxCalls ?? record?.maxCalls ?? 0;
  return {
    ...timeParts(config, { session: record, callsUsed, maxCalls }, now),
    publicKey: record?.publicKey,
    expiresAt: record?.validUntil,
    maxCalls,
    callsUsed,
    callsLeft: Math.max(0, maxCalls - callsUsed),
    callsLeftGasless: Math.max(0, maxCalls - callsUsed - reserve),
    allowedSelectors: record?.allowedSelectors ?? [],
    spending,
    session: record,
    stale: false,
    error: undefined,
    checkedAt: now,
  };
}

/** What of a state moves with the clock, at `now`: the status and the seconds left. */
export function timeParts(
  config: SessionConfig,
  { session, callsUsed, maxCalls }: Pick<SessionState, 'session' | 'callsUsed' | 'maxCalls'>,
  now: number,
): Pick<SessionState, 'status' | 'secondsLeft'> {
  return {
    status: session
      ? deriveStatus({ ...session, callsUsed, maxCalls }, now, config.renewBeforeSeconds)
      : 'none',
    secondsLeft: Math.max(0, (session?.validUntil ?? now) - now),
  };
}
