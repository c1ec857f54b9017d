import { CodeNamedError } from './base.js';

/** A call as the preflight reports it: contract and selector in 0x hex. */
export interface RefusedCall {
  index: number;
  contractAddress: string;
  selector: string;
  /** The entrypoint name when the caller gave one. */
  entrypoint?: string | undefined;
}

/** The session does not exist on chain (never added, or zeroed by a revoke). */
export class SessionNotFoundError extends CodeNamedError<'SESSION_NOT_FOUND'> {
  declare readonly publicKey: string;
  constructor(publicKey: string, options?: { cause?: unknown; details?: string }) {
    super('SESSION_NOT_FOUND', 'The account does not know this session key.', options);
    this.publicKey = publicKey;
  }
}

/** The session was revoked (on chain, or in another tab or device). */
export class SessionRevokedError extends CodeNamedError<'SESSION_REVOKED'> {
  declare readonly publicKey: string;
  constructor(publicKey: string, options?: { cause?: unknown; details?: string }) {
    super('SESSION_REVOKED', 'This session was revoked.', options);
    this.publicKey = publicKey;
  }
}

/** The session's validUntil (minus the safety margin) has passed. */
export class SessionExpiredError extends CodeNamedError<'SESSION_EXPIRED'> {
  declare readonly validUntil: number;
  declare readonly now: number;
  constructor(validUntil: number, now: number, options?: { cause?: unknown; details?: string }) {
    super('SESSION_EXPIRED', 'The session has expired.', {
      ...options,
      metaMessages: [`validUntil: ${validUntil}, now: ${now}`],
    });
    this.validUntil = validUntil;
    this.now = now;
  }
}

/** max_calls transactions were already used. */
export class CallLimitReachedError extends CodeNamedError<'CALL_LIMIT_REACHED'> {
  declare readonly maxCalls: number;
  declare readonly callsUsed: number;
  /** Set when calls are left but not enough for this route (v29/v30: an outside execution needs two). */
  declare readonly reason: 'paymaster-needs-two-calls' | undefined;
  constructor(
    maxCalls: number,
    callsUsed: number,
    options?: { cause?: unknown; details?: string; reason?: 'paymaster-needs-two-calls' },
  ) {
    super(
      'CALL_LIMIT_REACHED',
      options?.reason
        ? 'The last call cannot use a paymaster here.'
        : `All ${maxCalls} session calls are used.`,
      { ...options, metaMessages: [`callsUsed: ${callsUsed}`] },
    );
    this.maxCalls = maxCalls;
    this.callsUsed = callsUsed;
    this.reason = options?.reason;
  }
}

/** A call targets one of the account's admin selectors, which no session may ever call. */
export class AdminSelectorError extends CodeNamedError<'ADMIN_SELECTOR'> {
  declare readonly selectorName: string;
  declare readonly call: RefusedCall | undefined;
  constructor(selectorName: string, call?: RefusedCall, options?: { cause?: unknown }) {
    super('ADMIN_SELECTOR', `"${selectorName}" is an admin entrypoint: never for a session.`, options);
    this.selectorName = selectorName;
    this.call = call;
  }
}

export type CallNotAllowedReason = 'not-whitelisted' | 'self-call';

/** A call the session's whitelist (or the self-call rule) does not allow. */
export class CallNotAllowedError extends CodeNamedError<'CALL_NOT_ALLOWED'> {
  declare readonly reason: CallNotAllowedReason;
  declare readonly call: RefusedCall;
  constructor(reason: CallNotAllowedReason, call: RefusedCall, options?: { cause?: unknown }) {
    super(
      'CALL_NOT_ALLOWED',
      reason === 'self-call'
        ? 'This session cannot call the account itself.'
        : `The session does not allow ${call.entrypoint ?? call.selector}.`,
      {
        ...options,
        metaMessages: [`Call #${call.index}: ${call.contractAddress} ${call.entrypoint ?? call.selector}`],
      },
    );
    this.reason = reason;
    this.call = call;
  }
}

/** 'window-overflow': the policy's window_start + window_seconds passes u64, so the account panics on any spend. */
export type SpendLimitKind = 'per-call' | 'per-window' | 'window-overflow';

/** A token movement above the session's spending policy. */
export class SpendLimitExceededError extends CodeNamedError<'SPEND_LIMIT_EXCEEDED'> {
  declare readonly token: string;
  declare readonly limit: SpendLimitKind;
  /** Amount this execute would move (accumulated over the multicall for per-window). */
  declare readonly amount: bigint;
  /** What is still allowed: max per call, or what is left in the window. */
  declare readonly allowed: bigint;
  declare readonly call: RefusedCall;
  constructor(token: string, limit: SpendLimitKind, amount: bigint, allowed: bigint, call: RefusedCall) {
    super(
      'SPEND_LIMIT_EXCEEDED',
      limit === 'per-call'
        ? 'Above the per-call cap.'
        : limit === 'window-overflow'
          ? 'The spending window overflows: every spend reverts.'
          : 'Above what is left in the spending window.',
      { metaMessages: [`Token ${token}: ${amount}, allowed ${allowed}`] },
    );
    this.token = token;
    this.limit = limit;
    this.amount = amount;
    this.allowed = allowed;
    this.call = call;
  }
}

/** Calldata of a spending-tracked call that the contract would refuse to parse. */
export class InvalidCalldataError extends CodeNamedError<'INVALID_CALLDATA'> {
  declare readonly call: RefusedCall;
  constructor(shortMessage: string, call: RefusedCall, details?: string) {
    super('INVALID_CALLDATA', shortMessage, { details });
    this.call = call;
  }
}
