'use client';
import type { UseQueryResult } from '@tanstack/react-query';
import { timeParts } from '../core/actions/getSessionState.js';
import type { SessionState } from '../core/actions/index.js';
import { sessionStateQueryOptions } from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useAccountQuery } from './queries.js';
import { useTimeBoundary } from './useTimeBoundary.js';

export interface UseSessionParameters {
  /** A specific session; default: the newest usable one of the connected account. */
  publicKey?: string | undefined;
  /** Re-read the chain this often (ms) to catch revocations from elsewhere. Default 30 000; false to disable. */
  refetchInterval?: number | false | undefined;
}

/** `data`: the live `SessionState` (status, time left, calls left, spend left…). */
export type UseSessionReturnType = UseQueryResult<SessionState, Error>;

/**
 * One live object for the session: status (`none | pending | active | expiring | expired | exhausted |
 * revoked`), expiry and seconds left, calls used / max / left, per-token spend left and next reset.
 * Refreshed from the chain, updated optimistically after each execute, and re-rendered exactly when
 * the session becomes `expiring` or `expired`.
 */
export function useSession(parameters: UseSessionParameters = {}): UseSessionReturnType {
  const config = useSessionConfig();
  const query = useAccountQuery((config, { provider, accountAddress, chainId }) => ({
    ...sessionStateQueryOptions(config, {
      provider,
      chainId,
      accountAddress: accountAddress ?? '',
      publicKey: parameters.publicKey,
    }),
    enabled: Boolean(accountAddress && chainId),
    refetchInterval: parameters.refetchInterval ?? 30_000,
    // Time-dependent parts (status, secondsLeft) are brought up to now at every render.
    select: (state: SessionState): SessionState =>
      // none: nothing depends on time
      state.session ? { ...state, ...timeParts(config, state, config.now()) } : state,
  }));
  // Re-render at the next status boundary (expiring, then expired) instead of ticking every second.
  // No session: NaN, so neither comparison holds.
  const expiresAt = query.data?.expiresAt ?? Number.NaN;
  const now = config.now();
  const renewAt = expiresAt - config.renewBeforeSeconds;
  useTimeBoundary(config, now < renewAt ? renewAt : now <= expiresAt ? expiresAt + 1 : undefined);

  return query;
}
