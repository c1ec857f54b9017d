export { isSessionError, SessionError, type SessionErrorOptions } from './base.js';
export { CryptoSelfTestError } from './crypto.js';
export {
  InnerCallFailedError,
  type InnerCallFailure,
  NonceConflictError,
  NoSessionError,
  PaymasterRejectedError,
  PaymasterResponseMismatchError,
  PaymasterUnavailableError,
  SessionKeyMissingError,
  TransactionRevertedError,
  UserRejectedError,
  WalletNotConnectedError,
} from './execution.js';
export { InvalidInputError, InvalidPolicyError, type InvalidPolicyReason } from './input.js';
export {
  AdminSelectorError,
  CallLimitReachedError,
  CallNotAllowedError,
  type CallNotAllowedReason,
  InvalidCalldataError,
  type RefusedCall,
  SessionExpiredError,
  SessionNotFoundError,
  SessionRevokedError,
  SpendLimitExceededError,
  type SpendLimitKind,
} from './preflight.js';
export {
  InvalidSessionRequestError,
  type InvalidSessionRequestReason,
  SessionRequestMismatchError,
  SessionRequestTimeoutError,
} from './request.js';
export {
  AccountStateMismatchError,
  RpcRequestError,
  SessionNotSupportedError,
  type SessionNotSupportedReason,
  StaleReadError,
} from './rpc.js';
export * from './storage.js';
