// A tiny dApp on the simulated network (no external network): connect the mock wallet, consent,
// act without prompts, watch the status, revoke. Used by the FullFlow story and by a test.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, StarknetConfig, useAccount, useConnect } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SessionConsent, SessionList, SessionStatus } from '../src/components/index.js';
import { createSessionConfig, type SessionConfig } from '../src/core/actions/index.js';
import type { SessionPolicy } from '../src/core/policy.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { SessionProvider, useSession, useSessionExecute } from '../src/react/index.js';
import { createMockWallet, createTestnet, type MockWallet, type Testnet } from '../src/testing/index.js';
import { NOW, TIME_ZONE } from './fixtures.js';

export interface FlowWorld {
  testnet: Testnet;
  wallet: MockWallet;
  connector: InjectedConnector;
  config: SessionConfig;
  queryClient: QueryClient;
  uninstall: () => void;
}

/** A fresh simulated chain, wallet and session config; the clock is the testnet's (it moves only when told). */
export function createFlowWorld(options: { walletId?: string } = {}): FlowWorld {
  const testnet = createTestnet({ startTime: NOW });
  const wallet = createMockWallet(testnet, testnet.accounts[0]!, { id: options.walletId ?? 'mock' });
  const uninstall = wallet.install();
  const connector = new InjectedConnector({ options: { id: wallet.id, name: wallet.name } });
  const now = () => testnet.now();
  const config = createSessionConfig({ appId: 'dragon-game', storage: createMemoryStorage({ now }), now });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { testnet, wallet, connector, config, queryClient, uninstall };
}

export function demoPolicy(testnet: Testnet): SessionPolicy {
  return {
    actions: [
      {
        entrypoint: 'attack',
        contractAddress: testnet.game,
        label: 'Attack a monster',
        contractLabel: 'Dragon Game',
      },
      {
        entrypoint: 'move',
        contractAddress: testnet.game,
        label: 'Move your hero',
        contractLabel: 'Dragon Game',
      },
    ],
    durationSeconds: 3600,
    maxCalls: 20,
  };
}

export function FullFlowDemo({ world }: { world: FlowWorld }) {
  const { testnet } = world;
  useEffect(() => world.uninstall, [world]);
  return (
    <StarknetConfig
      chains={[sepolia]}
      provider={() => testnet.provider()}
      paymasterProvider={() => testnet.paymaster()}
      connectors={[world.connector]}
      queryClient={world.queryClient}
    >
      <SessionProvider config={world.config}>
        <DemoApp world={world} />
      </SessionProvider>
    </StarknetConfig>
  );
}

function DemoApp({ world }: { world: FlowWorld }) {
  const { testnet, connector } = world;
  const { status, account } = useAccount();
  const { connect } = useConnect();
  const session = useSession({ refetchInterval: false });
  const exec = useSessionExecute();
  const [attacks, setAttacks] = useState(0);
  const [declined, setDeclined] = useState(false);

  // The account object arrives a moment after the status says connected.
  if (status !== 'connected' || !account) {
    return (
      <main className="sb-demo">
        <h1>Dragon Game</h1>
        <button
          type="button"
          className="ss-root ss-button ss-button--primary"
          onClick={() => connect({ connector })}
        >
          Connect mock wallet
        </button>
      </main>
    );
  }

  const state = session.data?.status ?? 'none';
  const usable = state === 'active' || state === 'expiring';
  const attack = () => {
    exec
      .executeAsync([{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }])
      .then(() => setAttacks(testnet.gameState(testnet.accounts[0]!).attacks))
      .catch(() => {}); // shown from exec.error
  };

  return (
    <main className="sb-demo">
      <header className="sb-demo__header">
        <h1>Dragon Game</h1>
        <SessionStatus variant="badge" />
      </header>
      {usable ? (
        <section className="sb-demo__play" aria-label="Play">
          <button
            type="button"
            className="ss-root ss-button ss-button--primary"
            aria-disabled={exec.isPending || undefined}
            onClick={() => {
              if (!exec.isPending) attack();
            }}
          >
            Attack
          </button>
          <p role="status">Attacks landed: {attacks}</p>
          {exec.error ? <p role="alert">{exec.error.shortMessage}</p> : null}
        </section>
      ) : declined ? (
        <p>
          No session: every action would ask your wallet.{' '}
          <button
            type="button"
            className="ss-root ss-button ss-button--secondary"
            onClick={() => setDeclined(false)}
          >
            Review the request again
          </button>
        </p>
      ) : (
        <SessionConsent
          policy={demoPolicy(testnet)}
          appName="Dragon Game"
          appOrigin="dragon.example"
          timeZone={TIME_ZONE}
          onReject={() => setDeclined(true)}
        />
      )}
      <SessionStatus timeZone={TIME_ZONE} />
      <SessionList appName="Dragon Game" timeZone={TIME_ZONE} />
      <button
        type="button"
        className="ss-root ss-button ss-button--secondary"
        onClick={() => {
          testnet.advanceTime(10 * 60);
          void world.queryClient.invalidateQueries();
        }}
      >
        Skip 10 minutes
      </button>
    </main>
  );
}
