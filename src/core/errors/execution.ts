import { CodeNamedError } from './base.js';

/** The user said no in their wallet. Nothing was sent. */
export class UserRejectedError extends CodeNamedError<'USER_REJECTED'> {
  constructor(options?: { cause?: unknown; details?: string }) {
    super('USER_REJECTED', 'Rejected in the wallet.', options);
  }
}

/** No owner wallet is connected (needed to create or revoke a session, or for the owner fallback). */
export class WalletNotConnectedError extends CodeNamedError<'WALLET_NOT_CONNECTED'> {
  constructor() {
    super('WALLET_NOT_CONNECTED', 'Connect a wallet first.');
  }
}

/** The session is known but its key is not in this storage (wiped, another device, or cleared). */
export class SessionKeyMissingError extends CodeNamedError<'SESSION_KEY_MISSING'> {
  declare readonly publicKey: string;
  constructor(publicKey: string) {
    super('SESSION_KEY_MISSING', "This session's key is not on this device.");
    this.publicKey = publicKey;
  }
}

/** There is no session to use for this account and app. */
export class NoSessionError extends CodeNamedError<'NO_SESSION'> {
  constructor() {
    super('NO_SESSION', 'No session yet: start one first.');
  }
}

/** The paymaster cannot be reached, is down, or is rate limiting us. Nothing was signed or counted. */
export class PaymasterUnavailableError extends CodeNamedError<'PAYMASTER_UNAVAILABLE'> {
  /** True when a later retry may succeed (timeouts, 5xx, 429); false when the request may have run. */
  declare readonly retryable: boolean;
  constructor(shortMessage: string, options?: { cause?: unknown; details?: string; retryable?: boolean }) {
    super('PAYMASTER_UNAVAILABLE', shortMessage, options);
    this.retryable = options?.retryable ?? true;
  }
}

/** The paymaster answered but refused the transaction (unsupported token, policy, invalid request). */
export class PaymasterRejectedError extends CodeNamedError<'PAYMASTER_REJECTED'> {
  constructor(shortMessage: string, options?: { cause?: unknown; details?: string }) {
    super('PAYMASTER_REJECTED', shortMessage, options);
  }
}

/** The typed data the paymaster returned is not exactly our calls (plus only its fee transfer). Not signed. */
export class PaymasterResponseMismatchError extends CodeNamedError<'PAYMASTER_RESPONSE_MISMATCH'> {
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
export class TransactionRevertedError extends CodeNamedError<'TRANSACTION_REVERTED'> {
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
export class InnerCallFailedError extends CodeNamedError<'INNER_CALL_FAILED'> {
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
export class NonceConflictError extends CodeNamedError<'NONCE_CONFLICT'> {
  constructor(options?: { cause?: unknown; details?: string }) {
    super('NONCE_CONFLICT', 'Nonce taken by another transaction; try again.', options);
  }
}
