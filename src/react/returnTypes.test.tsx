import { useConnect } from '@starknet-react/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { createSessionWorld } from '../../test/helpers/sessionWorld.js';
import type { ExecuteWithSessionReturnType, SessionState, SessionSummary } from '../core/actions/index.js';
import type { SpendingPolicyState } from '../core/calls.js';
import type { SessionError } from '../core/errors/index.js';
import type { SessionSupport } from '../core/support.js';
// The named types come from the package's root entry, as an app imports them.
import {
  type UseApproveSessionRequestReturnType,
  type UseCreateSessionData,
  type UseCreateSessionReturnType,
  type UseRevokeSessionReturnType,
  type UseSessionExecuteReturnType,
  type UseSessionReturnType,
  type UseSessionSupportReturnType,
  type UseSessionsReturnType,
  type UseSpendingPolicyReturnType,
  useApproveSessionRequest,
  useCreateSession,
  useRevokeSession,
  useSession,
  useSessionExecute,
  useSessionSupport,
  useSessions,
  useSpendingPolicy,
} from '../index.js';

describe('named hook return types', () => {
  it('each hook returns its named type, with the data and error types the docs promise', () => {
    expectTypeOf(useSession).returns.toEqualTypeOf<UseSessionReturnType>();
    expectTypeOf(useSessionExecute).returns.toEqualTypeOf<UseSessionExecuteReturnType>();
    expectTypeOf(useCreateSession).returns.toEqualTypeOf<UseCreateSessionReturnType>();
    expectTypeOf(useRevokeSession).returns.toEqualTypeOf<UseRevokeSessionReturnType>();
    expectTypeOf(useSessions).returns.toEqualTypeOf<UseSessionsReturnType>();
    expectTypeOf(useSessionSupport).returns.toEqualTypeOf<UseSessionSupportReturnType>();
    expectTypeOf(useSpendingPolicy).returns.toEqualTypeOf<UseSpendingPolicyReturnType>();
    expectTypeOf(useApproveSessionRequest).returns.toEqualTypeOf<UseApproveSessionRequestReturnType>();

    expectTypeOf<UseSessionReturnType['data']>().toEqualTypeOf<SessionState | undefined>();
    expectTypeOf<UseSessionsReturnType['data']>().toEqualTypeOf<SessionSummary[] | undefined>();
    expectTypeOf<UseSessionSupportReturnType['data']>().toEqualTypeOf<SessionSupport | undefined>();
    expectTypeOf<UseSpendingPolicyReturnType['data']>().toEqualTypeOf<SpendingPolicyState | undefined>();
    expectTypeOf<UseSessionExecuteReturnType['error']>().toEqualTypeOf<SessionError | null>();
    expectTypeOf<
      ReturnType<UseSessionExecuteReturnType['executeAsync']>
    >().resolves.toEqualTypeOf<ExecuteWithSessionReturnType>();
    expectTypeOf<
      ReturnType<UseCreateSessionReturnType['ensureSessionAsync']>
    >().resolves.toEqualTypeOf<UseCreateSessionData>();
    expectTypeOf<UseRevokeSessionReturnType['revokeSession']>().parameter(0).toBeNullable();
  });

  it('the verbs and the typed error are there at run time, on the simulated network', async () => {
    const { Wrapper, connector, uninstall, testnet } = createSessionWorld({ appId: 'return-types' });
    const hooks = () => ({
      connect: useConnect(),
      create: useCreateSession(),
      exec: useSessionExecute(),
      session: useSession(),
    });
    const { result } = renderHook(hooks, { wrapper: Wrapper });
    await act(() => result.current.connect.connectAsync({ connector }));
    await waitFor(() => expect(result.current.session.data?.status).toBe('none'));
    const created = await act(() =>
      result.current.create.createSessionAsync({
        actions: [{ entrypoint: 'attack' }],
        durationSeconds: 3600,
        maxCalls: 5,
      }),
    );
    expect(created.publicKey).toMatch(/^0x[0-9a-f]+$/);
    await waitFor(() => expect(result.current.session.data?.status).toBe('active'));
    const refused = result.current.exec.executeAsync([
      { contractAddress: testnet.game, entrypoint: 'move', calldata: ['0x1', '0x2'] },
    ]);
    await act(() => expect(refused).rejects.toMatchObject({ code: 'CALL_NOT_ALLOWED' }));
    await waitFor(() => expect(result.current.exec.error?.code).toBe('CALL_NOT_ALLOWED'));
    uninstall();
  });
});
