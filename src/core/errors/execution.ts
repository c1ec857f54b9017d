import { errorName, SessionError } from './base.js';

/** The user said no in their wallet. Nothing was sent. */
export class UserRejectedError extends SessionError<'USER_REJECTED'> {
  override name = errorName(this.code);
  constructor(options?: { cause?: unknown; details?: string }) {
    super('USER_REJECTED', 'Rejected in the wallet.', options);
  }
}

/** No owner wallet is connected (needed to create or revoke a session, or for the owner fallback). */
export class WalletNotConnectedError extends SessionError<'WALLET_NOT_CONNECTED'> {
  override name = errorName(this.code);
  constructor() {
    super('WALLET_NOT_CONNECTED', 'Connect a wallet first.');
  }
}

/** The session is known but its key is not in this storage (wiped, another device, or cleared). */
export class SessionKeyMissingError extends SessionError<'SESSION_KEY_MISSING'> {
  override name = errorName(this.code);
  declare readonly publicKey: string;
  constructor(publicKey: string) {
    super('SESSION_KEY_MISSING', "This session's key is not on this device.");
    this.publicKey = publicKey;
  }
}

/** There is no session to use for this account and app. */
export class NoSessionError extends SessionError<'NO_SESSION'> {
  override name = errorName(this.code);
  constructor() {
    super('NO_SESSION', 'No session yet: start one first.');
  }
}

/** The paymaster cannot be reached, is down, or is rate limiting us. Nothing was signed or counted. */
export class PaymasterUnavailableError extends SessionError<'PAYMASTER_UNAVAILABLE'> {
  override name = errorName(this.code);
  /** True when a later retry may succeed (timeouts, 5xx, 429); false when the request may have run. */
  declare readonly retryable: boolean;
  constructor(shortMessage: string, options?: { cause?: unknown; details?: string; retryable?: boolean }) {
    super('PAYMASTER_UNAVAILABLE', shortMessage, options);
    this.retryable = options?.retryable ?? true;
  }
}

/** The paymaster answered but refused the transaction (unsupported token, policy, invalid request). */
export class PaymasterRejectedError extends SessionError<'PAYMASTER_REJECTED'> {
  override name = errorName(this.code);
  constructor(shortMessage: string, options?: { cause?: unknown; details?: string }) {
    super('PAYMASTER_REJECTED', shortMessage, options);
  }
}

/** The typed data the paymaster returned is not exactly our calls (plus only its fee transfer). Not signed. */
export class PaymasterResponseMismatchError extends SessionError<'PAYMASTER_RESPONSE_MISMATCH'> {
  override name = errorName(this.code);
  declare readonly field: string;
  constructor(field: string, details?: string) {
    super('PAYMASTER_RESPONSE_MISMATCH', 'Refused: the paymaster asked to sign something else.', {
      details,
      metaMessages: [`Field: ${field}`],
    });
    this.field = field;
  }
}

/** The transaction was included but reverted (or refused by the account on validation). */
export class TransactionRevertedError extends SessionError<'TRANSACTION_REVERTED'> {
  override name = errorName(this.code);
  declare readonly transactionHash: string | undefined;
  constructor(transactionHash: string | undefined, options?: { cause?: unknown; details?: string }) {
    super('TRANSACTION_REVERTED', 'Rejected on chain.', options);
    this.transactionHash = transactionHash;
  }
}

/** One inner call of a non-atomic multicall failed while the transaction itself succeeded. */
export interface InnerCallFailure {
  index: number;
  contractAddress: string;
  selector: string;
  reason: string | undefined;
}

/** The transaction succeeded but some inner calls failed (the account executes calls non-atomically). */
export class InnerCallFailedError extends SessionError<'INNER_CALL_FAILED'> {
  override name = errorName(this.code);
  declare readonly transactionHash: string;
  declare readonly failures: InnerCallFailure[];
  constructor(transactionHash: string, failures: InnerCallFailure[]) {
    super('INNER_CALL_FAILED', `${failures.length} of the calls failed; the transaction succeeded.`, {
      details: failures.map((f) => `#${f.index}: ${f.reason ?? 'reverted'}`).join('; '),
    });
    this.transactionHash = transactionHash;
    this.failures = failures;
  }
}

/** The nonce was taken by another transaction, even after one re-sign with a fresh nonce. */
export class NonceConflictError extends SessionError<'NONCE_CONFLICT'> {
  override name = errorName(this.code);
  constructor(options?: { cause?: unknown; details?: string }) {
    super('NONCE_CONFLICT', 'Nonce taken by another transaction; try again.', options);
  }
}
