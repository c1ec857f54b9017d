// The page an agent's link opens: the request, the consent (who asks marked unverified), ONE wallet
// prompt. Opened as http://127.0.0.1:5173/?testnet=<server>#session-request=1.…
import { StarknetConfig, useAccount, useConnect } from '@starknet-react/core';
import { useSyncExternalStore } from 'react';
import { SessionProvider, SessionRequestApproval } from 'starknet-sessions';
import type { RemoteNetwork } from './remoteNetwork.js';

export function ApprovalPage({ network }: { network: RemoteNetwork }) {
  return (
    <StarknetConfig
      chains={network.chains}
      provider={() => network.provider}
      paymasterProvider={() => network.paymaster}
      connectors={[network.connector]}
      queryClient={network.queryClient}
    >
      <SessionProvider config={network.sessionConfig}>
        <div className="ss-root demo approval">
          <main className="approval__main">
            <h1 className="approval__title">Grant an agent a session</h1>
            <p className="approval__lead">
              An agent asks to act for your account within the limits below. It made its own key and keeps it;
              your wallet signs one transaction that registers it. Network: {network.url}
            </p>
            <ConnectButton network={network} />
            <SessionRequestApproval link={globalThis.location.href} />
          </main>
          <WalletBox network={network} />
        </div>
      </SessionProvider>
    </StarknetConfig>
  );
}

function ConnectButton({ network }: { network: RemoteNetwork }) {
  const { status } = useAccount();
  const { connect } = useConnect();
  if (status === 'connected') return null;
  return (
    <button
      type="button"
      className="ss-button ss-button--primary"
      onClick={() => connect({ connector: network.connector })}
    >
      Connect wallet
    </button>
  );
}

/** The simulated wallet's prompt: what an extension's popup would show. */
function WalletBox({ network }: { network: RemoteNetwork }) {
  const { bridge } = network;
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
        </fieldset>
      ) : (
        <p className="demo-wallet__idle">Nothing to sign.</p>
      )}
    </aside>
  );
}
