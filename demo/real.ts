// A real Starknet network: VITE_RPC_URL, VITE_PAYMASTER_URL (+ VITE_PAYMASTER_API_KEY) and the
// browser's wallet extensions (Argent X, Braavos, any get-starknet wallet). See demo/README.md.
import { mainnet, sepolia } from '@starknet-react/chains';
import { jsonRpcProvider, paymasterRpcProvider, publicProvider } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { PaymasterRpc } from 'starknet';
import { createSessionConfig } from 'starknet-sessions';
import { APP_NAME } from './game.js';
import { browserStorage, DEMO_KEYS } from './keys.js';
import type { DemoSetup } from './setup.js';

export function createRealSetup(env: ImportMetaEnv): DemoSetup {
  const chain = env.VITE_CHAIN === 'mainnet' ? mainnet : sepolia;
  const headers = env.VITE_PAYMASTER_API_KEY
    ? { 'x-paymaster-api-key': env.VITE_PAYMASTER_API_KEY }
    : undefined;
  const rpcUrl = env.VITE_RPC_URL;
  const paymasterUrl = env.VITE_PAYMASTER_URL;
  // Without a paymaster URL the session's actions go straight to the network and the account pays gas.
  const paymaster = paymasterUrl ? new PaymasterRpc({ nodeUrl: paymasterUrl, headers }) : undefined;
  const game = env.VITE_GAME_ADDRESS || undefined;
  const sessionConfig = createSessionConfig({ appId: 'starknet-sessions-demo', paymaster });
  return {
    mode: 'real',
    networkLabel: chain.id === mainnet.id ? 'Starknet Mainnet' : 'Starknet Sepolia',
    chains: [chain],
    provider: rpcUrl ? jsonRpcProvider({ rpc: () => ({ nodeUrl: rpcUrl }) }) : publicProvider(),
    paymasterProvider: paymasterUrl
      ? paymasterRpcProvider({ rpc: () => ({ nodeUrl: paymasterUrl, headers }) })
      : undefined,
    connectors: 'injected',
    sessionConfig,
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
    game,
    nameOf(address, account) {
      try {
        if (game && BigInt(address) === BigInt(game)) return APP_NAME;
        if (account && BigInt(address) === BigInt(account)) return 'Your account';
      } catch {
        // not an address
      }
      return undefined;
    },
    simulated: undefined,
    async reset() {
      browserStorage()?.removeItem(DEMO_KEYS.log);
      location.reload();
    },
  };
}
