// <SessionStatus> shows the calls a gasless action can still use: on v29/v30 the last call is not
// usable through a paymaster (spec/account-versions.md §8 rule 5), unless execute may go direct.
import { useConnect } from '@starknet-react/core';
import { act, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { SessionStatus } from '../src/components/index.js';
import type { SessionConfigParameters, SessionPolicy } from '../src/core/index.js';
import { useCreateSession, useSession, useSessionExecute } from '../src/react/index.js';
import { createSessionWorld } from './helpers/sessionWorld.js';

const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 3 };

async function statusAfterTwoActions(appId: string, config: Partial<SessionConfigParameters> = {}) {
  const world = createSessionWorld({ appId, accountKind: 'session-v29', config });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <world.Wrapper>
      {children}
      <SessionStatus locale="en-US" timeZone="UTC" />
    </world.Wrapper>
  );
  const { result } = renderHook(
    () => ({
      connect: useConnect(),
      create: useCreateSession(),
      run: useSessionExecute(),
      session: useSession({ refetchInterval: false }),
    }),
    { wrapper },
  );
  await act(() => result.current.connect.connectAsync({ connector: world.connector }));
  await act(() => result.current.create.createSessionAsync(policy));
  await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
  const attack = { contractAddress: world.testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
  const calls = () =>
    screen.getByRole('progressbar', { name: 'Transactions' }).getAttribute('aria-valuetext');
  await waitFor(() => expect(calls()).toBe(config.fallback?.direct ? '0 of 3 used' : '0 of 2 used'));
  for (let i = 0; i < 2; i++) {
    await act(() => result.current.run.executeAsync([attack], { waitForReceipt: true }));
  }
  await act(() => result.current.session.refetch());
  return { world, result, calls };
}

describe('<SessionStatus> counts the calls a gasless action can use', () => {
  it('v29 through a paymaster: the last call is not shown as usable, and the session reads used up', async () => {
    const { world, result, calls } = await statusAfterTwoActions('calls-left-v29');
    expect(result.current.session.data).toMatchObject({ callsUsed: 2, callsLeft: 1, callsLeftGasless: 0 });
    await waitFor(() => expect(calls()).toBe('2 of 2 used'));
    expect(screen.getByText('Used up')).toBeTruthy();
    world.uninstall();
  });

  it('v29 with the direct fallback: the last call goes direct, so every call counts', async () => {
    const { world, calls } = await statusAfterTwoActions('calls-left-direct', { fallback: { direct: true } });
    await waitFor(() => expect(calls()).toBe('2 of 3 used'));
    expect(screen.getByText('Active')).toBeTruthy();
    world.uninstall();
  });
});
