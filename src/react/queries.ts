'use client';
import { type UseQueryOptions, useQuery } from '@tanstack/react-query';
import type { SessionConfig, SessionProviderLike } from '../core/actions/index.js';
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
function useAccountQuery<T>(
  options: (
    config: SessionConfig,
    account: ConnectedAccount,
  ) => UseQueryOptions<T, Error, T, readonly unknown[]>,
) {
  // The bindings carry more than these three; each options function picks what it uses.
  return useQuery<T, Error, T, readonly unknown[]>(options(useSessionConfig(), useStarknetBindings()));
}

/** Does the connected account support SNIP sessions, outside execution and spending policies; which version. */
export function useSessionSupport() {
  return useAccountQuery(sessionSupportQueryOptions);
}

/** The connected account's sessions for this app, newest first, with their status. */
export function useSessions() {
  return useAccountQuery((config, account) => ({
    ...sessionsQueryOptions(config, account),
    enabled: Boolean(account.accountAddress && account.chainId),
  }));
}

/** The on-chain spending policy of a session for a token. */
export function useSpendingPolicy(parameters: { token: string | undefined; publicKey: string | undefined }) {
  return useAccountQuery((config, account) =>
    spendingPolicyQueryOptions(config, { ...account, ...parameters }),
  );
}
