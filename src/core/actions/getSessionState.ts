import type { SessionData, SpendingPolicyState } from '../calls.js';
import { isSessionError, type SessionError } from '../errors/index.js';
import type { StoredSession } from '../storage/types.js';
import { providerOf, readSessionData, readSpendingPolicies, scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
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
  callsLeft: number;
  /** 0x hex selectors; [] = any non-admin entrypoint. */
  allowedSelectors: string[];
  spending: SessionSpendState[];
  /** The stored record (public data only). */
  session: StoredSession | undefined;
  /** True when the chain could not be read and this is the last known state. */
  stale: boolean;
  /** Why the state is stale. */
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
 * device or tab) is marked revoked and its key wiped; an expired one is marked and wiped. When the node
 * cannot be read, the last known state is returned with `stale: true` (never thrown).
 */
export async function getSessionState(
  config: SessionConfig,
  parameters: GetSessionStateParameters,
): Promise<GetSessionStateReturnType> {
  const provider = providerOf(config, parameters.provider);
  const scope = await scopeOf(config, provider, parameters);
  const now = config.now();
  const record = await pickSession(config, scope, parameters.publicKey);
  if (!record) return emptyState(now);
  if (record.status === 'revoked' || record.status === 'expired')
    return stateOf(config, record, undefined, [], now);

  let chain: SessionData;
  let policies: Record<string, SpendingPolicyState> = {};
  try {
    chain = await readSessionData(provider, parameters.accountAddress, record.publicKey);
    if (chain.exists && record.spendingLimits.length > 0) {
      policies = await readSpendingPolicies(
        provider,
        parameters.accountAddress,
        record.publicKey,
        record.spendingLimits.map((l) => l.token),
      );
    }
  } catch (error) {
    if (!isSessionError(error) || error.code !== 'RPC_ERROR') throw error;
    return { ...stateOf(config, record, undefined, [], now), stale: true, error };
  }

  let current = record;
  if (record.status === 'pending' && chain.exists) {
    current = (await config.storage.update(scope, record.publicKey, { status: 'active' })) ?? record;
  } else if (record.status === 'active' && (!chain.exists || chain.validUntil !== record.validUntil)) {
    // Revoked, or re-registered with other terms, by the owner elsewhere: this key is done.
    current = (await config.storage.update(scope, record.publicKey, { status: 'revoked' })) ?? {
      ...record,
      status: 'revoked',
    };
  } else if (chain.exists && chain.callsUsed > (record.callsUsed ?? 0)) {
    current =
      (await config.storage.update(scope, record.publicKey, { callsUsed: chain.callsUsed })) ?? record;
  }
  if (current.status === 'active' && now > current.validUntil) {
    current = (await config.storage.update(scope, record.publicKey, { status: 'expired' })) ?? current;
  }
  const spending = current.spendingLimits.map((limit) => spendOf(limit.token, policies, now, limit));
  return stateOf(config, current, chain.exists ? chain : undefined, spending, now);
}

async function pickSession(
  config: SessionConfig,
  scope: Parameters<SessionConfig['storage']['get']>[0],
  publicKey: string | undefined,
): Promise<StoredSession | undefined> {
  if (publicKey) return config.storage.get(scope, publicKey);
  const all = await config.storage.list(scope);
  return all.find((s) => s.status === 'active' || s.status === 'pending') ?? all[0];
}

function spendOf(
  token: string,
  policies: Record<string, SpendingPolicyState>,
  now: number,
  limit: StoredSession['spendingLimits'][number],
): SessionSpendState {
  const p = policies[`0x${BigInt(token).toString(16)}`];
  const maxPerWindow = p?.maxPerWindow ?? BigInt(limit.maxPerWindow);
  const windowSeconds = p?.windowSeconds ?? limit.windowSeconds;
  const windowStart = p?.windowStart ?? now;
  const reset = now >= windowStart + windowSeconds;
  const spent = reset ? 0n : (p?.spentInWindow ?? 0n);
  return {
    token,
    maxPerCall: p?.maxPerCall ?? BigInt(limit.maxPerCall),
    maxPerWindow,
    windowSeconds,
    spentInWindow: spent,
    left: maxPerWindow > spent ? maxPerWindow - spent : 0n,
    windowStart,
    nextResetAt: reset ? now + windowSeconds : windowStart + windowSeconds,
  };
}

/** Derives the status of a session from its record and (when read) the chain. */
export function deriveStatus(
  record: Pick<StoredSession, 'status' | 'validUntil' | 'maxCalls' | 'callsUsed'>,
  now: number,
  renewBeforeSeconds: number,
): SessionStatus {
  if (record.status === 'revoked') return 'revoked';
  if (record.status === 'pending') return 'pending';
  if (record.status === 'expired' || now > record.validUntil) return 'expired';
  if ((record.callsUsed ?? 0) >= record.maxCalls) return 'exhausted';
  if (record.validUntil - now <= renewBeforeSeconds) return 'expiring';
  return 'active';
}

function stateOf(
  config: SessionConfig,
  record: StoredSession,
  chain: SessionData | undefined,
  spending: SessionSpendState[],
  now: number,
): SessionState {
  const callsUsed = Math.max(chain?.callsUsed ?? 0, record.callsUsed ?? 0);
  const maxCalls = chain?.maxCalls ?? record.maxCalls;
  return {
    status: deriveStatus({ ...record, callsUsed, maxCalls }, now, config.renewBeforeSeconds),
    publicKey: record.publicKey,
    expiresAt: record.validUntil,
    secondsLeft: Math.max(0, record.validUntil - now),
    maxCalls,
    callsUsed,
    callsLeft: Math.max(0, maxCalls - callsUsed),
    allowedSelectors: record.allowedSelectors,
    spending,
    session: record,
    stale: false,
    error: undefined,
    checkedAt: now,
  };
}

function emptyState(now: number): SessionState {
  return {
    status: 'none',
    publicKey: undefined,
    expiresAt: undefined,
    secondsLeft: 0,
    maxCalls: 0,
    callsUsed: 0,
    callsLeft: 0,
    allowedSelectors: [],
    spending: [],
    session: undefined,
    stale: false,
    error: undefined,
    checkedAt: now,
  };
}
