import { CodeNamedError } from './base.js';

export type InvalidSessionRequestReason =
  | 'malformed'
  | 'unsupported-version'
  | 'invalid-field'
  | 'wrong-chain'
  | 'wrong-account';

/** A session request (an agent's link) that cannot be read or does not fit here; nothing was sent. */
export class InvalidSessionRequestError extends CodeNamedError<'INVALID_SESSION_REQUEST'> {
  declare readonly reason: InvalidSessionRequestReason;
  /** The offending field, e.g. `policy.maxCalls`, when one is to blame. */
  declare readonly field: string | undefined;
  constructor(
    reason: InvalidSessionRequestReason,
    shortMessage: string,
    options?: { field?: string | undefined; cause?: unknown; details?: string },
  ) {
    super('INVALID_SESSION_REQUEST', shortMessage, {
      ...options,
      metaMessages: [`Reason: ${reason}${options?.field ? ` (${options.field})` : ''}`],
    });
    this.reason = reason;
    this.field = options?.field;
  }
}

/**
 * What the account registered is not what the agent asked for (a link widened or narrowed in transit,
 * or another account): the agent does not use the session.
 */
export class SessionRequestMismatchError extends CodeNamedError<'SESSION_REQUEST_MISMATCH'> {
  /** What differs: 'validUntil', 'maxCalls', 'entrypoints', 'spendingLimits[0x…]', 'account'. */
  declare readonly field: string;
  declare readonly expected: string;
  declare readonly actual: string;
  constructor(field: string, expected: string, actual: string, options?: { cause?: unknown }) {
    super('SESSION_REQUEST_MISMATCH', 'The approved session is not the one this agent asked for.', {
      ...options,
      details: `${field}: asked ${expected}, registered ${actual}`,
    });
    this.field = field;
    this.expected = expected;
    this.actual = actual;
  }
}

/** No approval showed up on chain in time (the request stays pending and can be waited for again). */
export class SessionRequestTimeoutError extends CodeNamedError<'SESSION_REQUEST_TIMEOUT'> {
  declare readonly publicKey: string;
  declare readonly timeoutMs: number;
  constructor(publicKey: string, timeoutMs: number, options?: { cause?: unknown }) {
    super('SESSION_REQUEST_TIMEOUT', 'The session request was not approved in time.', {
      ...options,
      details: `No approval of ${publicKey} within ${timeoutMs} ms.`,
    });
    this.publicKey = publicKey;
    this.timeoutMs = timeoutMs;
  }
}
