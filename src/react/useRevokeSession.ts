'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type RevokeSessionReturnType, revokeSession } from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import { type RevokeSessionVariables, revokeSessionMutationKey } from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useStarknetBindings } from './useStarknet.js';

/** Revokes one session, several, or all of the app's (`{ all: true }`) in ONE owner transaction; wipes keys. */
export function useRevokeSession() {
  const config = useSessionConfig();
  const { provider, paymaster, getOwner, chainId } = useStarknetBindings();
  const queryClient = useQueryClient();
  const mutation = useMutation<RevokeSessionReturnType, SessionError, RevokeSessionVariables>({
    mutationKey: revokeSessionMutationKey(config.appId),
    mutationFn: async (variables) =>
      revokeSession(config, {
        ...variables,
        owner: await getOwner(),
        provider,
        paymaster: config.paymaster ?? paymaster,
        chainId,
      }),
    onSuccess() {
      void queryClient.invalidateQueries({ queryKey: ['sessionState'] });
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  return {
    ...mutation,
    revokeSession: (variables: RevokeSessionVariables = { all: true }) => mutation.mutate(variables),
    revokeSessionAsync: (variables: RevokeSessionVariables = { all: true }) =>
      mutation.mutateAsync(variables),
  };
}
