'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RevokeSessionReturnType } from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import { type RevokeSessionVariables, revokeSessionMutationOptions } from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useStarknetBindings } from './useStarknet.js';

/** Revokes one session, several, or all of the app's (`{ all: true }`) in ONE owner transaction; wipes keys. */
export function useRevokeSession() {
  const config = useSessionConfig();
  const { provider, paymaster, owner, chainId } = useStarknetBindings();
  const queryClient = useQueryClient();
  const mutation = useMutation<RevokeSessionReturnType, SessionError, RevokeSessionVariables>({
    ...revokeSessionMutationOptions(config, {
      provider,
      paymaster: config.paymaster ?? paymaster,
      owner,
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
