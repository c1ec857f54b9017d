'use client';
import { type CreateSessionReturnType, createSession, ensureSession } from '../core/actions/index.js';
import { NoSessionError } from '../core/errors/index.js';
import type { SessionPolicy } from '../core/policy.js';
import { type CreateSessionVariables, createSessionMutationKey } from '../query/index.js';
import { useOwnerMutation } from './mutation.js';
import { useSession } from './useSession.js';

type Variables = CreateSessionVariables & { reuse?: boolean };
type Result = CreateSessionReturnType & { reused?: boolean };
type Options = Omit<CreateSessionVariables, 'policy'>;

/**
 * Starts a session with ONE wallet prompt. `createSession(policy)` always asks; `ensureSession(policy)`
 * reuses a live session that covers the policy and asks only on drift; `renew()` asks again for the
 * current session's policy (use it when the status is `expiring`).
 */
export function useCreateSession() {
  const mutation = useOwnerMutation<Result, Variables>(
    createSessionMutationKey,
    (config, { reuse, ...parameters }): Promise<Result> =>
      reuse ? ensureSession(config, parameters) : createSession(config, parameters),
  );
  const current = useSession({ refetchInterval: false }).data?.session;
  const renewVariables = (): Variables => {
    if (!current?.policy) throw new NoSessionError();
    const policy = current.policy as SessionPolicy;
    // Same terms, counted from now.
    const duration = policy.durationSeconds ?? Math.max(60, current.validUntil - current.createdAt);
    return { policy: { ...policy, validUntil: undefined, durationSeconds: duration } };
  };
  return {
    ...mutation,
    createSession: (policy: SessionPolicy, options?: Options) => mutation.mutate({ ...options, policy }),
    createSessionAsync: (policy: SessionPolicy, options?: Options) =>
      mutation.mutateAsync({ ...options, policy }),
    ensureSession: (policy: SessionPolicy, options?: Options) =>
      mutation.mutate({ ...options, policy, reuse: true }),
    ensureSessionAsync: (policy: SessionPolicy, options?: Options) =>
      mutation.mutateAsync({ ...options, policy, reuse: true }),
    renew: () => mutation.mutate(renewVariables()),
    renewAsync: () => mutation.mutateAsync(renewVariables()),
  };
}
