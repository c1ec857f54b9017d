// The approval page on a simulated network served over HTTP (`npm run agent` / `npm run testnet`): the
// agent and this page see one chain. The mock wallet signs with the test account's owner key (the
// simulated network's keys follow from its seed, 0 by default) and sends to that server.
import { type Chain, sepolia } from '@starknet-react/chains';
import { type Connector, InjectedConnector, type StarknetConfigProps } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { Account, PaymasterRpc, RpcProvider } from 'starknet';
import { createSessionConfig, type SessionConfig } from 'starknet-sessions';
import { createMockWallet, createTestnet, type Testnet } from 'starknet-sessions/testing';
import type { DemoSetup } from '../setup.js';
import { createWalletBridge, type WalletBridge } from '../simulated/walletBridge.js';

/** What the approval page runs on: this HTTP network, or the demo's own setup (setup.ts). */
export interface ApprovalSetup {
  label: string;
  chains: Chain[];
  provider: StarknetConfigProps['provider'];
  paymasterProvider: StarknetConfigProps['paymasterProvider'];
  /** 'injected': the browser's wallet extensions. */
  connectors: 'injected' | Connector[];
  sessionConfig: SessionConfig;
  queryClient: QueryClient;
  /** The simulated wallet's prompts (absent with a real wallet). */
  bridge: WalletBridge | undefined;
}

const WALLET_ID = 'demo-approval-wallet';

export function createRemoteNetwork(url: string, accountIndex = 0): ApprovalSetup {
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
  createMockWallet(remote, accountIndex, {
    id: WALLET_ID,
    name: 'Demo Wallet',
    approve: bridge.approve,
  }).install();
  return {
    label: `Simulated network at ${base}`,
    provider: () => provider,
    paymasterProvider: () => paymaster,
    bridge,
    connectors: [new InjectedConnector({ options: { id: WALLET_ID, name: 'Demo Wallet' } })],
    chains: [sepolia],
    sessionConfig: createSessionConfig({ appId: 'starknet-sessions-demo-approval', provider }),
    queryClient: new QueryClient({
      defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
    }),
  };
}

/** The demo's own setup (in-page simulated network, or a real one with the browser's wallets). */
export function approvalSetupOf(setup: DemoSetup): ApprovalSetup {
  return {
    label: setup.networkLabel,
    chains: setup.chains,
    provider: setup.provider,
    paymasterProvider: setup.paymasterProvider,
    connectors: setup.connectors,
    sessionConfig: setup.sessionConfig,
    queryClient: setup.queryClient,
    bridge: setup.simulated?.bridge,
  };
}
