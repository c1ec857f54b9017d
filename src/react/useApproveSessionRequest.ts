'use client';
import type { MutateOptions, UseMutationResult } from '@tanstack/react-query';
import { type ApproveSessionRequestReturnType, approveSessionRequest } from '../core/actions/index.js';
import type { SessionError } from '../core/errors/index.js';
import type { SessionRequest } from '../core/request.js';
import { type ApproveSessionRequestVariables, approveSessionRequestMutationKey } from '../query/index.js';
import { useOwnerMutation } from './mutation.js';

/** Options of one approval (everything but the request itself). */
export type UseApproveSessionRequestOptions = Omit<ApproveSessionRequestVariables, 'request'>;
type Callbacks = MutateOptions<ApproveSessionRequestReturnType, SessionError, ApproveSessionRequestVariables>;

/** What `useApproveSessionRequest()` returns: TanStack's mutation result plus the `approve` verb pair. */
export type UseApproveSessionRequestReturnType = UseMutationResult<
  ApproveSessionRequestReturnType,
  SessionError,
  ApproveSessionRequestVariables
> & {
  approve(
    request: SessionRequest | string,
    options?: UseApproveSessionRequestOptions,
    callbacks?: Callbacks,
  ): void;
  approveAsync(
    request: SessionRequest | string,
    options?: UseApproveSessionRequestOptions,
  ): Promise<ApproveSessionRequestReturnType>;
};

/**
 * The human's side of an agent's request: ONE wallet prompt adds the agent's public key to the
 * connected account with the requested policy. Wrong chain, wrong account, an invalid or unsupported
 * policy are refused before the wallet opens. No key is made or stored in this app.
 */
export function useApproveSessionRequest(): UseApproveSessionRequestReturnType {
  const mutation = useOwnerMutation<ApproveSessionRequestReturnType, ApproveSessionRequestVariables>(
    approveSessionRequestMutationKey,
    approveSessionRequest,
  );
  return {
    ...mutation,
    approve: (request, options, callbacks) => mutation.mutate({ ...options, request }, callbacks),
    approveAsync: (request, options) => mutation.mutateAsync({ ...options, request }),
  };
}
