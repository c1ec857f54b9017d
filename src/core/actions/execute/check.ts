import type { SessionCall } from '../../call.js';
import type { SessionData, SpendingPolicyState } from '../../calls.js';
import { PaymasterUnavailableError } from '../../errors/index.js';
import { toHex } from '../../felt.js';
import { checkSessionCalls } from '../../preflight.js';
import type { InflightHold } from '../inflight.js';
import type { ChainState, Checked, ResolvedSession } from './context.js';

/** The contract's rules on the chain's counters, plus the in-flight transactions of this context. */
export function check(session: ResolvedSession, onChain: ChainState, readFrom?: number): Checked {
  const { config, record, calls, accountAddress, key } = session;
  const { inflight } = config;
  // Without `counters`: the re-check, which judges the calls and spend but does not count them again.
  const run = (fee: SessionCall[], own?: InflightHold, counters?: SessionData) => {
    const now = config.now();
    return checkSessionCalls({
      expiryMarginSeconds: config.expiryMarginSeconds,
      accountAddress,
      calls: [...calls, ...fee],
      // The chain's validUntil is the record's (read checked it); its counters are the truth.
      session: {
        ...record,
        callsUsed: 0,
        maxCalls: 1,
        ...counters,
        allowedSelectors: onChain.allowedSelectors,
      },
      spendingPolicies: withPending(onChain.policies, inflight.pendingSpend(key, now, own, readFrom), now),
      now,
      pendingTransactions: counters && inflight.pending(key, counters.callsUsed, now),
    });
  };
  // Judged once more right before each signature: the clock may have moved while the paymaster answered
  // (never sign past the margin), and in gas-token mode the paymaster's fee transfer is one more signed
  // call that must pass the session's rules too (caps included, with what else is in flight, but not this
  // transaction's own hold).
  const checked: Checked = {
    ...run([], undefined, onChain.session),
    policies: onChain.policies,
    recheck: (fee = []) => run(fee, checked.own),
  };
  return checked;
}

/** Counted synchronously after the check (calls and spend), so parallel executes see each other. */
export function reserve(session: ResolvedSession, onChain: ChainState, checked: Checked): InflightHold {
  const hold = session.config.inflight.reserve(session.key, onChain.session.callsUsed);
  hold.setSpend(checked.spending);
  checked.own = hold;
  return hold;
}

/**
 * A failed submit gives its hold back only when nothing can have run. A "may have executed" failure
 * (retryable: false) keeps it until its outside execution expires (set by the paymaster route).
 */
export function release(hold: InflightHold, error: unknown): never {
  if (!(error instanceof PaymasterUnavailableError && !error.retryable)) hold.fail();
  throw error;
}

/** The chain's policies (keyed by 0x hex token) as they will be once what this context has in flight lands. */
function withPending(
  policies: Record<string, SpendingPolicyState>,
  pending: Map<bigint, bigint>,
  now: number,
): Record<string, SpendingPolicyState> {
  const out = { ...policies };
  for (const [token, amount] of pending) {
    const key = toHex(token);
    const policy = out[key];
    if (!policy || !amount) continue;
    // In flight across a window reset: it will count in the new window, so it stays counted.
    const reset = now >= policy.windowStart + policy.windowSeconds;
    out[key] = {
      ...policy,
      windowStart: reset ? now : policy.windowStart,
      spentInWindow: (reset ? 0n : policy.spentInWindow) + amount,
    };
  }
  return out;
}
