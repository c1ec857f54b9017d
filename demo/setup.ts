// What the demo runs against: the simulated network in the page (default), or a real one when the
// VITE_* variables say so (demo/README.md). Each side is loaded on demand, so a real-network build
// carries no simulator and the simulated one makes no network request.
import type { Chain } from '@starknet-react/chains';
import type { StarknetConfigProps } from '@starknet-react/core';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionConfig } from 'starknet-sessions';
import type { SimulatedNetwork } from './simulated/network.js';

export interface DemoSetup {
  mode: 'simulated' | 'real';
  /** Shown in the header, e.g. "Simulated Sepolia". */
  networkLabel: string;
  chains: Chain[];
  provider: StarknetConfigProps['provider'];
  paymasterProvider: StarknetConfigProps['paymasterProvider'];
  /** 'injected': every get-starknet wallet in the browser; otherwise the demo's own connectors. */
  connectors: 'injected' | NonNullable<StarknetConfigProps['connectors']>;
  sessionConfig: SessionConfig;
  queryClient: QueryClient;
  /** The game contract; undefined on a real network without VITE_GAME_ADDRESS. */
  game: string | undefined;
  /** Names an address for the log and the wallet panel ("Dragon Arena", "Your account"...). */
  nameOf(address: string, account?: string): string | undefined;
  /** Only on the simulated network: the chain, the mock wallet and its panel. */
  simulated: SimulatedNetwork | undefined;
  /** Wipes the demo's chain, log, wallet counter and session keys, then reloads. */
  reset(): Promise<void>;
}

export async function createDemoSetup(env: ImportMetaEnv): Promise<DemoSetup> {
  const real = Boolean(env.VITE_RPC_URL) || env.VITE_WALLET === 'injected';
  if (real) {
    const { createRealSetup } = await import('./real.js');
    return createRealSetup(env);
  }
  const { createSimulatedSetup } = await import('./simulated/network.js');
  return createSimulatedSetup();
}
