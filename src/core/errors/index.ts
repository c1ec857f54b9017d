export { isSessionError, SessionError, type SessionErrorOptions } from './base.js';
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
