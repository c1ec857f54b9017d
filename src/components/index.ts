'use client';
export type { SessionConsentSummary, TokenDisplayInfo } from '../core/consent.js';
export type { ErrorLike } from './errorLike.js';
export { SessionConsent, type SessionConsentProps } from './SessionConsent/SessionConsent.js';
export {
  SessionConsentDialog,
  type SessionConsentDialogProps,
} from './SessionConsent/SessionConsentDialog.js';
export {
  type ConsentFeeMode,
  type SessionConsentStatus,
  SessionConsentView,
  type SessionConsentViewProps,
} from './SessionConsent/SessionConsentView.js';
export { SessionList, type SessionListProps } from './SessionList/SessionList.js';
export {
  type SessionListItem,
  SessionListView,
  type SessionListViewProps,
} from './SessionList/SessionListView.js';
export {
  SessionRequestApproval,
  type SessionRequestApprovalProps,
} from './SessionRequestApproval/SessionRequestApproval.js';
export {
  type SessionRequestApprovalState,
  SessionRequestApprovalView,
  type SessionRequestApprovalViewProps,
} from './SessionRequestApproval/SessionRequestApprovalView.js';
export { defaultRequestText, type SessionRequestText } from './SessionRequestApproval/text.js';
export { SessionStatus, type SessionStatusProps } from './SessionStatus/SessionStatus.js';
export {
  type SessionSpendView,
  type SessionStatusData,
  SessionStatusView,
  type SessionStatusViewProps,
} from './SessionStatus/SessionStatusView.js';
export { defaultText, type SessionText, type TimeParts } from './text.js';
export type { TimeSource } from './useNow.js';
