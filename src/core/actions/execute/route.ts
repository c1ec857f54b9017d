import { CallLimitReachedError } from '../../errors/index.js';
import type { ChainState, ResolvedSession } from './context.js';

/**
 * v29/v30 use up a call before checking an outside execution's signature, so with one call left it
 * reverts: that last call goes direct when the app allows it, else it is refused before anything is sent.
 */
export function fitRoute(session: ResolvedSession, onChain: ChainState): ResolvedSession {
  if (session.mode !== 'paymaster' || !session.paymaster) return session;
  const { config, key } = session;
  const { maxCalls, callsUsed } = onChain.session;
  const used = callsUsed + config.inflight.pending(key, callsUsed);
  if (maxCalls - used >= onChain.rules.outsideExecutionCallsNeeded) return session;
  if (config.fallback.direct) return { ...session, mode: 'direct' };
  throw new CallLimitReachedError(maxCalls, used, {
    reason: 'paymaster-needs-two-calls',
    details: `${onChain.rules.version} needs two calls left.`,
  });
}
