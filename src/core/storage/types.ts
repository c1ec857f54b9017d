import type { SessionError } from '../errors/index.js';

/** Where a session belongs. Chain id and account address are normalized to 0x lowercase hex. */
export interface SessionScope {
  chainId: string;
  accountAddress: string;
  /** The dApp's own name for itself (an origin or a product name): sessions of two apps never mix. */
  appId: string;
}

export type StoredSessionStatus = 'pending' | 'active' | 'revoked' | 'expired';

/** A per-token spending cap as registered on chain (amounts as decimal or 0x strings of u256). */
export interface StoredSpendingLimit {
  token: string;
  maxPerCall: string;
  maxPerWindow: string;
  windowSeconds: number;
}

/** The public data of a session: JSON-serialisable, never secret (bigints as 0x hex strings). */
export interface StoredSession {
  schemaVersion: 1;
  scope: SessionScope;
  /** 0x hex Stark public key (x coordinate): the on-chain session id. */
  publicKey: string;
  /** Unix seconds; the session is expired once `now > validUntil` (as the contract checks it). */
  validUntil: number;
  maxCalls: number;
  /** 0x hex selectors as registered on chain ([] = any non-admin entrypoint). */
  allowedSelectors: string[];
  spendingLimits: StoredSpendingLimit[];
  /** The dApp's human-readable policy as JSON, for display and drift checks (opaque here). */
  policy?: unknown;
  /** Unix seconds. */
  createdAt: number;
  /** The owner transaction that registered the session. */
  transactionHash?: string;
  status: StoredSessionStatus;
  /** Last known value, display only: the chain is the truth. */
  callsUsed?: number;
  /**
   * The newest block where the chain was seen holding this session (the owner receipt's block, then
   * confirmed reads): an answer that says it is gone counts only when read at or after this block.
   */
  aliveAtBlock?: number;
  /** Unix seconds of the last write. */
  updatedAt: number;
}

/** The fields of a stored session that change after it is created. */
export type StoredSessionPatch = Partial<
  Pick<StoredSession, 'status' | 'callsUsed' | 'transactionHash' | 'validUntil' | 'maxCalls' | 'aliveAtBlock'>
>;

/** What the signing layer gets: it can sign, never read the key back. */
export interface SessionSigner {
  readonly publicKey: string;
  /** Stark ECDSA over a message hash (a felt). */
  signHash(hash: bigint): Promise<{ r: bigint; s: bigint }>;
}

export type StorageChangeType = 'set' | 'update' | 'expire' | 'remove' | 'clear';

/**
 * A change, in this tab ('local') or in another one ('remote'). It carries no session data on
 * purpose: a listener re-reads the storage, so replayed or duplicated events cannot count twice.
 */
export interface StorageChangeEvent {
  type: StorageChangeType;
  source: 'local' | 'remote';
  /** Absent for a `clear()` of every scope. */
  scope?: SessionScope;
  /** Absent for `clear`. */
  publicKey?: string;
}

export type StorageWarningCode = 'fallback-to-memory' | 'record-skipped';

/** Something the app should know but that does not stop it (the storage keeps working). */
export interface StorageWarning {
  code: StorageWarningCode;
  message: string;
  error: SessionError;
}

/** Options every adapter takes. */
export interface StorageOptions {
  /** Unix seconds; defaults to the system clock. Expiry is judged with it. */
  now?: () => number;
  /** Called for each skipped record and for a fallback to memory (besides one console.warn). */
  onWarning?: (warning: StorageWarning) => void;
}

/**
 * Where sessions and their keys live. Every method is async and scoped; a key stored for one
 * chain, account and app is never visible from another scope.
 */
export interface SessionStorage {
  /** 'memory' | 'indexeddb' | 'localstorage' | a custom adapter's name. */
  readonly kind: string;
  /** The session, with its status brought up to date (an expired one is marked and its key wiped). */
  get(scope: SessionScope, publicKey: string): Promise<StoredSession | undefined>;
  /** Creates or replaces a session. Pass the private key on creation only; it never comes back out. */
  set(session: StoredSession, privateKey?: bigint): Promise<void>;
  /**
   * Merges a change idempotently: `callsUsed` only grows, a status only moves forward
   * (pending → active → expired/revoked). Revoked or expired wipes the key. Undefined if absent.
   */
  update(
    scope: SessionScope,
    publicKey: string,
    patch: StoredSessionPatch,
  ): Promise<StoredSession | undefined>;
  /** A signer for the session, or undefined when the session or its key is gone (wiped, revoked, expired). */
  getSigner(scope: SessionScope, publicKey: string): Promise<SessionSigner | undefined>;
  /** Deletes the record and wipes its key. */
  remove(scope: SessionScope, publicKey: string): Promise<void>;
  /** Every session of the scope with its status, newest first; unreadable records are skipped and reported. */
  list(scope: SessionScope): Promise<StoredSession[]>;
  /** Marks expired sessions and wipes their keys, in one scope or all; returns how many were wiped. */
  wipeExpired(scope?: SessionScope): Promise<number>;
  /** Deletes every session (and key) of the scope, or of every scope. */
  clear(scope?: SessionScope): Promise<void>;
  /**
   * Moves a session (and its key, re-sealed) to another scope: an agent's request stored before it
   * knew which account would approve it. Undefined when absent. Built-in adapters have it.
   */
  move?(from: SessionScope, publicKey: string, to: SessionScope): Promise<StoredSession | undefined>;
  /** Changes made here and in other tabs. Returns the unsubscribe function. */
  subscribe?(listener: (event: StorageChangeEvent) => void): () => void;
  /** Releases the database connection and the cross-tab channel. */
  close?(): void;
}
