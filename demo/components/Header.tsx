import { type Connector, useAccount, useConnect, useDisconnect } from '@starknet-react/core';
import { useState } from 'react';
import { APP_NAME, shortHex } from '../game.js';
import type { DemoSetup } from '../setup.js';
import { Logo, LogoutIcon } from './icons.js';

export function Header({ setup }: { setup: DemoSetup }) {
  const { address, status } = useAccount();
  const { connectors, connectAsync, isPending } = useConnect();
  const { disconnect } = useDisconnect();
  const [choosing, setChoosing] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const connect = async (connector: Connector) => {
    setError(undefined);
    setChoosing(false);
    try {
      await connectAsync({ connector });
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : 'The wallet did not connect.');
    }
  };
  const onConnect = () => {
    const [only] = connectors;
    if (connectors.length === 1 && only) void connect(only);
    else setChoosing((open) => !open);
  };

  return (
    <header className="demo-header">
      <div className="demo-header__inner">
        <div className="demo-brand">
          <Logo />
          <div>
            <p className="demo-brand__name">{APP_NAME}</p>
            <p className="demo-brand__tagline">starknet-sessions demo</p>
          </div>
        </div>
        <div className="demo-header__end">
          <span className={`demo-pill demo-pill--${setup.mode}`} title="The network this demo talks to">
            <span className="demo-pill__dot" aria-hidden="true" />
            {setup.networkLabel}
          </span>
          {status === 'connected' && address ? (
            <div className="demo-account">
              <span className="demo-account__address" title={address}>
                {shortHex(address)}
              </span>
              <button
                type="button"
                className="demo-link demo-disconnect"
                onClick={() => disconnect()}
                title="Disconnect"
              >
                <LogoutIcon />
                <span className="demo-disconnect__text">Disconnect</span>
              </button>
            </div>
          ) : (
            <div className="demo-connect">
              <button
                type="button"
                className="ss-button ss-button--primary ss-button--small"
                onClick={onConnect}
                aria-expanded={connectors.length > 1 ? choosing : undefined}
                aria-disabled={isPending || undefined}
              >
                {isPending || status === 'connecting' || status === 'reconnecting'
                  ? 'Connecting…'
                  : 'Connect wallet'}
              </button>
              {choosing ? (
                <ul className="demo-connect__menu">
                  {connectors.map((c) => (
                    <li key={c.id}>
                      <button type="button" onClick={() => void connect(c)} disabled={!c.available()}>
                        {c.name}
                        {c.available() ? null : <span className="ss-muted"> (not installed)</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          )}
        </div>
      </div>
      {error ? (
        <p className="demo-header__error" role="alert">
          {error}
        </p>
      ) : null}
    </header>
  );
}
