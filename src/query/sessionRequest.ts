import {
  type ApproveSessionRequestParameters,
  type ApproveSessionRequestReturnType,
  approveSessionRequest,
  type SessionConfig,
} from '../core/actions/index.js';

export const approveSessionRequestMutationKey = (appId: string) =>
  ['approveSessionRequest', { appId }] as const;

export type ApproveSessionRequestVariables = Omit<
  ApproveSessionRequestParameters,
  'owner' | 'provider' | 'paymaster' | 'chainId'
>;

export function approveSessionRequestMutationOptions(
  config: SessionConfig,
  context: Pick<ApproveSessionRequestParameters, 'owner' | 'provider' | 'paymaster' | 'chainId'>,
) {
  return {
    mutationKey: approveSessionRequestMutationKey(config.appId),
    mutationFn: (variables: ApproveSessionRequestVariables): Promise<ApproveSessionRequestReturnType> =>
      approveSessionRequest(config, { ...context, ...variables }),
  };
}
