'use client';
import { useQuery } from '@tanstack/react-query';
import type { SessionSummary } from '../core/actions/index.js';
import type { SpendingPolicyState } from '../core/calls.js';
import type { SessionSupport } from '../core/support.js';
import {
  sessionSupportQueryOptions,
  sessionsQueryOptions,
  spendingPolicyQueryOptions,
} from '../query/index.js';
import { useSessionConfig } from './context.js';
import { useStarknetBindings } from './useStarknet.js';

/** Does the connected account support SNIP sessions, outside execution and spending policies; which version. */
export function useSessionSupport() {
  const config = useSessionConfig();
  const { provider, accountAddress, chainId } = useStarknetBindings();
  return useQuery<SessionSupport, Error>(
    sessionSupportQueryOptions(config, { provider, accountAddress, chainId }),
  );
}

/** The connected account's sessions for this app, newest first, with their status. */
export function useSessions() {
  const config = useSessionConfig();
  const { provider, accountAddress, chainId } = useStarknetBindings();
  return useQuery<SessionSummary[], Error>({
    ...sessionsQueryOptions(config, { provider, accountAddress, chainId }),
    enabled: Boolean(accountAddress && chainId),
  });
}

/** The on-chain spending policy of a session for a token. */
export function useSpendingPolicy(parameters: { token: string | undefined; publicKey: string | undefined }) {
  const config = useSessionConfig();
  const { provider, accountAddress, chainId } = useStarknetBindings();
  return useQuery<SpendingPolicyState, Error>(
    spendingPolicyQueryOptions(config, { provider, accountAddress, chainId, ...parameters }),
  );
}
