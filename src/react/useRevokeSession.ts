'use client';
import type { UseMutationResult } from '@tanstack/react-query';
import { type RevokeSessionReturnType, revokeSession } from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import type { RevokeSessionVariables } from '../query/index.js';
import { revokeSessionMutationKey } from '../query/index.js';
import { useOwnerMutation, withVerbs } from './mutation.js';

/** What `useRevokeSession()` returns: TanStack's mutation result plus the `revokeSession` verb pair. */
export type UseRevokeSessionReturnType = UseMutationResult<
  RevokeSessionReturnType,
  SessionError,
  RevokeSessionVariables
> & {
  revokeSession(variables?: RevokeSessionVariables): void;
  revokeSessionAsync(variables?: RevokeSessionVariables): Promise<RevokeSessionReturnType>;
};

/** Revokes one session, several, or all of the app's (`{ all: true }`) in ONE owner transaction; wipes keys. */
export function useRevokeSession(): UseRevokeSessionReturnType {
  const mutation = useOwnerMutation<RevokeSessionReturnType, RevokeSessionVariables>(
    revokeSessionMutationKey,
    revokeSession,
  );
  return withVerbs(mutation, {
    revokeSession: (variables: RevokeSessionVariables = { all: true }) => variables,
  });
}
