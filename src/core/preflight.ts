import { type NormalizedCall, normalizeCalls, type SessionCall, trackedSelectors } from './call.js';
import type { SpendingPolicyState } from './calls.js';
import { u256FromCalldata } from './calls.js';
import {
  AdminSelectorError,
  CallLimitReachedError,
  CallNotAllowedError,
  InvalidCalldataError,
  InvalidInputError,
  type RefusedCall,
  SessionExpiredError,
  SessionNotFoundError,
  SpendLimitExceededError,
} from './errors/index.js';
import { toAddress, toHex } from './felt.js';
import { inputObject } from './input.js';
import { adminSelectorName } from './policy.js';

/** The session as the preflight needs it: the local record plus what the chain last said. */
export interface PreflightSession {
  publicKey: string;
  /** The registered validUntil, which goes into signature[3]. */
  validUntil: number;
  maxCalls: number;
  callsUsed: number;
  /** 0x hex selectors as registered; [] = any non-admin selector. */
  allowedSelectors: readonly string[];
  /** False when get_session_data says valid_until == 0 (never added, or revoked). Default true. */
  exists?: boolean | undefined;
}

export interface CheckSessionCallsParameters {
  accountAddress: string;
  calls: readonly SessionCall[];
  session: PreflightSession;
  /** On-chain spending policy per token (0x hex address, any padding). Tokens without an entry have no policy. */
  spendingPolicies?: Readonly<Record<string, SpendingPolicyState>> | undefined;
  /** Unix seconds; defaults to the system clock. */
  now?: number | undefined;
  /** Refuse to sign this many seconds before validUntil, so the transaction lands in time (default 30). */
  expiryMarginSeconds?: number | undefined;
  /** Transactions already signed with this session but not yet counted on chain. */
  pendingTransactions?: number | undefined;
}

export interface TokenSpend {
  token: string;
  /** What this transaction moves (sum over the multicall). */
  amount: bigint;
  /** spent_in_window after this transaction, as the contract will store it. */
  spentInWindow: bigint;
  windowStart: number;
}

export interface CheckSessionCallsResult {
  calls: NormalizedCall[];
  /** Per-token spend this transaction adds, for tokens with a policy. */
  spending: TokenSpend[];
}

export const DEFAULT_EXPIRY_MARGIN_SECONDS = 30;

/**
 * Runs the account's session checks locally, in the contract's order (expiry with a margin, exists, calls
 * left, admin blocklist, self-call rule, whitelist, spending caps), and throws the specific typed error
 * where the contract would only say 'Session: unauthorized selector'.
 */
export function checkSessionCalls(parameters: CheckSessionCallsParameters): CheckSessionCallsResult {
  const session = inputObject(inputObject(parameters).session, 'session');
  const account = toAddress(parameters.accountAddress, 'accountAddress');
  const calls = normalizeCalls(parameters.calls);
  if (calls.length === 0) throw new InvalidInputError('calls', 'No calls to execute.');
  const now = parameters.now ?? Math.floor(Date.now() / 1000);
  const margin = parameters.expiryMarginSeconds ?? DEFAULT_EXPIRY_MARGIN_SECONDS;

  if (now + margin > session.validUntil) throw new SessionExpiredError(session.validUntil, now);
  if (session.exists === false) throw new SessionNotFoundError(session.publicKey);
  const used = session.callsUsed + (parameters.pendingTransactions ?? 0);
  if (used >= session.maxCalls) throw new CallLimitReachedError(session.maxCalls, used);

  calls.forEach((call, i) => {
    const admin = adminSelectorName(call.selector);
    if (admin) throw new AdminSelectorError(admin, refused(call, i));
  });
  // Then the whitelist; an empty one means any selector, but never the account itself.
  const allowed = new Set(session.allowedSelectors.map(BigInt));
  calls.forEach((call, i) => {
    const reason = allowed.size
      ? !allowed.has(call.selector) && 'not-whitelisted'
      : call.to === account && 'self-call';
    if (reason) throw new CallNotAllowedError(reason, refused(call, i));
  });
  return { calls, spending: checkSpending(calls, parameters.spendingPolicies, now) };
}

function checkSpending(
  calls: readonly NormalizedCall[],
  policies: Readonly<Record<string, SpendingPolicyState>> | undefined,
  now: number,
): TokenSpend[] {
  if (!policies) return [];
  const byToken = new Map(Object.entries(policies).map(([token, policy]) => [BigInt(token), policy]));
  const state = new Map<bigint, TokenSpend>();
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    if (!trackedSelectors().has(call.selector)) continue;
    const policy = byToken.get(call.to);
    if (!policy || policy.maxPerWindow === 0n) continue;
    const at = refused(call, i);
    const amount = u256FromCalldata(call.calldata[1], call.calldata[2]);
    if (amount === undefined) {
      throw new InvalidCalldataError(
        'Bad token amount in calldata.',
        at,
        call.calldata.length < 3 ? 'Spending: calldata too short' : 'Spending: invalid amount',
      );
    }
    if (amount > policy.maxPerCall) {
      throw new SpendLimitExceededError(at.contractAddress, 'per-call', amount, policy.maxPerCall, at);
    }
    if (policy.windowOverflows) {
      throw new SpendLimitExceededError(at.contractAddress, 'window-overflow', amount, 0n, at);
    }
    let spend = state.get(call.to);
    if (!spend) {
      // Tumbling window anchored at the last reset; the contract resets when now >= start + window.
      const reset = now >= policy.windowStart + policy.windowSeconds;
      spend = {
        token: at.contractAddress,
        amount: 0n,
        spentInWindow: reset ? 0n : policy.spentInWindow,
        windowStart: reset ? now : policy.windowStart,
      };
      state.set(call.to, spend);
    } else if (now >= spend.windowStart + policy.windowSeconds) {
      spend.spentInWindow = 0n;
      spend.windowStart = now;
    }
    if (spend.spentInWindow + amount > policy.maxPerWindow) {
      throw new SpendLimitExceededError(
        at.contractAddress,
        'per-window',
        spend.amount + amount,
        policy.maxPerWindow - spend.spentInWindow,
        at,
      );
    }
    spend.spentInWindow += amount;
    spend.amount += amount;
  }
  return [...state.values()];
}

function refused(call: NormalizedCall, index: number): RefusedCall {
  return {
    index,
    contractAddress: toHex(call.to),
    selector: toHex(call.selector),
    entrypoint: call.entrypoint,
  };
}
