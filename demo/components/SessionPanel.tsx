import { useAccount } from '@starknet-react/core';
import { useMemo, useState } from 'react';
import { SessionConsent, SessionStatus, type SessionText, useSession } from 'starknet-sessions';
import { APP_NAME, gamePolicy } from '../game.js';
import type { DemoSetup } from '../setup.js';

// The names the end-to-end test (and a visitor) read: "Revoke session", "5 / 20 calls".
const STATUS_TEXT: Partial<SessionText> = {
  statusNone: 'No session yet. Start one to play without wallet prompts.',
  callsLabel: 'Transactions',
  callsValue: (used, max) => `${used} / ${max} calls`,
  revoke: 'Revoke session',
  revokePending: 'Revoking…',
};
const CONSENT_TEXT: Partial<SessionText> = { approve: 'Approve' };
const RESTARTABLE = new Set(['none', 'expired', 'revoked', 'exhausted']);

/** The session: its live status, or the consent card while the visitor decides. */
export function SessionPanel({ setup }: { setup: DemoSetup }) {
  const { status } = useAccount();
  const session = useSession().data;
  const [consentOpen, setConsentOpen] = useState(false);
  const policy = useMemo(() => gamePolicy(setup.game), [setup.game]);
  const connected = status === 'connected';

  if (connected && consentOpen) {
    return (
      <SessionConsent
        className="demo-session__consent"
        policy={policy}
        appName={APP_NAME}
        appOrigin={globalThis.location?.host}
        paymasterName={APP_NAME}
        text={CONSENT_TEXT}
        onApproved={() => setConsentOpen(false)}
        onReject={() => setConsentOpen(false)}
      />
    );
  }

  const canStart = connected && Boolean(setup.game) && RESTARTABLE.has(session?.status ?? 'none');
  return (
    <div className="demo-session">
      <SessionStatus text={STATUS_TEXT} renewable={false} className="demo-session__status" />
      {RESTARTABLE.has(session?.status ?? 'none') ? (
        <div className="demo-session__start">
          <p className="ss-muted">
            {!connected
              ? 'Connect your wallet first.'
              : setup.game
                ? 'Attack, move and claim for an hour, up to 20 transactions.'
                : 'Set VITE_GAME_ADDRESS to play on this network.'}
          </p>
          <button
            type="button"
            className="ss-button ss-button--primary"
            disabled={!canStart}
            onClick={() => setConsentOpen(true)}
          >
            Start session
          </button>
        </div>
      ) : null}
    </div>
  );
}
