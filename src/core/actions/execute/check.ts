import type { SessionCall } from '../../call.js';
import { checkSessionCalls } from '../../preflight.js';
import type { ChainState, Checked, ResolvedSession } from './context.js';

/** The contract's rules on the chain's counters, plus the in-flight transactions of this context. */
export function check(session: ResolvedSession, onChain: ChainState): Checked {
  const { config, record, calls, accountAddress } = session;
  const result = checkSessionCalls({
    accountAddress,
    calls,
    // The chain's validUntil is the record's (read checked it); its counters are the truth.
    session: { ...record, ...onChain.session },
    spendingPolicies: onChain.policies,
    now: config.now(),
    expiryMarginSeconds: config.expiryMarginSeconds,
    pendingTransactions: config.inflight.pending(session.key, onChain.session.callsUsed),
  });
  // Judged once more right before each signature, without counting the calls again: the clock may have
  // moved while the paymaster answered (never sign past the margin), and in gas-token mode the paymaster's
  // fee transfer is one more signed call that must pass the session's rules too.
  const recheck = (fee: SessionCall[] = []) => {
    checkSessionCalls({
      accountAddress,
      calls: [...calls, ...fee],
      session: { ...record, callsUsed: 0, maxCalls: 1 },
      spendingPolicies: onChain.policies,
      now: config.now(),
      expiryMarginSeconds: config.expiryMarginSeconds,
    });
  };
  return { ...result, recheck };
}

/** Counted synchronously after the check, so parallel executes see each other. */
export function reserve(session: ResolvedSession, onChain: ChainState) {
  return session.config.inflight.reserve(session.key, onChain.session.callsUsed);
}
