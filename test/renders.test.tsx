import { sepolia } from '@starknet-react/chains';
import { InjectedConnector, StarknetConfig, useAccount, useConnect } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { act, render, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createSessionConfig } from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { SessionProvider, useCreateSession, useSession, useSessionExecute } from '../src/react/index.js';
import { createMockWallet, createTestnet } from '../src/testing/index.js';

let renders = 0;
function Badge() {
  const { data } = useSession({ refetchInterval: false });
  renders++;
  return <output aria-label="calls">{data ? `${data.callsUsed} / ${data.maxCalls}` : '…'}</output>;
}
const hooks = () => ({
  connect: useConnect(),
  account: useAccount(),
  create: useCreateSession(),
  exec: useSessionExecute(),
});
const result: { current: ReturnType<typeof hooks> } = { current: undefined as never };
function Controls() {
  result.current = hooks();
  return null;
}

describe('render count', () => {
  it('a component using useSession re-renders a bounded number of times during 10 executes', async () => {
    const testnet = createTestnet({ startTime: 1_800_000_000 });
    const wallet = createMockWallet(testnet, testnet.accounts[0]!);
    const uninstall = wallet.install();
    const connector = new InjectedConnector({ options: { id: wallet.id, name: wallet.name } });
    const config = createSessionConfig({
      appId: 'renders',
      storage: createMemoryStorage({ now: () => testnet.now() }),
      now: () => testnet.now(),
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
    renders = 0;
    // One tree: the controls and the badge share the provider, as in an app.
    const view = render(
      <Wrapper>
        <Controls />
        <Badge />
      </Wrapper>,
    );
    await act(async () => {
      await result.current.connect.connectAsync({ connector });
    });
    await waitFor(() => expect(result.current.account.status).toBe('connected'));
    await act(async () => {
      await result.current.create.createSessionAsync({
        actions: [{ entrypoint: 'attack' }],
        durationSeconds: 3600,
        maxCalls: 20,
      });
    });
    await waitFor(() => expect(view.getByLabelText('calls').textContent).toBe('0 / 20'));
    const before = renders;
    await act(async () => {
      await Promise.all(
        Array.from({ length: 10 }, () =>
          result.current.exec.executeAsync([
            { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] },
          ]),
        ),
      );
    });
    await waitFor(() => expect(view.getByLabelText('calls').textContent).toBe('10 / 20'));
    await new Promise((r) => setTimeout(r, 300)); // let confirmations and the batched refresh land
    const during = renders - before;
    console.log(`render count: ${during} renders of a useSession component for 10 executes`);
    expect(during).toBeLessThanOrEqual(5);
    uninstall();
  });
});
