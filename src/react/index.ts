'use client';
export { useSessionConfig } from './context.js';
export {
  type UseSessionSupportReturnType,
  type UseSessionsReturnType,
  type UseSpendingPolicyParameters,
  type UseSpendingPolicyReturnType,
  useSessionSupport,
  useSessions,
  useSpendingPolicy,
} from './queries.js';
export { SessionProvider, type SessionProviderProps } from './SessionProvider.js';
export {
  type UseApproveSessionRequestOptions,
  type UseApproveSessionRequestReturnType,
  useApproveSessionRequest,
} from './useApproveSessionRequest.js';
export {
  type UseCreateSessionData,
  type UseCreateSessionOptions,
  type UseCreateSessionReturnType,
  useCreateSession,
} from './useCreateSession.js';
export { type UseRevokeSessionReturnType, useRevokeSession } from './useRevokeSession.js';
export { type UseSessionParameters, type UseSessionReturnType, useSession } from './useSession.js';
export {
  type UseSessionExecuteOptions,
  type UseSessionExecuteReturnType,
  useSessionExecute,
} from './useSessionExecute.js';
export { type StarknetBindings, useStarknetBindings } from './useStarknet.js';
