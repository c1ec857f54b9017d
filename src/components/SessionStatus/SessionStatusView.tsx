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
  const part: StatusPart = {
    props,
    state,
    text,
    ids,
    now,
    secondsLeft,
    // Time left matters only while the session can still act (an exhausted one cannot).
    showsTime: (state.status === 'active' || state.status === 'expiring') && state.expiresAt !== undefined,
    label: text.statusLabel[state.status],
  };
  if (props.variant === 'badge') return statusBadge(part);
  const busy = Boolean(props.renewing || props.revoking);
  const hasSession = state.status !== 'none';
  return (
    <section
      className={cx('ss-root ss-card ss-status', `ss-status--${state.status}`, props.className)}
      aria-labelledby={`${ids}-title`}
      aria-busy={busy || undefined}
    >
      {statusHeader(part)}
      {state.status === 'none' ? <p className="ss-muted">{text.statusNone}</p> : null}
      {state.status === 'pending' ? <p className="ss-muted">{text.statusPendingBody}</p> : null}
      {hasSession && state.status !== 'revoked' && state.expiresAt !== undefined ? statusTime(part) : null}
      {hasSession && state.status !== 'pending' ? statusMeters(part) : null}
      {state.stale ? <p className="ss-note">{text.stale}</p> : null}
      {props.error ? (
        <div className="ss-alert ss-alert--danger" role="alert">
          <p className="ss-alert__detail">{errorText(props.error)}</p>
        </div>
      ) : null}
      {statusActions(part, busy)}
    </section>
  );
}

/** What every part of the status reads. */
interface StatusPart {
  props: SessionStatusViewProps;
  state: SessionStatusData;
  text: SessionText;
  ids: string;
  now: number;
  secondsLeft: number;
  showsTime: boolean;
  label: string;
}

/** One line for a header: dot, label, time left. */
function statusBadge({ props, state, text, secondsLeft, showsTime, label }: StatusPart) {
  return (
    <span className={cx('ss-root ss-badge', `ss-badge--${state.status}`, props.className)}>
      <span className="ss-dot" aria-hidden="true" />
      <span role="status" className="ss-badge__label">
        {label}
      </span>
      {showsTime ? (
        <span className="ss-badge__time" role="timer">
          {text.timeLeft(formatCountdown(secondsLeft, text))}
        </span>
      ) : null}
    </span>
  );
}

function statusHeader({ props, state, text, ids, label }: StatusPart) {
  const H = `h${props.headingLevel ?? 2}` as 'h2';
  return (
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
  );
}

/** The countdown while the session can act, and the exact expiry (or when it expired). */
function statusTime({ props, state, text, secondsLeft, showsTime }: StatusPart) {
  const expiresAt = state.expiresAt ?? 0;
  const date = formatDate(expiresAt, { locale: props.locale, timeZone: props.timeZone });
  return (
    <p className="ss-status__time">
      {showsTime ? (
        <span className="ss-status__countdown" role="timer">
          {text.timeLeft(formatCountdown(secondsLeft, text))}
        </span>
      ) : null}
      <time className="ss-muted" dateTime={isoDate(expiresAt)}>
        {(secondsLeft > 0 ? text.expiresAt : text.expiredAt)(date)}
      </time>
    </p>
  );
}

/** Calls used of the maximum, then each capped token's spend left in its window. */
function statusMeters({ props, state, text, ids, now }: StatusPart) {
  const value = (amount: bigint, token: string) =>
    formatTokenValue(amount, token, props.tokens, props.locale);
  return (
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
      {(state.spending ?? []).map((spend, i) => (
        <Meter
          key={spend.token}
          id={`${ids}-spend-${i}`}
          label={text.spendLabel(tokenName(spend.token, props.tokens))}
          valueText={text.spendValue(
            value(spend.left, spend.token),
            value(spend.maxPerWindow, spend.token),
            formatWindow(spend.windowSeconds, text),
          )}
          note={
            spend.left < spend.maxPerWindow
              ? text.spendResets(formatCountdown(Math.max(0, spend.nextResetAt - now), text))
              : undefined
          }
          value={Number((spend.left * 1000n) / (spend.maxPerWindow > 0n ? spend.maxPerWindow : 1n)) / 10}
          max={100}
          tone={spend.left === 0n ? 'danger' : 'accent'}
        />
      ))}
    </div>
  );
}

/** Revoke for live sessions, renew for ending ones; both inert while either is under way. */
function statusActions({ props, state, text }: StatusPart, busy: boolean) {
  const canRenew = props.onRenew && RENEWABLE.includes(state.status);
  const canRevoke = props.onRevoke && LIVE.includes(state.status);
  const guard = (fn: (() => void) | undefined) => () => {
    if (!busy) fn?.();
  };
  if (!canRenew && !canRevoke) return null;
  return (
    <div className="ss-button-row">
      {canRevoke ? (
        <StatusButton kind="danger" busy={busy} pending={props.revoking} onClick={guard(props.onRevoke)}>
          {props.revoking ? text.revokePending : text.revoke}
        </StatusButton>
      ) : null}
      {canRenew ? (
        <StatusButton kind="primary" busy={busy} pending={props.renewing} onClick={guard(props.onRenew)}>
          {props.renewing ? text.renewPending : text.renew}
        </StatusButton>
      ) : null}
    </div>
  );
}

function StatusButton(props: {
  kind: 'danger' | 'primary';
  busy: boolean | undefined;
  pending: boolean | undefined;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      className={`ss-button ss-button--${props.kind}`}
      aria-disabled={props.busy || undefined}
      onClick={props.onClick}
    >
      {props.pending ? <Spinner /> : null}
      {props.children}
    </button>
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
