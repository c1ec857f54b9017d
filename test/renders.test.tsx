import { useAccount, useConnect } from '@starknet-react/core';
import { act, render, waitFor } from '@testing-library/react';
import { useCreateSession, useSession, useSessionExecute } from '../src/react/index.js';
import { createSessionWorld } from './helpers/sessionWorld.js';

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
    const { testnet, uninstall, connector, Wrapper } = createSessionWorld({ appId: 'renders' });
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
