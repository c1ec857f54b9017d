'use client';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ExecuteWithSessionReturnType, SessionState } from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import { type ExecuteWithSessionVariables, executeWithSessionMutationOptions } from '../query/index.js';
import { useSessionConfig } from './context.js';
import { withVerbs } from './mutation.js';
import { useStarknetBindings } from './useStarknet.js';

/** What `useSessionExecute()` returns: TanStack's mutation result plus the `execute` verb pair. */
export type UseSessionExecuteReturnType = UseMutationResult<
  ExecuteWithSessionReturnType,
  SessionError,
  ExecuteWithSessionVariables
> & {
  execute(calls: ExecuteWithSessionVariables['calls'], options?: UseSessionExecuteOptions): void;
  executeAsync(
    calls: ExecuteWithSessionVariables['calls'],
    options?: UseSessionExecuteOptions,
  ): Promise<ExecuteWithSessionReturnType>;
};
/** The second argument of `execute` / `executeAsync`: `mode`, `feeMode`, `waitForReceipt`, `publicKey`… */
export type UseSessionExecuteOptions = Omit<ExecuteWithSessionVariables, 'calls'>;

/**
 * `execute(calls, options)`: preflight, sign with the session key, submit through the paymaster (or
 * directly). No wallet prompt. Errors are typed `SessionError`s: switch on `error.code`.
 */
export function useSessionExecute(): UseSessionExecuteReturnType {
  const config = useSessionConfig();
  const bindings = useStarknetBindings();
  const queryClient = useQueryClient();
  const mutation = useMutation<ExecuteWithSessionReturnType, SessionError, ExecuteWithSessionVariables>({
    ...executeWithSessionMutationOptions(config, {
      ...bindings, // provider, account, chain
      paymaster: config.paymaster ?? bindings.paymaster,
      // Resolved only if the owner-wallet fallback is used (a fresh component may not have the account yet).
      owner: bindings.getOwner,
    }),
    onSuccess(result) {
      // Optimistic: the session state shows the call at once; the chain confirms on the next refresh.
      queryClient.setQueriesData<SessionState>({ queryKey: ['sessionState'] }, (old) => {
        if (!old?.publicKey || BigInt(old.publicKey) !== BigInt(result.publicKey)) return old;
        const callsUsed = Math.max(old.callsUsed, result.callsUsed);
        return {
          ...old,
          callsUsed,
          callsLeft: Math.max(0, old.maxCalls - callsUsed),
          callsLeftGasless: Math.max(0, old.callsLeftGasless - callsUsed + old.callsUsed),
          status: callsUsed >= old.maxCalls && old.status === 'active' ? 'exhausted' : old.status,
          spending: old.spending.map((s) => {
            const spent = result.spending.find((x) => BigInt(x.token) === BigInt(s.token))?.amount ?? 0n;
            return {
              ...s,
              spentInWindow: s.spentInWindow + spent,
              left: s.left > spent ? s.left - spent : 0n,
            };
          }),
        };
      });
    },
  });
  return withVerbs(mutation, {
    execute: (calls: ExecuteWithSessionVariables['calls'], options?: UseSessionExecuteOptions) => ({
      ...options,
      calls,
    }),
  });
}
