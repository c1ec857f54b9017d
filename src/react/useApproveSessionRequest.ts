'use client';
import { type ApproveSessionRequestReturnType, approveSessionRequest } from '../core/actions/index.js';
import type { SessionRequest } from '../core/request.js';
import { type ApproveSessionRequestVariables, approveSessionRequestMutationKey } from '../query/index.js';
import { useOwnerMutation } from './mutation.js';

type Options = Omit<ApproveSessionRequestVariables, 'request'>;
type Result = ApproveSessionRequestReturnType;
type Callbacks = Parameters<
  ReturnType<typeof useOwnerMutation<Result, ApproveSessionRequestVariables>>['mutate']
>[1];

/**
 * The human's side of an agent's request: ONE wallet prompt adds the agent's public key to the
 * connected account with the requested policy. Wrong chain, wrong account, an invalid or unsupported
 * policy are refused before the wallet opens. No key is made or stored in this app.
 */
export function useApproveSessionRequest() {
  const mutation = useOwnerMutation<ApproveSessionRequestReturnType, ApproveSessionRequestVariables>(
    approveSessionRequestMutationKey,
    approveSessionRequest,
  );
  return {
    ...mutation,
    approve: (request: SessionRequest | string, options?: Options, callbacks?: Callbacks) =>
      mutation.mutate({ ...options, request }, callbacks),
    approveAsync: (request: SessionRequest | string, options?: Options) =>
      mutation.mutateAsync({ ...options, request }),
  };
}
