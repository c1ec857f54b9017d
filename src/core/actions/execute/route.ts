import { CallLimitReachedError } from '../../errors/index.js';
import type { SessionConfig } from '../config.js';
import type { ExecuteWithSessionParameters } from '../executeWithSession.js';
import type { ChainState, ResolvedSession, Route } from './context.js';

/** Paymaster when one is configured (or asked for), else direct. */
export function routeOf(config: SessionConfig, parameters: ExecuteWithSessionParameters): Route {
  const paymaster = parameters.paymaster ?? config.paymaster;
  // The parameters' own maxFeeInGasToken and owner ride along.
  return {
    ...parameters,
    mode: parameters.mode ?? (paymaster ? 'paymaster' : 'direct'),
    paymaster,
    feeMode: parameters.feeMode ?? config.feeMode,
  };
}

/**
 * v29/v30 use up a call before checking an outside execution's signature, so with one call left it
 * reverts: that last call goes direct when the app allows it, else it is refused before anything is sent.
 */
export function fitRoute(session: ResolvedSession, route: Route, onChain: ChainState): Route {
  if (route.mode !== 'paymaster' || !route.paymaster) return route;
  const { config, key } = session;
  const { maxCalls, callsUsed } = onChain.session;
  const used = callsUsed + config.inflight.pending(key, callsUsed);
  if (maxCalls - used >= onChain.rules.outsideExecutionCallsNeeded) return route;
  if (config.fallback.direct) return { ...route, mode: 'direct' };
  throw new CallLimitReachedError(maxCalls, used, {
    reason: 'paymaster-needs-two-calls',
    details: `${onChain.rules.version} needs two calls left.`,
  });
}
