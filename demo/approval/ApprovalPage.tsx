// The page an agent's link opens: the request, the consent (who asks marked unverified), ONE wallet
// prompt. Opened as http://127.0.0.1:5173/#session-request=1.… (the demo's network), or with
// ?testnet=<server> (`npm run agent`: the simulated network that agent serves over HTTP).
import { type Connector, useAccount, useConnect } from '@starknet-react/core';
import { type ReactNode, useSyncExternalStore } from 'react';
import { SessionRequestApproval } from 'starknet-sessions';
import { WalletButtons } from '../components/WalletPanel.js';
import { useWalletConnectors } from '../injected.js';
import { Providers } from '../providers.js';
import type { WalletBridge } from '../simulated/walletBridge.js';
import type { ApprovalSetup } from './remoteNetwork.js';

export function ApprovalPage({ setup }: { setup: ApprovalSetup }) {
  const page = (connectors: Connector[]) => (
    <Providers setup={setup} connectors={connectors}>
      <div className="ss-root demo approval">
        <main className="approval__main">
          <h1 className="approval__title">Grant an agent a session</h1>
          <p className="approval__lead">
            An agent asks to act for your account within the limits below. It made its own key and keeps it;
            your wallet signs one transaction that registers it. Network: {setup.label}
          </p>
          <ConnectButtons connectors={connectors} />
          <SessionRequestApproval link={globalThis.location.href} />
        </main>
        {setup.bridge ? <WalletBox bridge={setup.bridge} /> : null}
      </div>
    </Providers>
  );
  return setup.connectors === 'injected' ? <Injected>{page}</Injected> : page(setup.connectors);
}

function Injected({ children }: { children: (connectors: Connector[]) => ReactNode }) {
  return children(useWalletConnectors());
}

function ConnectButtons({ connectors }: { connectors: Connector[] }) {
  const { status } = useAccount();
  const { connect } = useConnect();
  if (status === 'connected') return null;
  return (
    <div className="ss-button-row">
      {connectors.map((connector) => (
        <button
          key={connector.id}
          type="button"
          className="ss-button ss-button--primary"
          onClick={() => connect({ connector })}
        >
          {connectors.length === 1 ? 'Connect wallet' : `Connect ${connector.name}`}
        </button>
      ))}
    </div>
  );
}

/** The simulated wallet's prompt: what an extension's popup would show. */
function WalletBox({ bridge }: { bridge: WalletBridge }) {
  const state = useSyncExternalStore(bridge.subscribe, bridge.getSnapshot, bridge.getSnapshot);
  return (
    <aside className="demo-wallet approval__wallet" aria-labelledby="approval-wallet-title">
      <h2 id="approval-wallet-title" className="demo-wallet__title">
        Demo Wallet
      </h2>
      <p className="demo-wallet__count" role="status">
        Wallet prompts: <strong>{state.prompts}</strong>
      </p>
      {state.pending ? (
        <fieldset className="demo-wallet__request" aria-labelledby="approval-wallet-request">
          <h3 id="approval-wallet-request" className="demo-wallet__request-title">
            {state.pending.title}
          </h3>
          <ul className="demo-wallet__calls">
            {state.pending.calls.map((c) => (
              <li key={`${c.action}:${c.target}`}>
                <span>{c.action}</span> <span className="demo-wallet__target">{c.target}</span>
              </li>
            ))}
          </ul>
          <WalletButtons bridge={bridge} />
        </fieldset>
      ) : (
        <p className="demo-wallet__idle">Nothing to sign.</p>
      )}
    </aside>
  );
}
