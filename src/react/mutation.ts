'use client';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  OwnerAccountLike,
  PaymasterLike,
  SessionConfig,
  SessionProviderLike,
} from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import { useSessionConfig } from './context.js';
import { useStarknetBindings } from './useStarknet.js';

/** Refreshes every session state and session list (after a create or revoke, or a storage change). */
export function invalidateSessionQueries(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ['sessionState'] });
  void queryClient.invalidateQueries({ queryKey: ['sessions'] });
}

/** What an owner action (create, revoke) takes from starknet-react when it runs. */
export interface OwnerContext {
  owner: OwnerAccountLike | undefined;
  provider: SessionProviderLike;
  paymaster: PaymasterLike | undefined;
  chainId: string | undefined;
}

/**
 * useMutation over an owner action: the owner's account is resolved when it runs, the provider, chain and
 * paymaster (the config's, else starknet-react's) come from the bindings, and success refreshes the sessions.
 */
export function useOwnerMutation<TData, TVariables>(
  mutationKey: (appId: string) => readonly unknown[],
  action: (config: SessionConfig, parameters: TVariables & OwnerContext) => Promise<TData>,
) {
  const config = useSessionConfig();
  const { provider, paymaster, getOwner, chainId } = useStarknetBindings();
  const queryClient = useQueryClient();
  return useMutation<TData, SessionError, TVariables>({
    mutationKey: mutationKey(config.appId),
    mutationFn: async (variables) =>
      action(config, {
        ...variables,
        owner: await getOwner(),
        provider,
        paymaster: config.paymaster ?? paymaster,
        chainId,
      }),
    onSuccess() {
      invalidateSessionQueries(queryClient);
    },
  });
}
