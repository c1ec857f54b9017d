// The default: a simulated Starknet in the page (JSON-RPC + SNIP-29 paymaster + v33 session
// accounts), and a mock wallet whose prompts the wallet panel shows. Nothing leaves the browser.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { PaymasterRpc, RpcProvider } from 'starknet';
import { createSessionConfig } from 'starknet-sessions';
import { createMockWallet, createTestnet, type MockWallet, type Testnet } from 'starknet-sessions/testing';
import { APP_NAME } from '../game.js';
import { browserStorage, DEMO_KEYS } from '../keys.js';
import type { DemoSetup } from '../setup.js';
import { createWalletBridge, type WalletBridge } from './walletBridge.js';

export interface SimulatedNetwork {
  testnet: Testnet;
  wallet: MockWallet;
  /** The wallet panel's side of the mock wallet: pending prompt, Confirm / Reject, prompt count. */
  bridge: WalletBridge;
}

const WALLET_ID = 'demo-wallet';
const WALLET_NAME = 'Demo Wallet';

export function createSimulatedSetup(): DemoSetup {
  const storage = browserStorage();
  // Kept in localStorage beside the encrypted session keys (IndexedDB): a reload finds both.
  const testnet = createTestnet({
    persist: storage ? { storage, key: DEMO_KEYS.chain } : undefined,
  });
  // The simulated clock stands still unless moved: bring it to the wall clock before every request,
  // so sessions expire in real time and the chain makes blocks only when something happens.
  const syncClock = () => {
    const now = Math.floor(Date.now() / 1000);
    if (now > testnet.now()) testnet.setTime(now);
  };
  syncClock();
  const baseFetch: typeof fetch = (input, init) => {
    syncClock();
    return testnet.fetch(input, init);
  };
  const provider = new RpcProvider({
    nodeUrl: testnet.rpcUrl,
    baseFetch,
    transactionRetryIntervalFallback: 20,
  });
  const paymaster = new PaymasterRpc({ nodeUrl: testnet.paymasterUrl, baseFetch });

  const account = testnet.accounts[0];
  if (!account) throw new RangeError('The simulated network has no account.');
  const nameOf = (address: string, owner: string = account.address) => {
    const n = safeBigInt(address);
    if (n === undefined) return undefined;
    if (n === safeBigInt(owner)) return 'Your account';
    if (n === BigInt(testnet.game)) return APP_NAME;
    for (const [symbol, token] of Object.entries(testnet.tokens)) if (n === BigInt(token)) return symbol;
    if (n === BigInt(testnet.paymasterAddress)) return 'Paymaster';
    return undefined;
  };

  const bridge = createWalletBridge({ storage, storageKey: DEMO_KEYS.wallet, nameOf: (a) => nameOf(a) });
  const wallet = createMockWallet(testnet, account, {
    id: WALLET_ID,
    name: WALLET_NAME,
    approve: bridge.approve,
  });
  wallet.install();

  const sessionConfig = createSessionConfig({ appId: 'starknet-sessions-demo', paymaster });
  return {
    mode: 'simulated',
    networkLabel: `Simulated ${testnet.chainName === 'SN_SEPOLIA' ? 'Sepolia' : testnet.chainName}`,
    chains: [sepolia],
    provider: () => provider,
    paymasterProvider: () => paymaster,
    connectors: [new InjectedConnector({ options: { id: WALLET_ID, name: WALLET_NAME } })],
    sessionConfig,
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    }),
    game: testnet.game,
    nameOf,
    simulated: { testnet, wallet, bridge },
    async reset() {
      for (const key of Object.values(DEMO_KEYS)) storage?.removeItem(key);
      await sessionConfig.storage.clear();
      location.reload();
    },
  };
}

function safeBigInt(value: string): bigint | undefined {
  try {
    return BigInt(value);
  } catch {
    return undefined;
  }
}
