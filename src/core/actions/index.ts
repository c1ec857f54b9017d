export {
  type ApproveSessionRequestParameters,
  type ApproveSessionRequestReturnType,
  approveSessionRequest,
} from './approveSessionRequest.js';
export { isUserRejection } from './classify.js';
export {
  createSessionConfig,
  type InflightTracker,
  type SessionClock,
  type SessionConfig,
  type SessionConfigParameters,
} from './config.js';
export {
  type CreateSessionErrorType,
  type CreateSessionParameters,
  type CreateSessionReturnType,
  createSession,
  type EnsureSessionReturnType,
  ensureSession,
  ownerCalls,
} from './createSession.js';
export {
  type CreateSessionRequestParameters,
  type CreateSessionRequestReturnType,
  createSessionRequest,
  DEFAULT_APPROVAL_URL,
  PENDING_REQUEST_ACCOUNT,
} from './createSessionRequest.js';
export {
  type ExecuteWithSessionErrorType,
  type ExecuteWithSessionParameters,
  type ExecuteWithSessionReturnType,
  executeWithSession,
} from './executeWithSession.js';
export {
  deriveStatus,
  type GetSessionStateParameters,
  type GetSessionStateReturnType,
  getSessionState,
  type SessionSpendState,
  type SessionState,
  type SessionStatus,
} from './getSessionState.js';
export { type GetSpendingPolicyParameters, getSpendingPolicy } from './getSpendingPolicy.js';
export { type ListSessionsParameters, listSessions, type SessionSummary } from './listSessions.js';
export {
  type RevokeSessionParameters,
  type RevokeSessionReturnType,
  revokeSession,
} from './revokeSession.js';
export { SessionInvokeSigner } from './starknetSigner.js';
export type { OwnerAccountLike, PaymasterLike, SessionProviderLike, SessionTarget } from './types.js';
export {
  type WaitForSessionApprovalParameters,
  type WaitForSessionApprovalReturnType,
  waitForSessionApproval,
} from './waitForSessionApproval.js';
