import type { SessionStatus } from '../core/actions/index.js';

/**
 * Every string the components show, in one place so an app can translate or reword them: pass
 * `text={{ ...overrides }}` to any component. Functions receive already formatted values.
 */
export interface SessionText {
  // Consent
  consentTitle: (app: string) => string;
  consentLead: (app: string, duration: string, maxCalls: string) => string;
  consentActionsHeading: string;
  consentAnyAction: string;
  consentActionOn: (contract: string) => string;
  consentFactsHeading: string;
  consentMaxCalls: string;
  consentMaxCallsValue: (n: string) => string;
  consentDuration: string;
  consentExpires: string;
  consentGas: string;
  consentGasSponsored: (sponsor: string | undefined) => string;
  consentGasToken: (token: string) => string;
  /** The bound on one gas-token fee, after consentGasToken. */
  consentGasFeeBound: (amount: string) => string;
  consentGasNoPaymaster: string;
  consentCapsHeading: string;
  consentCapPerCall: (amount: string) => string;
  consentCapPerWindow: (amount: string, window: string) => string;
  consentWarningsHeading: string;
  warnAnyAction: string;
  warnAnyActionBlocked: (count: number) => string;
  warnUncappedSpend: (entrypoints: string) => string;
  warnUncappedSpendAny: string;
  warnUncappedTokens: (tokens: string) => string;
  warnOtherTokens: string;
  warnEveryContract: (entrypoints: string, contractNamed: boolean) => string;
  warnCapNotCounted: (entrypoints: string) => string;
  warnFeeTransferBlocked: (token: string) => string;
  warnSignsMessages: string;
  warnUnsafeVersion: (version: string) => string;
  warnUnknownAccount: string;
  warnOwnerEquivalent: (version: string) => string;
  warnCannotCapSpending: (version: string) => string;
  warnLastCallNotGasless: (version: string) => string;
  approve: string;
  approvePending: string;
  reject: string;
  retry: string;
  close: string;
  pendingHint: string;
  rejectedTitle: string;
  rejectedBody: string;
  errorTitle: string;
  invalidTitle: string;
  invalidBody: (app: string) => string;
  // Status
  statusLabel: Record<SessionStatus, string>;
  statusTitle: string;
  statusNone: string;
  statusPendingBody: string;
  timeLeft: (countdown: string) => string;
  expiredAt: (date: string) => string;
  expiresAt: (date: string) => string;
  callsLabel: string;
  callsValue: (used: string, max: string) => string;
  spendLabel: (token: string) => string;
  spendValue: (left: string, max: string, window: string) => string;
  spendResets: (countdown: string) => string;
  renew: string;
  renewPending: string;
  revoke: string;
  revokePending: string;
  stale: string;
  // List
  listTitle: (app: string | undefined) => string;
  listEmpty: string;
  listKey: (key: string) => string;
  listCalls: (used: string, max: string) => string;
  listCreated: (date: string) => string;
  revokeOne: (key: string) => string;
  revokeAll: string;
  revokeAllPending: string;
  revokedAnnouncement: (count: number) => string;
  // Units
  transactions: (n: number, formatted: string) => string;
  duration: (parts: TimeParts) => string;
  countdown: (parts: TimeParts) => string;
  window: (duration: string, unit: 'day' | 'hour' | 'minute' | undefined) => string;
  listSeparator: string;
}

export interface TimeParts {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export const defaultText: SessionText = {
  consentTitle: (app) => `${app} asks to act for you`,
  consentLead: (app, duration, maxCalls) =>
    `Approve once in your wallet. For ${duration}, ${app} can then send up to ${maxCalls} without asking again, within the limits below.`,
  consentActionsHeading: 'What it can do',
  consentAnyAction: 'Any action on any contract',
  consentActionOn: (contract) => `used on ${contract}`,
  consentFactsHeading: 'Limits',
  consentMaxCalls: 'Transactions',
  consentMaxCallsValue: (n) => `up to ${n}`,
  consentDuration: 'Duration',
  consentExpires: 'Ends',
  consentGas: 'Network fees',
  consentGasSponsored: (sponsor) => (sponsor ? `Sponsored by ${sponsor}` : 'Sponsored: you pay nothing'),
  consentGasToken: (token) => `Paid by your account in ${token}`,
  consentGasFeeBound: (amount) => `at most ${amount} per transaction`,
  consentGasNoPaymaster: 'Paid by your account',
  consentCapsHeading: 'Spending caps',
  consentCapPerCall: (amount) => `${amount} per transaction`,
  consentCapPerWindow: (amount, window) => `${amount} ${window}`,
  consentWarningsHeading: 'Read before approving',
  warnAnyAction:
    'The app can call any function on any contract, except this account and its admin functions.',
  warnAnyActionBlocked: (count) => `The ${count} admin functions that stay blocked`,
  warnUncappedSpend: (entrypoints) => `${entrypoints} can move tokens out of your account.`,
  warnUncappedSpendAny: 'The app can move tokens out of your account.',
  warnUncappedTokens: (tokens) => `No spending cap on ${tokens}.`,
  warnOtherTokens: 'Tokens without a spending cap can be moved without limit.',
  warnEveryContract: (entrypoints, contractNamed) =>
    `The session can use ${entrypoints} on any ${contractNamed ? 'other ' : ''}app or token with an action of that name.`,
  warnCapNotCounted: (entrypoints) => `${entrypoints} is not counted by the spending caps.`,
  warnFeeTransferBlocked: (token) => `This session cannot pay its fees in ${token}: its actions will fail.`,
  warnSignsMessages:
    'Until it ends, the session can also sign messages as your account (such as orders or logins).',
  warnUnsafeVersion: (version) =>
    `Your account (${version}) lets any session act as the owner: upgrade it first.`,
  warnUnknownAccount: 'Your account type is unknown: strictest rules, no spending caps.',
  warnOwnerEquivalent: (version) =>
    `On your account (${version}) a session allowed every action can take it over.`,
  warnCannotCapSpending: (version) => `Your account (${version}) cannot cap what the actions spend.`,
  warnLastCallNotGasless: (version) =>
    `On your account (${version}) the session's last transaction is not gasless.`,
  approve: 'Approve in wallet',
  approvePending: 'Waiting for wallet…',
  reject: 'Not now',
  retry: 'Try again',
  close: 'Close',
  pendingHint: 'Confirm or reject in your wallet.',
  rejectedTitle: 'Rejected in your wallet',
  rejectedBody: 'Nothing was changed. You can try again.',
  errorTitle: 'The session could not be started',
  invalidTitle: 'This request cannot be approved',
  invalidBody: (app) => `${app} asked for a session that is not valid:`,
  statusLabel: {
    none: 'No session',
    pending: 'Confirming',
    active: 'Active',
    expiring: 'Expiring soon',
    expired: 'Expired',
    exhausted: 'Used up',
    revoked: 'Revoked',
  },
  statusTitle: 'Session',
  statusNone: 'No session yet: each action will ask your wallet.',
  statusPendingBody: 'Waiting for the network to confirm the session.',
  timeLeft: (countdown) => `${countdown} left`,
  expiredAt: (date) => `Ended ${date}`,
  expiresAt: (date) => `Ends ${date}`,
  callsLabel: 'Transactions',
  callsValue: (used, max) => `${used} of ${max} used`,
  spendLabel: (token) => `${token} left`,
  spendValue: (left, max, window) => `${left} of ${max} ${window}`,
  spendResets: (countdown) => `resets in ${countdown}`,
  renew: 'Renew',
  renewPending: 'Renewing…',
  revoke: 'Revoke',
  revokePending: 'Revoking…',
  stale: 'Last known state: the network could not be reached or has not confirmed it yet.',
  listTitle: (app) => (app ? `Sessions for ${app}` : 'Sessions'),
  listEmpty: 'No sessions on this account yet.',
  listKey: (key) => `Key ${key}`,
  listCalls: (used, max) => `${used} of ${max} transactions`,
  listCreated: (date) => `Started ${date}`,
  revokeOne: (key) => `Revoke session ${key}`,
  revokeAll: 'Revoke all',
  revokeAllPending: 'Revoking all…',
  revokedAnnouncement: (count) => `${plural(count, 'session')} revoked.`,
  transactions: (n, formatted) => `${formatted} transaction${n === 1 ? '' : 's'}`,
  countdown: ({ days, hours, minutes, seconds }) => {
    if (days) return `${days} d ${hours} h`;
    if (hours) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
    return `${minutes}:${String(seconds).padStart(2, '0')}`;
  },
  duration: ({ days, hours, minutes, seconds }) => {
    const parts: string[] = [];
    if (days) parts.push(plural(days, 'day'));
    if (hours) parts.push(plural(hours, 'hour'));
    if (minutes && !days) parts.push(plural(minutes, 'minute'));
    if (seconds && !days && !hours) parts.push(plural(seconds, 'second'));
    // At most two parts: minutes only without days, seconds only without days or hours.
    return parts.join(' ') || '0 seconds';
  },
  window: (duration, unit) => `per ${unit ?? duration}`,
  listSeparator: ', ',
};

/** The defaults with an app's overrides; an override left undefined (a missed translation) keeps the default. */
export function mergeText(overrides: Partial<SessionText> | undefined): SessionText {
  if (!overrides) return defaultText;
  const text: Record<string, unknown> = { ...defaultText };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) text[key] = value;
  return text as unknown as SessionText;
}
