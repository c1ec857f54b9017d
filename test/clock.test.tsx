import { type InjectedConnector, useAccount, useConnect } from '@starknet-react/core';
import { act, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { SessionStatus } from '../src/components/index.js';
import type { SessionPolicy } from '../src/core/index.js';
import { useCreateSession, useSession } from '../src/react/index.js';
import { createSessionWorld } from './helpers/sessionWorld.js';

const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 5 };

type World = ReturnType<typeof createSessionWorld>;

/** The hooks and a <SessionStatus> in one tree, as in an app: the status reads the same connection. */
async function startSession(connector: InjectedConnector, Wrapper: World['Wrapper']) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Wrapper>
      {children}
      <SessionStatus locale="en-US" timeZone="UTC" />
    </Wrapper>
  );
  const { result, unmount } = renderHook(
    () => ({
      connect: useConnect(),
      account: useAccount(),
      create: useCreateSession(),
      session: useSession({ refetchInterval: false }),
    }),
    { wrapper },
  );
  await act(async () => {
    await result.current.connect.connectAsync({ connector });
  });
  await waitFor(() => expect(result.current.account.status).toBe('connected'));
  await act(async () => {
    await result.current.create.createSessionAsync(policy);
  });
  await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
  await screen.findByText('Active');
  return { result, unmount };
}

/** Counts the session-state reads the query cache starts from now on. */
function countStateFetches(queryClient: World['queryClient']) {
  let fetches = 0;
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (
      event.type === 'updated' &&
      event.action.type === 'fetch' &&
      event.query.queryKey[0] === 'sessionState'
    )
      fetches += 1;
  });
  return () => {
    unsubscribe();
    return fetches;
  };
}

describe('status on a subscribable clock (now: testnet.clock)', () => {
  it('useSession and <SessionStatus> turn expiring then expired as the chain clock moves, without a refetch', async () => {
    const world = createSessionWorld({ appId: 'clock-test', subscribableClock: true });
    const { testnet, connector, Wrapper, queryClient } = world;
    const { result } = await startSession(connector, Wrapper);
    // (Refreshes the create itself set off may still land; only reads started by the clock count.)
    const stopCounting = countStateFetches(queryClient);

    act(() => testnet.advanceTime(3600 - 120)); // inside the default renewBefore (300 s)
    expect(result.current.session.data?.status).toBe('expiring');
    expect(screen.getByText('Expiring soon')).toBeTruthy();
    expect(screen.getByText(/2:00 left/)).toBeTruthy();

    act(() => testnet.advanceTime(121));
    expect(result.current.session.data?.status).toBe('expired');
    expect(result.current.session.data?.secondsLeft).toBe(0);
    expect(screen.getByText('Expired')).toBeTruthy();
    expect(screen.queryByText(/left$/)).toBeNull();
    // Nothing was read from the chain again: the clock alone moved the status.
    expect(stopCounting()).toBe(0);
    world.uninstall();
  });

  it('stops listening once unmounted: the clock moves on without touching the unmounted tree', async () => {
    const world = createSessionWorld({ appId: 'clock-test-2', subscribableClock: true });
    const { result, unmount } = await startSession(world.connector, world.Wrapper);
    const rendered = result.current;
    unmount();
    expect(() => world.testnet.advanceTime(4000)).not.toThrow();
    expect(result.current).toBe(rendered);
    expect(screen.queryByText('Expired')).toBeNull();
    world.uninstall();
  });
});
