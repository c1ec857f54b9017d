import { errorName, SessionError } from './base.js';

/** A value handed to the library is malformed (not a felt, not an address, out of range). */
export class InvalidInputError extends SessionError<'INVALID_INPUT'> {
  override name = errorName(this.code);
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
  | 'invalid-decimals';

/** A policy that could never work on chain, refused before any wallet prompt. */
export class InvalidPolicyError extends SessionError<'INVALID_POLICY'> {
  override name = errorName(this.code);
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
