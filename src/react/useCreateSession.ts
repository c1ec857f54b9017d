'use client';
import type { UseMutationResult } from '@tanstack/react-query';
import { type CreateSessionReturnType, createSession, ensureSession } from '../core/actions/index.js';
import { NoSessionError, type SessionError } from '../core/errors/index.js';
import type { SessionPolicy } from '../core/policy.js';
import { type CreateSessionVariables, createSessionMutationKey } from '../query/index.js';
import { useOwnerMutation, withVerbs } from './mutation.js';
import { useSession } from './useSession.js';

type Variables = CreateSessionVariables & { reuse?: boolean };
/** A created session; `reused: true` when `ensureSession` found a live one that covers the policy. */
export type UseCreateSessionData = CreateSessionReturnType & { reused?: boolean };
type Result = UseCreateSessionData;
/** The second argument of `createSession` / `ensureSession`: `{ sponsored? }`… */
export type UseCreateSessionOptions = Omit<CreateSessionVariables, 'policy'>;
type Options = UseCreateSessionOptions;

/** What `useCreateSession()` returns: TanStack's mutation result plus the verb pairs. */
export type UseCreateSessionReturnType = UseMutationResult<Result, SessionError, Variables> & {
  createSession(policy: SessionPolicy, options?: Options): void;
  createSessionAsync(policy: SessionPolicy, options?: Options): Promise<Result>;
  ensureSession(policy: SessionPolicy, options?: Options): void;
  ensureSessionAsync(policy: SessionPolicy, options?: Options): Promise<Result>;
  renew(): void;
  renewAsync(): Promise<Result>;
};

/**
 * Starts a session with ONE wallet prompt. `createSession(policy)` always asks; `ensureSession(policy)`
 * reuses a live session that covers the policy and asks only on drift; `renew()` asks again for the
 * current session's policy (use it when the status is `expiring`).
 */
export function useCreateSession(): UseCreateSessionReturnType {
  const current = useSession({ refetchInterval: false }).data?.session;
  const mutation = useOwnerMutation<Result, Variables>(
    createSessionMutationKey,
    (config, { reuse, ...parameters }): Promise<Result> =>
      reuse ? ensureSession(config, parameters) : createSession(config, parameters),
  );
  return withVerbs(mutation, {
    createSession: (policy: SessionPolicy, options?: Options): Variables => ({ ...options, policy }),
    ensureSession: (policy: SessionPolicy, options?: Options): Variables => ({
      ...options,
      policy,
      reuse: true,
    }),
    renew: (): Variables => {
      if (!current?.policy) throw new NoSessionError();
      const policy = current.policy as SessionPolicy;
      // Same terms, counted from now.
      const duration = policy.durationSeconds ?? Math.max(60, current.validUntil - current.createdAt);
      return { policy: { ...policy, validUntil: undefined, durationSeconds: duration } };
    },
  });
}
