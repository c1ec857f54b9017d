'use client';
import { type RevokeSessionReturnType, revokeSession } from '../core/actions/index.js';
import type { RevokeSessionVariables } from '../query/index.js';
import { revokeSessionMutationKey } from '../query/index.js';
import { useOwnerMutation } from './mutation.js';

/** Revokes one session, several, or all of the app's (`{ all: true }`) in ONE owner transaction; wipes keys. */
export function useRevokeSession() {
  const mutation = useOwnerMutation<RevokeSessionReturnType, RevokeSessionVariables>(
    revokeSessionMutationKey,
    revokeSession,
  );
  return {
    ...mutation,
    revokeSession: (variables: RevokeSessionVariables = { all: true }) => mutation.mutate(variables),
    revokeSessionAsync: (variables: RevokeSessionVariables = { all: true }) =>
      mutation.mutateAsync(variables),
  };
}
