// The approval page on a simulated network served over HTTP (`npm run agent` / `npm run testnet`): the
// agent and this page see one chain. The mock wallet signs with the test account's owner key (the
// simulated network's keys follow from its seed, 0 by default) and sends to that server.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { Account, PaymasterRpc, RpcProvider } from 'starknet';
import { createSessionConfig } from 'starknet-sessions';
import { createMockWallet, createTestnet, type MockWallet, type Testnet } from 'starknet-sessions/testing';
import { createWalletBridge, type WalletBridge } from '../simulated/walletBridge.js';

export interface RemoteNetwork {
  url: string;
  provider: RpcProvider;
  paymaster: PaymasterRpc;
  wallet: MockWallet;
  bridge: WalletBridge;
  connector: InjectedConnector;
  chains: [typeof sepolia];
  sessionConfig: ReturnType<typeof createSessionConfig>;
  queryClient: QueryClient;
}

const WALLET_ID = 'demo-approval-wallet';

export function createRemoteNetwork(url: string, accountIndex = 0): RemoteNetwork {
  const base = url.replace(/\/$/, '');
  const provider = new RpcProvider({ nodeUrl: `${base}/rpc`, transactionRetryIntervalFallback: 100 });
  const paymaster = new PaymasterRpc({ nodeUrl: `${base}/paymaster` });
  // Only for its (deterministic) test accounts and their keys: transactions go to the server.
  const keys = createTestnet();
  const remote = {
    chainId: keys.chainId,
    accounts: keys.accounts,
    account: (address: string) => {
      const found = keys.accounts.find((a) => BigInt(a.address) === BigInt(address));
      return new Account({ provider, address, signer: found?.privateKey ?? '0x0' });
    },
  } as unknown as Testnet;
  const bridge = createWalletBridge({ storageKey: 'starknet-sessions-demo:approval-wallet' });
  const wallet = createMockWallet(remote, accountIndex, {
    id: WALLET_ID,
    name: 'Demo Wallet',
    approve: bridge.approve,
  });
  wallet.install();
  return {
    url: base,
    provider,
    paymaster,
    wallet,
    bridge,
    connector: new InjectedConnector({ options: { id: WALLET_ID, name: 'Demo Wallet' } }),
    chains: [sepolia],
    sessionConfig: createSessionConfig({ appId: 'starknet-sessions-demo-approval', provider }),
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    }),
  };
}
