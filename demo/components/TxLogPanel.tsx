import { shortHex } from '../game.js';
import type { TxLogEntry } from '../txLog.js';
import { CheckIcon, CrossIcon } from './icons.js';

const VIA: Record<TxLogEntry['via'], string> = {
  wallet: 'Signed in wallet',
  session: 'Session key · gas sponsored',
  'session-direct': 'Session key · account paid gas',
  'wallet-fallback': 'Wallet fallback',
};

const timeOf = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-US', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });

/** Every transaction the demo sent, newest first, with its hash (or why it was refused). */
export function TxLogPanel({
  entries,
  walletAsking = false,
}: {
  entries: readonly TxLogEntry[];
  /** The wallet has not answered yet: a wallet step in progress is asked, not signed or sent. */
  walletAsking?: boolean;
}) {
  const sent = entries.filter((e) => e.status === 'success').length;
  return (
    <section className="demo-card demo-log" aria-labelledby="demo-log-title">
      <header className="demo-card__header">
        <h2 id="demo-log-title" className="demo-card__title">
          Transactions
        </h2>
        <span className="ss-muted demo-log__count">{sent === 1 ? '1 confirmed' : `${sent} confirmed`}</span>
      </header>
      {entries.length === 0 ? (
        <p className="ss-muted demo-log__empty">
          Nothing sent yet. Each transaction appears here with its hash.
        </p>
      ) : (
        <ol className="demo-log__list">
          {entries.map((e) => {
            const asking = walletAsking && e.status === 'pending' && e.via === 'wallet';
            return (
              <li key={e.id} className={`demo-log__item demo-log__item--${e.status}`}>
                <span className="demo-log__mark" aria-hidden="true">
                  {e.status === 'success' ? (
                    <CheckIcon />
                  ) : e.status === 'error' ? (
                    <CrossIcon />
                  ) : (
                    <span className="demo-log__spinner" />
                  )}
                </span>
                <div className="demo-log__main">
                  <p className="demo-log__label">
                    {e.label}
                    <span className={`demo-log__via demo-log__via--${e.via}`}>
                      {asking ? 'Asked in wallet' : VIA[e.via]}
                    </span>
                  </p>
                  <div className="demo-log__detail">
                    {e.status === 'error' ? (
                      <p className="demo-log__error">{e.error}</p>
                    ) : e.hash ? (
                      <code className="demo-log__hash" title={e.hash}>
                        {shortHex(e.hash, 10, 8)}
                      </code>
                    ) : (
                      <p className="ss-muted demo-log__pending">
                        {asking ? 'Waiting for your answer in the wallet…' : 'Sending…'}
                      </p>
                    )}
                    <time className="demo-log__time" dateTime={new Date(e.at).toISOString()}>
                      {timeOf(e.at)}
                    </time>
                  </div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
