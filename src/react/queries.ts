'use client';
import { type UseQueryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SessionConfig, SessionProviderLike, SessionSummary } from '../core/actions/index.js';
import type { SpendingPolicyState } from '../core/calls.js';
import type { SessionSupport } from '../core/support.js';
import {
  sessionSupportQueryOptions,
  sessionsQueryOptions,
  spendingPolicyQueryOptions,
} from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useStarknetBindings } from './useStarknet.js';

interface ConnectedAccount {
  provider: SessionProviderLike;
  accountAddress: string | undefined;
  chainId: string | undefined;
}

/** A query about the connected account: its options from the config and starknet-react's provider, account, chain. */
export function useAccountQuery<T>(
  options: (
    config: SessionConfig,
    account: ConnectedAccount,
  ) => UseQueryOptions<T, Error, T, readonly unknown[]>,
): UseQueryResult<T, Error> {
  // The bindings carry more than these three; each options function picks what it uses.
  return useQuery<T, Error, T, readonly unknown[]>(options(useSessionConfig(), useStarknetBindings()));
}

/** `data`: whether the account supports sessions, outside execution, spending policies; its version. */
export type UseSessionSupportReturnType = UseQueryResult<SessionSupport, Error>;
/** `data`: the connected account's sessions for this app, newest first. */
export type UseSessionsReturnType = UseQueryResult<SessionSummary[], Error>;
/** `data`: a session's on-chain spending policy for one token. */
export type UseSpendingPolicyReturnType = UseQueryResult<SpendingPolicyState, Error>;
export interface UseSpendingPolicyParameters {
  token: string | undefined;
  publicKey: string | undefined;
}

/** Does the connected account support SNIP sessions, outside execution and spending policies; which version. */
export function useSessionSupport(): UseSessionSupportReturnType {
  return useAccountQuery(sessionSupportQueryOptions);
}

/** The connected account's sessions for this app, newest first, with their status. */
export function useSessions(): UseSessionsReturnType {
  return useAccountQuery((config, account) => ({
    ...sessionsQueryOptions(config, account),
    enabled: Boolean(account.accountAddress && account.chainId),
  }));
}

/** The on-chain spending policy of a session for a token. */
export function useSpendingPolicy(parameters: UseSpendingPolicyParameters): UseSpendingPolicyReturnType {
  return useAccountQuery((config, account) =>
    spendingPolicyQueryOptions(config, { ...account, ...parameters }),
  );
}
