import { CodeNamedError } from './base.js';

/** A value handed to the library is malformed (not a felt, not an address, out of range). */
export class InvalidInputError extends CodeNamedError<'INVALID_INPUT'> {
  declare readonly field: string;
  constructor(field: string, shortMessage: string, options?: { cause?: unknown; details?: string }) {
    super('INVALID_INPUT', shortMessage, options);
    this.field = field;
  }
}

export type InvalidPolicyReason =
  | 'expiry-in-past'
  | 'expiry-too-far'
  | 'duration-invalid'
  | 'max-calls-out-of-range'
  | 'duplicate-selector'
  | 'zero-selector'
  | 'empty-whitelist'
  | 'invalid-address'
  | 'invalid-entrypoint'
  | 'amount-out-of-range'
  | 'max-per-call-above-window'
  | 'window-invalid'
  | 'duplicate-token'
  | 'invalid-decimals'
  /** v29–v31: an empty whitelist lets the session call set_public_key (and more): owner-equivalent. */
  | 'owner-equivalent'
  /** A whitelisted selector belongs to the account itself (set_public_key, __execute__, ...). */
  | 'account-selector'
  /** v29/v30: an outside execution needs two calls left, so maxCalls 1 cannot go through a paymaster. */
  | 'paymaster-needs-two-calls';

/** A policy that could never work on chain, refused before any wallet prompt. */
export class InvalidPolicyError extends CodeNamedError<'INVALID_POLICY'> {
  declare readonly reason: InvalidPolicyReason;
  /** Path of the offending field, e.g. `spendingLimits[0].maxPerCall`. */
  declare readonly field: string;
  constructor(
    reason: InvalidPolicyReason,
    field: string,
    shortMessage: string,
    options?: { cause?: unknown },
  ) {
    super('INVALID_POLICY', shortMessage, { ...options, metaMessages: [`Field: ${field}`] });
    this.reason = reason;
    this.field = field;
  }
}
