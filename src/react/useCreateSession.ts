'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CreateSessionReturnType,
  createSession,
  type EnsureSessionReturnType,
  ensureSession,
} from '../core/actions/index.js';
import { NoSessionError, type SessionError } from '../core/errors/index.js';
import type { SessionPolicy } from '../core/policy.js';
import { type CreateSessionVariables, createSessionMutationKey } from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useSession } from './useSession.js';
import { useStarknetBindings } from './useStarknet.js';

type Variables = CreateSessionVariables & { reuse?: boolean };
type Result = CreateSessionReturnType & { reused?: boolean };

/**
 * Starts a session with ONE wallet prompt. `createSession(policy)` always asks; `ensureSession(policy)`
 * reuses a live session that covers the policy and asks only on drift; `renew()` asks again for the
 * current session's policy (use it when the status is `expiring`).
 */
export function useCreateSession() {
  const config = useSessionConfig();
  const { provider, paymaster, getOwner, chainId } = useStarknetBindings();
  const queryClient = useQueryClient();
  const current = useSession({ refetchInterval: false }).data;
  const mutation = useMutation<Result, SessionError, Variables>({
    mutationKey: createSessionMutationKey(config.appId),
    mutationFn: async ({ reuse, ...variables }): Promise<Result | EnsureSessionReturnType> => {
      const owner = await getOwner();
      const parameters = { ...variables, owner, provider, paymaster: config.paymaster ?? paymaster, chainId };
      return reuse ? ensureSession(config, parameters) : createSession(config, parameters);
    },
    onSuccess() {
      void queryClient.invalidateQueries({ queryKey: ['sessionState'] });
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const renewVariables = (): Variables => {
    const policy = current?.session?.policy as SessionPolicy | undefined;
    if (!policy) throw new NoSessionError();
    // Same terms, counted from now.
    const duration =
      policy.durationSeconds ??
      Math.max(60, (current?.session?.validUntil ?? 0) - (current?.session?.createdAt ?? 0));
    return { policy: { ...policy, validUntil: undefined, durationSeconds: duration } };
  };
  return {
    ...mutation,
    createSession: (policy: SessionPolicy, options: Omit<CreateSessionVariables, 'policy'> = {}) =>
      mutation.mutate({ ...options, policy }),
    createSessionAsync: (policy: SessionPolicy, options: Omit<CreateSessionVariables, 'policy'> = {}) =>
      mutation.mutateAsync({ ...options, policy }),
    ensureSession: (policy: SessionPolicy, options: Omit<CreateSessionVariables, 'policy'> = {}) =>
      mutation.mutate({ ...options, policy, reuse: true }),
    ensureSessionAsync: (policy: SessionPolicy, options: Omit<CreateSessionVariables, 'policy'> = {}) =>
      mutation.mutateAsync({ ...options, policy, reuse: true }),
    renew: () => mutation.mutate(renewVariables()),
    renewAsync: () => mutation.mutateAsync(renewVariables()),
  };
}
