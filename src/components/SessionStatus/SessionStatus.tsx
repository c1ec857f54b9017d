'use client';
import { useMemo } from 'react';
import type { SessionState, SessionStatus as SessionStatusName } from '../../core/actions/index.js';
import { spendingTokenInfo, type TokenDisplayInfo } from '../../core/consent.js';
import { useSessionConfig } from '../../react/context.js';
import { useCreateSession } from '../../react/useCreateSession.js';
import { useRevokeSession } from '../../react/useRevokeSession.js';
import { useSession } from '../../react/useSession.js';
import { useStarknetBindings } from '../../react/useStarknet.js';
import { SessionStatusView, type SessionStatusViewProps } from './SessionStatusView.js';

/**
 * The status union (`none | pending | active | expiring | expired | exhausted | revoked`), the same type as
 * core's: `SessionStatus` names both the component and the type, so one import serves both.
 */
export type SessionStatus = SessionStatusName;

export interface SessionStatusProps
  extends Omit<
    SessionStatusViewProps,
    'state' | 'now' | 'onRenew' | 'onRevoke' | 'renewing' | 'revoking' | 'error'
  > {
  /** A specific session; default the newest usable one of the connected account. */
  publicKey?: string | undefined;
  /** Offer Renew (same policy, counted from now; one wallet prompt). Default true. */
  renewable?: boolean | undefined;
  /** Offer Revoke (one wallet prompt). Default true. */
  revocable?: boolean | undefined;
}

/** The live session of the connected account, with a ticking countdown, renew and revoke. */
export function SessionStatus({
  publicKey,
  renewable = true,
  revocable = true,
  ...view
}: SessionStatusProps) {
  const config = useSessionConfig();
  const session = useSession({ publicKey });
  const create = useCreateSession();
  const revoke = useRevokeSession();
  const { paymaster } = useStarknetBindings();
  // Actions go through a paymaster with no direct fallback: show what an outside execution can still use.
  const state = gaslessView(session.data, !!(config.paymaster ?? paymaster) && !config.fallback.direct);
  // Symbols and decimals saved with the policy at creation, then the app's own list.
  const tokens = useMemo<TokenDisplayInfo[]>(
    () => [...spendingTokenInfo(state?.session?.policy), ...(view.tokens ?? [])],
    [state?.session?.policy, view.tokens],
  );
  const key = state?.publicKey;
  return (
    <SessionStatusView
      {...view}
      state={state ?? { status: 'none', expiresAt: undefined, maxCalls: 0, callsUsed: 0 }}
      now={config.clock ?? config.now}
      tokens={tokens}
      onRenew={renewable && state?.session?.policy ? () => create.renew() : undefined}
      onRevoke={revocable && key ? () => revoke.revokeSession({ publicKeys: [key] }) : undefined}
      renewing={create.isPending}
      revoking={revoke.isPending}
      error={revoke.error ?? create.error ?? undefined}
    />
  );
}

/** v29/v30 keep the last call back from outside executions: it is neither counted nor shown as usable. */
function gaslessView(state: SessionState | undefined, gasless: boolean): SessionState | undefined {
  if (!state || !gasless || state.callsLeftGasless >= state.callsLeft) return state;
  const out = state.callsLeftGasless === 0 && ['active', 'expiring'].includes(state.status);
  return {
    ...state,
    maxCalls: state.callsUsed + state.callsLeftGasless,
    status: out ? 'exhausted' : state.status,
  };
}
