'use client';
import { useId } from 'react';
import type { SessionSpendState, SessionState, SessionStatus } from '../../core/actions/index.js';
import type { TokenDisplayInfo } from '../../core/consent.js';
import { cx } from '../classNames.js';
import { type ErrorLike, errorText } from '../errorLike.js';
import {
  formatCountdown,
  formatDate,
  formatInteger,
  formatTokenValue,
  formatWindow,
  isoDate,
  tokenName,
} from '../format.js';
import { Spinner } from '../icons.js';
import { mergeText, type SessionText } from '../text.js';
import { type TimeSource, useNow } from '../useNow.js';

/** One token's spend, as `useSession().data.spending` has it. */
export type SessionSpendView = Pick<
  SessionSpendState,
  'token' | 'maxPerWindow' | 'left' | 'windowSeconds' | 'nextResetAt'
>;

/** What the status needs: `useSession().data` fits as is. */
export interface SessionStatusData
  extends Pick<SessionState, 'status' | 'expiresAt' | 'maxCalls' | 'callsUsed'> {
  spending?: readonly SessionSpendView[] | undefined;
  /** The chain could not be read: this is the last known state. */
  stale?: boolean | undefined;
}

export interface SessionStatusViewProps {
  state: SessionStatusData;
  /** `badge`: one line, for a header. `card`: the full picture with actions. Default card. */
  variant?: 'badge' | 'card' | undefined;
  /**
   * Unix seconds; a function read every second for a live countdown; or a clock that says when it moves
   * (`testnet.clock`). Default: the system clock.
   */
  now?: TimeSource | undefined;
  /** Symbols and decimals of capped tokens. */
  tokens?: readonly TokenDisplayInfo[] | undefined;
  /** Shown for expiring, expired, exhausted and revoked sessions. */
  onRenew?: (() => void) | undefined;
  /** Shown for live sessions. */
  onRevoke?: (() => void) | undefined;
  renewing?: boolean | undefined;
  revoking?: boolean | undefined;
  error?: ErrorLike | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
  headingLevel?: 2 | 3 | 4 | undefined;
  text?: Partial<SessionText> | undefined;
  className?: string | undefined;
}

const LIVE: readonly SessionStatus[] = ['active', 'expiring', 'exhausted'];
const RENEWABLE: readonly SessionStatus[] = ['expiring', 'expired', 'exhausted', 'revoked'];

/** The session at a glance (badge) or in full (card): status, countdown, calls, spend, renew and revoke. */
export function SessionStatusView(props: SessionStatusViewProps) {
  const text = mergeText(props.text);
  const ids = useId();
  const { state } = props;
  const now = useNow(props.now, LIVE.includes(state.status) && state.expiresAt !== undefined);
  const secondsLeft = state.expiresAt === undefined ? 0 : Math.max(0, state.expiresAt - now);
  // Time left matters only while the session can still act (an exhausted one cannot).
  const showsTime =
    (state.status === 'active' || state.status === 'expiring') && state.expiresAt !== undefined;
  const countdown = formatCountdown(secondsLeft, text);
  const label = text.statusLabel[state.status];

  if (props.variant === 'badge') {
    return (
      <span className={cx('ss-root ss-badge', `ss-badge--${state.status}`, props.className)}>
        <span className="ss-dot" aria-hidden="true" />
        <span role="status" className="ss-badge__label">
          {label}
        </span>
        {showsTime ? (
          <span className="ss-badge__time" role="timer">
            {text.timeLeft(countdown)}
          </span>
        ) : null}
      </span>
    );
  }

  const level = props.headingLevel ?? 2;
  const H = `h${level}` as 'h2';
  const dateOptions = { locale: props.locale, timeZone: props.timeZone };
  const busy = Boolean(props.renewing || props.revoking);
  const guard = (fn: (() => void) | undefined) => () => {
    if (!busy) fn?.();
  };
  const canRenew = props.onRenew && RENEWABLE.includes(state.status);
  const canRevoke = props.onRevoke && LIVE.includes(state.status);
  const hasSession = state.status !== 'none';

  return (
    <section
      className={cx('ss-root ss-card ss-status', `ss-status--${state.status}`, props.className)}
      aria-labelledby={`${ids}-title`}
      aria-busy={busy || undefined}
    >
      <header className="ss-status__header">
        <H id={`${ids}-title`} className="ss-title">
          {text.statusTitle}
        </H>
        <span className={cx('ss-badge', `ss-badge--${state.status}`)}>
          <span className="ss-dot" aria-hidden="true" />
          <span role="status" className="ss-badge__label">
            {label}
          </span>
        </span>
      </header>

      {state.status === 'none' ? <p className="ss-muted">{text.statusNone}</p> : null}
      {state.status === 'pending' ? <p className="ss-muted">{text.statusPendingBody}</p> : null}

      {hasSession && state.status !== 'revoked' && state.expiresAt !== undefined ? (
        <p className="ss-status__time">
          {showsTime ? (
            <span className="ss-status__countdown" role="timer">
              {text.timeLeft(countdown)}
            </span>
          ) : null}
          <time className="ss-muted" dateTime={isoDate(state.expiresAt)}>
            {(secondsLeft > 0 ? text.expiresAt : text.expiredAt)(formatDate(state.expiresAt, dateOptions))}
          </time>
        </p>
      ) : null}

      {hasSession && state.status !== 'pending' ? (
        <div className="ss-meters">
          <Meter
            id={`${ids}-calls`}
            label={text.callsLabel}
            valueText={text.callsValue(
              formatInteger(state.callsUsed, props.locale),
              formatInteger(state.maxCalls, props.locale),
            )}
            value={state.callsUsed}
            max={state.maxCalls}
            tone={state.callsUsed >= state.maxCalls ? 'danger' : 'accent'}
          />
          {(state.spending ?? []).map((spend, i) => {
            const resetIn = Math.max(0, spend.nextResetAt - now);
            const name = tokenName(spend.token, props.tokens);
            return (
              <Meter
                key={spend.token}
                id={`${ids}-spend-${i}`}
                label={text.spendLabel(name)}
                valueText={text.spendValue(
                  formatTokenValue(spend.left, spend.token, props.tokens, props.locale),
                  formatTokenValue(spend.maxPerWindow, spend.token, props.tokens, props.locale),
                  formatWindow(spend.windowSeconds, text),
                )}
                note={
                  spend.left < spend.maxPerWindow
                    ? text.spendResets(formatCountdown(resetIn, text))
                    : undefined
                }
                value={
                  Number((spend.left * 1000n) / (spend.maxPerWindow > 0n ? spend.maxPerWindow : 1n)) / 10
                }
                max={100}
                tone={spend.left === 0n ? 'danger' : 'accent'}
              />
            );
          })}
        </div>
      ) : null}

      {state.stale ? <p className="ss-note">{text.stale}</p> : null}
      {props.error ? (
        <div className="ss-alert ss-alert--danger" role="alert">
          <p className="ss-alert__detail">{errorText(props.error)}</p>
        </div>
      ) : null}

      {canRenew || canRevoke ? (
        <div className="ss-button-row">
          {canRevoke ? (
            <button
              type="button"
              className="ss-button ss-button--danger"
              aria-disabled={busy || undefined}
              onClick={guard(props.onRevoke)}
            >
              {props.revoking ? <Spinner /> : null}
              {props.revoking ? text.revokePending : text.revoke}
            </button>
          ) : null}
          {canRenew ? (
            <button
              type="button"
              className="ss-button ss-button--primary"
              aria-disabled={busy || undefined}
              onClick={guard(props.onRenew)}
            >
              {props.renewing ? <Spinner /> : null}
              {props.renewing ? text.renewPending : text.renew}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

interface MeterProps {
  id: string;
  label: string;
  valueText: string;
  note?: string | undefined;
  value: number;
  max: number;
  tone: 'accent' | 'danger';
}

function Meter({ id, label, valueText, note, value, max, tone }: MeterProps) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className="ss-meter">
      <div className="ss-meter__head">
        <span id={id} className="ss-meter__label">
          {label}
        </span>
        <span className="ss-meter__value">{valueText}</span>
      </div>
      <div
        className={cx('ss-bar', `ss-bar--${tone}`)}
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={note ? `${valueText}, ${note}` : valueText}
      >
        {/* The one inline style the components use: a computed width. */}
        <div className="ss-bar__fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      {note ? <p className="ss-meter__note ss-muted">{note}</p> : null}
    </div>
  );
}
