'use client';
import { type QueryClient, type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
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

/** A verb's arguments made into the mutation's variables. */
type Verb<TVariables> = (...args: never[]) => TVariables;

/** A verb pair per verb: `name(...)` runs the mutation, `nameAsync(...)` returns its promise. */
type VerbPairs<TData, TVerbs> = {
  [K in keyof TVerbs & string]: TVerbs[K] extends (...args: infer A) => unknown
    ? (...args: A) => void
    : never;
} & {
  [K in keyof TVerbs & string as `${K}Async`]: TVerbs[K] extends (...args: infer A) => unknown
    ? (...args: A) => Promise<TData>
    : never;
};

/** TanStack's mutation result plus a verb pair for each of `verbs` (what its arguments send). */
export function withVerbs<TData, TVariables, TVerbs extends Record<string, Verb<TVariables>>>(
  mutation: UseMutationResult<TData, SessionError, TVariables>,
  verbs: TVerbs,
) {
  const result: Record<string, unknown> = { ...mutation };
  for (const [name, variables] of Object.entries(verbs)) {
    result[name] = (...args: never[]) => mutation.mutate(variables(...args));
    result[`${name}Async`] = (...args: never[]) => mutation.mutateAsync(variables(...args));
  }
  return result as UseMutationResult<TData, SessionError, TVariables> & VerbPairs<TData, TVerbs>;
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
