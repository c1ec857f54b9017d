// The human's side of an agent's request, connected to the hooks on the simulated network: the link is
// decoded, the consent shows it, ONE wallet prompt approves it, and the agent then acts with none.
import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, StarknetConfig, useAccount, useConnect } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { SessionRequestApproval } from '../src/components/index.js';
import {
  createSessionConfig,
  createSessionRequest,
  decodeSessionRequest,
  encodeSessionRequest,
  executeWithSession,
  waitForSessionApproval,
} from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { SessionProvider } from '../src/react/index.js';
import { createMockWallet, createTestnet } from '../src/testing/index.js';

const NOW = 1_800_000_000;

function world(walletId: string) {
  const testnet = createTestnet({ startTime: NOW });
  const wallet = createMockWallet(testnet, testnet.accounts[0]!, { id: walletId });
  const uninstall = wallet.install();
  const connector = new InjectedConnector({ options: { id: wallet.id, name: wallet.name } });
  const now = () => testnet.now();
  const human = createSessionConfig({ appId: 'approver', storage: createMemoryStorage({ now }), now });
  const agent = createSessionConfig({
    appId: 'agent',
    storage: createMemoryStorage({ now }),
    provider: testnet.provider(),
    paymaster: testnet.paymaster(),
    now,
  });
  return { testnet, wallet, uninstall, connector, human, agent };
}

function Page({ w, link }: { w: ReturnType<typeof world>; link: string }) {
  return (
    <StarknetConfig
      chains={[sepolia]}
      provider={() => w.testnet.provider()}
      connectors={[w.connector]}
      queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <SessionProvider config={w.human}>
        <Connect connector={w.connector} />
        <SessionRequestApproval link={link} timeZone="UTC" />
      </SessionProvider>
    </StarknetConfig>
  );
}

function Connect({ connector }: { connector: InjectedConnector }) {
  const { status } = useAccount();
  const { connect } = useConnect();
  return status === 'connected' ? null : (
    <button type="button" onClick={() => connect({ connector })}>
      Connect
    </button>
  );
}

const policy = (game: string) => ({
  actions: [{ entrypoint: 'attack', contractAddress: game, label: 'Attack a monster' }],
  durationSeconds: 3600,
  maxCalls: 10,
});

describe('SessionRequestApproval wired to the hooks', () => {
  it('one wallet prompt approves the link; the agent then acts with none', { timeout: 30_000 }, async () => {
    const w = world('request-ok');
    const { request, link } = await createSessionRequest(w.agent, {
      accountAddress: w.testnet.accounts[0]!.address,
      policy: policy(w.testnet.game),
      app: { name: 'Trading agent', url: 'https://agent.example' },
    });
    render(<Page w={w} link={link} />);
    expect((await screen.findByRole('heading', { name: 'Connect your wallet' })).textContent).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const approve = await screen.findByRole('button', { name: 'Approve in wallet' }, { timeout: 5000 });
    expect(screen.getByText('Who is asking is not verified')).toBeTruthy();
    expect(screen.getByText('agent.example (unverified)')).toBeTruthy();
    w.wallet.resetPrompts();
    fireEvent.click(approve);
    await screen.findByRole('heading', { name: 'Session granted' }, { timeout: 10_000 });
    expect(w.wallet.prompts).toBe(1);

    const { accountAddress } = await waitForSessionApproval(w.agent, { request, pollIntervalMs: 10 });
    const attack = { contractAddress: w.testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
    await executeWithSession(w.agent, { accountAddress, calls: [attack], waitForReceipt: true });
    await executeWithSession(w.agent, { accountAddress, calls: [attack], waitForReceipt: true });
    expect(w.testnet.gameState(0).attacks).toBe(2);
    expect(w.wallet.prompts).toBe(1);
    act(() => w.uninstall());
  });

  it('shows a widened link as widened; approved, the agent refuses it', { timeout: 30_000 }, async () => {
    const w = world('request-widened');
    const { request, link } = await createSessionRequest(w.agent, {
      policy: policy(w.testnet.game),
      app: { name: 'Trading agent' },
    });
    const widened = decodeSessionRequest(link);
    widened.policy.maxCalls = 5000;
    render(<Page w={w} link={`http://127.0.0.1:5173/#session-request=${encodeSessionRequest(widened)}`} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect' }));
    const approve = await screen.findByRole('button', { name: 'Approve in wallet' }, { timeout: 5000 });
    expect(screen.getByText('up to 5,000')).toBeTruthy();
    fireEvent.click(approve);
    await screen.findByRole('heading', { name: 'Session granted' }, { timeout: 10_000 });
    await expect(waitForSessionApproval(w.agent, { request, pollIntervalMs: 10 })).rejects.toMatchObject({
      code: 'SESSION_REQUEST_MISMATCH',
      field: 'maxCalls',
    });
    act(() => w.uninstall());
  });

  it('a broken link says why, before any wallet prompt', async () => {
    const w = world('request-bad');
    render(<Page w={w} link="http://127.0.0.1:5173/#session-request=1.not-json" />);
    expect((await screen.findByRole('alert')).textContent).toContain('not valid base64url JSON');
    await waitFor(() => expect(w.wallet.prompts).toBe(0));
    act(() => w.uninstall());
  });
});
