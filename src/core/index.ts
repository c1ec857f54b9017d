export {
  ACCOUNT_CLASS_HASHES,
  type AccountRules,
  type AccountVersion,
  accountRules,
  accountVersionOf,
  assertPolicyAllowed,
  contractInfoOf,
  type KnownAccountVersion,
  type PolicyUse,
} from './accountRules.js';
export * from './actions/index.js';
export {
  isSelectorString,
  type NormalizedCall,
  normalizeCalls,
  type SessionCall,
  toSelector,
} from './call.js';
export {
  type AccountCall,
  type AddSessionCallParameters,
  buildAddSessionCall,
  buildGetSessionDataCall,
  buildGetSpendingPolicyCall,
  buildRemoveSpendingPolicyCall,
  buildRevokeSessionCall,
  buildSetSpendingPolicyCall,
  parseSessionData,
  parseSpendingPolicy,
  type SessionData,
  type SessionKeyCallParameters,
  type SpendingPolicyCallParameters,
  type SpendingPolicyState,
  type TokenCallParameters,
  u256FromCalldata,
} from './calls.js';
export { toChainId } from './chain.js';
export {
  type ConsentAction,
  type ConsentFees,
  type ConsentSpendingLimit,
  type ConsentWarning,
  describeSessionPolicy,
  findTokenInfo,
  type SessionConsentSummary,
  spendingTokenInfo,
  type TokenDisplayInfo,
  UNCOUNTED_TOKEN_SELECTORS,
} from './consent.js';
export * from './constants.js';
export * from './errors/index.js';
export * from './felt.js';
export {
  computeOutsideExecutionHash,
  computeSessionInvokeHash,
  type OutsideExecution,
  type OutsideExecutionHashParameters,
  type OutsideExecutionTimestampType,
  outsideExecutionDomainHash,
  type SessionInvokeHashParameters,
} from './hash.js';
export { type FeeMode, type PaymasterTypedData, verifyPaymasterTypedData } from './paymaster.js';
export {
  ACCOUNT_SELECTOR_NAMES,
  DEFAULT_MAX_SESSION_SECONDS,
  DEFAULT_MIN_SESSION_SECONDS,
  formatAmount,
  type NormalizedSessionPolicy,
  type NormalizedSpendingLimit,
  type NormalizePolicyOptions,
  normalizeSessionPolicy,
  parseAmount,
  type SessionCoverageState,
  type SessionPolicy,
  type SessionPolicyAction,
  type SpendingLimit,
  sessionCoversPolicy,
} from './policy.js';
export {
  type CheckSessionCallsParameters,
  type CheckSessionCallsResult,
  checkSessionCalls,
  DEFAULT_EXPIRY_MARGIN_SECONDS,
  type PreflightSession,
  type TokenSpend,
} from './preflight.js';
export {
  checkRequest as checkSessionRequest,
  decodeSessionRequest,
  encodeSessionRequest,
  SESSION_REQUEST_PARAM,
  SESSION_REQUEST_VERSION,
  type SessionRequest,
  type SessionRequestApp,
  type SessionRequestPolicy,
  type SessionRequestSpendingLimit,
  sessionRequestPolicy,
} from './request.js';
export {
  generateSessionKey,
  getSessionPublicKey,
  type SessionKeyPair,
  type SignOutsideExecutionParameters,
  type SignSessionInvokeParameters,
  signOutsideExecution,
  signSessionInvoke,
} from './sign.js';
export * from './storage/index.js';
export {
  type AccountCapabilities,
  detectSessionSupport,
  type SessionSupport,
  type SupportProvider,
} from './support.js';
export * from './worker/index.js';
