import { useEffect, useRef, useSyncExternalStore } from 'react';
import { formatStrk, shortHex } from '../game.js';
import type { SimulatedNetwork } from '../simulated/network.js';
import type { WalletBridge, WalletPrompt } from '../simulated/walletBridge.js';
import type { TxLogEntry } from '../txLog.js';
import { CheckIcon, CrossIcon, WalletIcon } from './icons.js';

const timeOf = (ms: number) =>
  new Date(ms).toLocaleTimeString('en-US', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });

/**
 * The simulated wallet extension: every prompt the dApp causes lands here and waits for the visitor.
 * Its buttons say "in wallet" so they are never confused with the dApp's own "Approve".
 */
export function WalletPanel({ network, log }: { network: SimulatedNetwork; log: readonly TxLogEntry[] }) {
  const { bridge, testnet, wallet } = network;
  const state = useSyncExternalStore(bridge.subscribe, bridge.getSnapshot, bridge.getSnapshot);
  const requestRef = useRef<HTMLFieldSetElement>(null);
  const pending = state.pending;
  // Read at every render (each log change renders): session actions leave the balance untouched.
  const balance = testnet.balanceOf('STRK', wallet.account.address);
  const silent = log.filter((e) => e.kind === 'action' && e.status === 'success').length;

  useEffect(() => {
    if (pending) requestRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [pending]);

  return (
    <section
      className={`demo-wallet${pending ? ' demo-wallet--asking' : ''}`}
      aria-labelledby="demo-wallet-title"
    >
      <header className="demo-wallet__header">
        <span className="demo-wallet__icon">
          <WalletIcon />
        </span>
        <div className="demo-wallet__heading">
          <h2 id="demo-wallet-title" className="demo-wallet__title">
            {wallet.name}
          </h2>
          <p className="demo-wallet__sub">A simulated wallet extension</p>
        </div>
        <p className="demo-wallet__count" role="status">
          Wallet prompts: <strong>{state.prompts}</strong>
        </p>
      </header>

      <dl className="demo-wallet__account">
        <div>
          <dt>Account</dt>
          <dd title={wallet.account.address}>{shortHex(wallet.account.address)}</dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd>{formatStrk(balance)} STRK</dd>
        </div>
        <div>
          <dt>Sent without asking</dt>
          <dd>{silent === 1 ? '1 transaction' : `${silent} transactions`}</dd>
        </div>
      </dl>

      {pending ? (
        <fieldset className="demo-wallet__request" ref={requestRef} aria-labelledby="demo-wallet-request">
          <p className="demo-wallet__origin">{globalThis.location?.host ?? 'this site'} asks:</p>
          <h3 id="demo-wallet-request" className="demo-wallet__request-title">
            {pending.title}
          </h3>
          <PromptDetails prompt={pending} />
          <WalletButtons bridge={bridge} />
        </fieldset>
      ) : (
        <p className="demo-wallet__idle">
          Nothing to sign. Session actions never come here: the session key signs them.
        </p>
      )}

      {state.history.length > 0 ? (
        <div className="demo-wallet__history">
          <h3 className="demo-wallet__history-title">Recent prompts</h3>
          <ul>
            {state.history.map((h) => (
              <li key={h.id} className={h.approved ? 'is-approved' : 'is-rejected'}>
                <span className="demo-wallet__history-mark">
                  {h.approved ? <CheckIcon /> : <CrossIcon />}
                </span>
                <span className="demo-wallet__history-text">
                  {h.calls.map((c) => c.action).join(', ') || h.message || h.title}
                  <span className="visually-hidden">{h.approved ? ' (confirmed)' : ' (rejected)'}</span>
                </span>
                <time>{timeOf(h.at)}</time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function PromptDetails({ prompt }: { prompt: WalletPrompt }) {
  if (prompt.message) return <p className="demo-wallet__message">{prompt.message}</p>;
  if (prompt.calls.length === 0) return null;
  return (
    <ul className="demo-wallet__calls">
      {prompt.calls.map((c, i) => (
        // Calls have no identity but their place in the transaction.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list never reorders
        <li key={i}>
          <span>{c.action}</span>
          <span className="demo-wallet__target">{c.target}</span>
        </li>
      ))}
    </ul>
  );
}

/** On a real network the prompts come from the visitor's own extension. */
export function RealWalletNote() {
  return (
    <section className="demo-wallet demo-wallet--real" aria-labelledby="demo-wallet-title">
      <header className="demo-wallet__header">
        <span className="demo-wallet__icon">
          <WalletIcon />
        </span>
        <div className="demo-wallet__heading">
          <h2 id="demo-wallet-title" className="demo-wallet__title">
            Your wallet
          </h2>
          <p className="demo-wallet__sub">Prompts open in your browser extension</p>
        </div>
      </header>
      <p className="demo-wallet__idle">
        Starting and revoking a session each ask your wallet once. Game actions never do.
      </p>
    </section>
  );
}

/** "in wallet", so they are never confused with the dApp's own "Approve". */
export function WalletButtons({ bridge }: { bridge: Pick<WalletBridge, 'confirm' | 'reject'> }) {
  return (
    <div className="demo-wallet__buttons">
      <button type="button" className="demo-wallet__button" onClick={bridge.reject}>
        Reject in wallet
      </button>
      <button
        type="button"
        className="demo-wallet__button demo-wallet__button--confirm"
        onClick={bridge.confirm}
      >
        Confirm in wallet
      </button>
    </div>
  );
}
