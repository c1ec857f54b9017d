import { CodeNamedError, SessionError } from './base.js';

export type StorageUnavailableReason =
  | 'unsupported'
  | 'insecure-context'
  | 'open-failed'
  | 'blocked'
  | 'quota-exceeded'
  | 'read-failed'
  | 'write-failed'
  /** A worker storage's worker crashed, was terminated, or stopped answering. */
  | 'worker-failed';

/** The storage backend cannot be used (no IndexedDB, private mode, quota, no WebCrypto). */
export class StorageUnavailableError extends CodeNamedError<'STORAGE_UNAVAILABLE'> {
  declare readonly reason: StorageUnavailableReason;
  /** The adapter that failed: 'indexeddb', 'localstorage', ... */
  declare readonly storageKind: string;
  constructor(
    storageKind: string,
    reason: StorageUnavailableReason,
    shortMessage: string,
    options?: { cause?: unknown; details?: string },
  ) {
    super('STORAGE_UNAVAILABLE', shortMessage, {
      ...options,
      metaMessages: [`Storage: ${storageKind} (${reason})`],
    });
    this.reason = reason;
    this.storageKind = storageKind;
  }
}

export type StoredRecordProblem =
  | 'malformed'
  | 'foreign'
  | 'unsupported-version'
  | 'scope-mismatch'
  | 'decrypt-failed'
  | 'key-mismatch';

/**
 * A stored session record that cannot be trusted: corrupted, tampered with, written by another
 * program or by a newer version of this library. It is skipped (and left in place), never fatal.
 */
export class StoredRecordError extends SessionError<'STORED_RECORD_INVALID'> {
  override name = 'StoredRecordError';
  declare readonly problem: StoredRecordProblem;
  /** Where the record sits: chain id, account, app id and public key (never secret material). */
  declare readonly recordId: string;
  constructor(
    problem: StoredRecordProblem,
    recordId: string,
    shortMessage: string,
    options?: { cause?: unknown; details?: string },
  ) {
    super('STORED_RECORD_INVALID', shortMessage, { ...options, metaMessages: [`Record: ${recordId}`] });
    this.problem = problem;
    this.recordId = recordId;
  }
}

export type SignerFailureReason = 'failed' | 'invalid-response' | 'invalid-signature' | 'key-mismatch';

/** An external signer (remote service, KMS, passkey-gated vault) failed or answered wrongly. */
export class SignerError extends SessionError<'SIGNER_FAILED'> {
  override name = 'SignerError';
  declare readonly reason: SignerFailureReason;
  declare readonly publicKey: string;
  constructor(
    publicKey: string,
    reason: SignerFailureReason,
    shortMessage: string,
    options?: { cause?: unknown; details?: string },
  ) {
    super('SIGNER_FAILED', shortMessage, { ...options, metaMessages: [`Session: ${publicKey}`] });
    this.reason = reason;
    this.publicKey = publicKey;
  }
}
