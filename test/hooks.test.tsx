import { type InjectedConnector, useAccount, useConnect } from '@starknet-react/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { isSessionError, type SessionConfigParameters, type SessionPolicy } from '../src/core/index.js';
import {
  useCreateSession,
  useRevokeSession,
  useSession,
  useSessionExecute,
  useSessionSupport,
  useSessions,
} from '../src/react/index.js';
import { createSessionWorld } from './helpers/sessionWorld.js';

const policy: SessionPolicy = {
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'move' }],
  durationSeconds: 3600,
  maxCalls: 20,
};

function setup(options: { approve?: boolean; config?: Partial<SessionConfigParameters> } = {}) {
  const { Wrapper: wrapper, ...world } = createSessionWorld({
    appId: 'hooks-test',
    approve: options.approve,
    config: options.config,
  });
  const hooks = () => ({
    connect: useConnect(),
    account: useAccount(),
    session: useSession({ refetchInterval: false }),
    create: useCreateSession(),
    exec: useSessionExecute(),
    revoke: useRevokeSession(),
    support: useSessionSupport(),
    list: useSessions(),
  });
  return { ...world, wrapper, hooks };
}

async function connect(
  result: { current: ReturnType<ReturnType<typeof setup>['hooks']> },
  connector: InjectedConnector,
) {
  await act(async () => {
    await result.current.connect.connectAsync({ connector });
  });
  await waitFor(() => expect(result.current.account.status).toBe('connected'));
}

describe('hooks through @starknet-react/core and the mock wallet', () => {
  it('1 prompt to create, 0 for 10 gasless executes, calls counted, expiry, revoke', async () => {
    const { testnet, wallet, uninstall, connector, wrapper, hooks } = setup();
    const { result } = renderHook(hooks, { wrapper });
    await connect(result, connector);
    await waitFor(() => expect(result.current.support.data?.sessionKeys).toBe(true));
    // The version from the class hash, and get_contract_info's raw string beside it.
    expect(result.current.support.data).toMatchObject({ accountVersion: 'v33', contractVersion: 'v33' });
    await waitFor(() => expect(result.current.session.data?.status).toBe('none'));
    wallet.resetPrompts();

    await act(async () => {
      await result.current.create.createSessionAsync(policy);
    });
    expect(wallet.prompts).toBe(1);
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    const publicKey = result.current.session.data!.publicKey!;

    for (let i = 0; i < 10; i++) {
      await act(async () => {
        await result.current.exec.executeAsync(
          [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
          {
            waitForReceipt: true,
          },
        );
      });
    }
    expect(wallet.prompts).toBe(1);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(10);
    await waitFor(() => expect(result.current.session.data).toMatchObject({ callsUsed: 10, callsLeft: 10 }));

    testnet.advanceTime(3700);
    await act(async () => {
      await result.current.session.refetch();
    });
    await waitFor(() => expect(result.current.session.data?.status).toBe('expired'));
    await act(async () => {
      const error = await result.current.exec
        .executeAsync([{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }])
        .catch((e: unknown) => e);
      expect(isSessionError(error, 'SESSION_EXPIRED')).toBe(true);
    });
    expect(wallet.prompts).toBe(1);
    uninstall();
  });

  it('revokes with one prompt and the status follows', async () => {
    const { wallet, uninstall, connector, wrapper, hooks } = setup();
    const { result } = renderHook(hooks, { wrapper });
    await connect(result, connector);
    await act(async () => {
      await result.current.create.createSessionAsync(policy);
    });
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    await act(async () => {
      await result.current.revoke.revokeSessionAsync({ all: true });
    });
    expect(wallet.prompts).toBe(2);
    await waitFor(() => expect(result.current.session.data?.status).toBe('revoked'));
    await waitFor(() => expect(result.current.list.data?.map((s) => s.status)).toEqual(['revoked']));
    uninstall();
  });

  it('reports expiring ahead of time and renew() asks once more for the same terms', async () => {
    const { testnet, wallet, uninstall, connector, wrapper, hooks } = setup();
    const { result } = renderHook(hooks, { wrapper });
    await connect(result, connector);
    await act(async () => {
      await result.current.create.createSessionAsync(policy);
    });
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    const first = result.current.session.data!.publicKey;
    testnet.advanceTime(3600 - 120); // inside the default renewBefore (300 s)
    await act(async () => {
      await result.current.session.refetch();
    });
    await waitFor(() => expect(result.current.session.data?.status).toBe('expiring'));
    await act(async () => {
      await result.current.create.renewAsync();
    });
    expect(wallet.prompts).toBe(2);
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    expect(result.current.session.data?.publicKey).not.toBe(first);
    expect(result.current.session.data?.expiresAt).toBe(testnet.now() + 3600);
    uninstall();
  });

  it('falls back to the owner wallet (one more prompt) when the paymaster is down and the app opted in', async () => {
    const { testnet, wallet, uninstall, connector, wrapper, hooks } = setup({
      config: { paymasterRetries: 0, fallback: { ownerWallet: true } },
    });
    const { result } = renderHook(hooks, { wrapper });
    await connect(result, connector);
    await act(async () => {
      await result.current.create.createSessionAsync(policy);
    });
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    testnet.faults.paymasterDown();
    let via: string | undefined;
    await act(async () => {
      via = (
        await result.current.exec.executeAsync([
          { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] },
        ])
      ).via;
    });
    expect(via).toBe('owner');
    expect(wallet.prompts).toBe(2);
    uninstall();
  });

  it('a rejected prompt is USER_REJECTED and leaves no session behind', async () => {
    const { wallet, uninstall, connector, wrapper, hooks } = setup({ approve: false });
    const { result } = renderHook(hooks, { wrapper });
    await connect(result, connector);
    await act(async () => {
      const error = await result.current.create.createSessionAsync(policy).catch((e: unknown) => e);
      expect(isSessionError(error, 'USER_REJECTED')).toBe(true);
    });
    expect(wallet.promptLog.at(-1)?.approved).toBe(false);
    await waitFor(() => expect(result.current.create.error?.code).toBe('USER_REJECTED'));
    await waitFor(() => expect(result.current.list.data).toEqual([]));
    uninstall();
  });

  it('two hook instances share one state', async () => {
    const { testnet, uninstall, connector, wrapper } = setup();
    const { result } = renderHook(
      () => ({
        connect: useConnect(),
        account: useAccount(),
        a: useSession({ refetchInterval: false }),
        b: useSession({ refetchInterval: false }),
        create: useCreateSession(),
        exec: useSessionExecute(),
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
    await act(async () => {
      await result.current.exec.executeAsync([
        { contractAddress: testnet.game, entrypoint: 'move', calldata: ['0x1', '0x2'] },
      ]);
    });
    await waitFor(() => expect(result.current.a.data?.callsUsed).toBe(1));
    expect(result.current.b.data).toEqual(result.current.a.data);
    uninstall();
  });
});
