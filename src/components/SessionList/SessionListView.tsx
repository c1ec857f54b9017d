'use client';
import { useId } from 'react';
import type { SessionStatus, SessionSummary } from '../../core/actions/index.js';
import { cx } from '../classNames.js';
import { type ErrorLike, errorText } from '../errorLike.js';
import { formatDate, formatInteger, isoDate, shortHex } from '../format.js';
import { Spinner } from '../icons.js';
import { mergeText, type SessionText } from '../text.js';

/** One row: `useSessions().data` items fit as they are. */
export type SessionListItem = Pick<
  SessionSummary,
  'publicKey' | 'status' | 'expiresAt' | 'maxCalls' | 'callsUsed' | 'createdAt'
>;

export interface SessionListViewProps {
  sessions: readonly SessionListItem[];
  /** The app's name for the title ("Sessions for Dragon Game"). */
  appName?: string | undefined;
  onRevoke?: ((publicKey: string) => void) | undefined;
  onRevokeAll?: (() => void) | undefined;
  /** Keys being revoked, or 'all'. */
  revoking?: readonly string[] | 'all' | undefined;
  /** How many sessions the last revocation removed, announced to screen readers. */
  revokedCount?: number | undefined;
  error?: ErrorLike | undefined;
  locale?: string | undefined;
  timeZone?: string | undefined;
  headingLevel?: 2 | 3 | 4 | undefined;
  text?: Partial<SessionText> | undefined;
  className?: string | undefined;
}

const REVOCABLE: readonly SessionStatus[] = ['active', 'expiring', 'exhausted', 'pending'];

/** The account's sessions for the app, newest first, with revoke one and revoke all. */
export function SessionListView(props: SessionListViewProps) {
  const text = mergeText(props.text);
  const ids = useId();
  const level = props.headingLevel ?? 2;
  const H = `h${level}` as 'h2';
  const dateOptions = { locale: props.locale, timeZone: props.timeZone };
  const revokingAll = props.revoking === 'all';
  // Keys revoked one by one (while revoking all, every row is).
  const keys = props.revoking === 'all' ? [] : (props.revoking ?? []);
  const busy = revokingAll || keys.length > 0;
  const isRevoking = (key: string) => revokingAll || keys.some((k) => BigInt(k) === BigInt(key));
  const anyLive = props.sessions.some((s) => REVOCABLE.includes(s.status));

  return (
    <section
      className={cx('ss-root ss-card ss-list', props.className)}
      aria-labelledby={`${ids}-title`}
      aria-busy={busy || undefined}
    >
      <header className="ss-list__header">
        <H id={`${ids}-title`} className="ss-title">
          {text.listTitle(props.appName)}
        </H>
        {props.onRevokeAll && anyLive ? (
          <button
            type="button"
            className="ss-button ss-button--danger ss-button--small"
            aria-disabled={busy || undefined}
            onClick={() => {
              if (!busy) props.onRevokeAll?.();
            }}
          >
            {revokingAll ? <Spinner /> : null}
            {revokingAll ? text.revokeAllPending : text.revokeAll}
          </button>
        ) : null}
      </header>

      {props.sessions.length === 0 ? (
        <p className="ss-muted ss-list__empty">{text.listEmpty}</p>
      ) : (
        <ul className="ss-list__items">
          {props.sessions.map((session) => {
            const key = shortHex(session.publicKey);
            const ended = !REVOCABLE.includes(session.status);
            const revoking = isRevoking(session.publicKey);
            return (
              <li key={session.publicKey} className={cx('ss-list__item', ended && 'ss-list__item--ended')}>
                <div className="ss-list__main">
                  <div className="ss-list__line">
                    <span className="ss-list__key" title={session.publicKey}>
                      {text.listKey(key)}
                    </span>
                    <span className={cx('ss-badge', `ss-badge--${session.status}`)}>
                      <span className="ss-dot" aria-hidden="true" />
                      <span className="ss-badge__label">{text.statusLabel[session.status]}</span>
                    </span>
                  </div>
                  <p className="ss-list__meta ss-muted">
                    {session.status === 'revoked' ? null : (
                      <time dateTime={isoDate(session.expiresAt)}>
                        {(ended ? text.expiredAt : text.expiresAt)(
                          formatDate(session.expiresAt, dateOptions),
                        )}
                      </time>
                    )}
                    <span>
                      {text.listCalls(
                        formatInteger(session.callsUsed, props.locale),
                        formatInteger(session.maxCalls, props.locale),
                      )}
                    </span>
                    <time dateTime={isoDate(session.createdAt)}>
                      {text.listCreated(formatDate(session.createdAt, dateOptions))}
                    </time>
                  </p>
                </div>
                {props.onRevoke && !ended ? (
                  <button
                    type="button"
                    className="ss-button ss-button--secondary ss-button--small ss-list__revoke"
                    aria-label={revoking ? `${text.revokePending} ${key}` : text.revokeOne(key)}
                    aria-disabled={busy || undefined}
                    onClick={() => {
                      if (!busy) props.onRevoke?.(session.publicKey);
                    }}
                  >
                    {revoking ? <Spinner /> : null}
                    {revoking ? text.revokePending : text.revoke}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <div className="ss-visually-hidden" role="status">
        {busy
          ? revokingAll
            ? text.revokeAllPending
            : text.revokePending
          : props.revokedCount
            ? text.revokedAnnouncement(props.revokedCount)
            : null}
      </div>
      {props.error ? (
        <div className="ss-alert ss-alert--danger" role="alert">
          <p className="ss-alert__detail">{errorText(props.error)}</p>
        </div>
      ) : null}
    </section>
  );
}
