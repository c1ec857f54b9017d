import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, StarknetConfig } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { createSessionConfig, type SessionConfigParameters } from '../../src/core/index.js';
import { createMemoryStorage } from '../../src/core/storage/index.js';
import { SessionProvider } from '../../src/react/index.js';
import { createMockWallet, createTestnet, type TestAccountKind } from '../../src/testing/index.js';

/** A simulated chain, the mock wallet installed for InjectedConnector, and the providers a dApp mounts. */
export function createSessionWorld(options: {
  appId: string;
  approve?: boolean;
  config?: Partial<SessionConfigParameters>;
  /** Give the config `testnet.clock` (re-renders when it moves) instead of a plain `() => testnet.now()`. */
  subscribableClock?: boolean;
  /** The wallet's account: a fresh one of this kind (default: the first v33 account). */
  accountKind?: TestAccountKind;
}) {
  const testnet = createTestnet({ startTime: 1_800_000_000 });
  const account = options.accountKind
    ? testnet.addAccount({ kind: options.accountKind })
    : testnet.accounts[0]!;
  const wallet = createMockWallet(testnet, account, { approve: options.approve ?? true });
  const uninstall = wallet.install();
  const connector = new InjectedConnector({ options: { id: wallet.id, name: wallet.name } });
  const config = createSessionConfig({
    appId: options.appId,
    storage: createMemoryStorage({ now: () => testnet.now() }),
    now: options.subscribableClock ? testnet.clock : () => testnet.now(),
    ...options.config,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <StarknetConfig
      chains={[sepolia]}
      provider={() => testnet.provider()}
      paymasterProvider={() => testnet.paymaster()}
      connectors={[connector]}
      queryClient={queryClient}
    >
      <SessionProvider config={config}>{children}</SessionProvider>
    </StarknetConfig>
  );
  return { testnet, wallet, uninstall, connector, config, queryClient, Wrapper };
}
