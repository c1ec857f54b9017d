import { toChainId } from '../chain.js';
import { InvalidInputError, StoredRecordError } from '../errors/index.js';
import { parseBigInt, STARK_PRIME, toAddress, toHex, U32_MAX, U64_MAX, U256_MAX } from '../felt.js';
import type { SessionScope, StoredSession, StoredSessionStatus, StoredSpendingLimit } from './types.js';

/** The schema version written in every record (and in every StoredSession). */
export const STORAGE_SCHEMA_VERSION = 1;
/** Tags our records, so a foreign value in the same store is recognised as such. */
export const SESSION_RECORD_FORMAT = 'starknet-sessions/session';

/** What an adapter stores per session: the public data and, while the session is usable, the sealed key. */
export interface SessionRecord<TSealed = unknown> {
  format: typeof SESSION_RECORD_FORMAT;
  schemaVersion: number;
  session: StoredSession;
  /** Absent once the key is wiped (revoked, expired) or when the session was stored without one. */
  key?: TSealed;
}

/** [chainId, accountAddress, appId, publicKey], all normalized: the primary key of a record. */
export type RecordKey = readonly [chainId: string, accountAddress: string, appId: string, publicKey: string];

/**
 * Upgrades a record of version `n` to version `n + 1`. Each entry gets the raw record (already
 * known to carry our format tag) and returns the next version's shape; `parseSessionRecord`
 * chains them, and the upgraded form is written back on the next write of that record.
 */
export type SessionRecordMigration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Version 1 is the first schema: nothing to migrate yet. A v2 adds `1: (v1) => v2` here. */
export const SESSION_RECORD_MIGRATIONS: Readonly<Record<number, SessionRecordMigration>> = Object.freeze({});

const STATUSES: readonly StoredSessionStatus[] = ['pending', 'active', 'expired', 'revoked'];
const MAX_APP_ID_LENGTH = 256;

type Fail = (field: string, message: string) => never;

const failInput: Fail = (field, message) => {
  throw new InvalidInputError(field, message);
};

/** Chain ids may be given as a felt (0x534e5f4d41494e) or as its short string (SN_MAIN). */
function normalizeChainId(value: unknown, fail: Fail, field: string): string {
  if (typeof value !== 'string' && typeof value !== 'bigint')
    return fail(field, `${field} is not a valid chain id.`);
  let n: bigint | undefined;
  try {
    n = toChainId(value, field); // the library's one reading of chain ids (felt or 'SN_MAIN')
  } catch {
    n = undefined;
  }
  if (n === undefined || n <= 0n || n >= STARK_PRIME) return fail(field, `${field} is not a valid chain id.`);
  return toHex(n);
}

function normalizeAddress(value: unknown, fail: Fail, field: string): string {
  try {
    return toHex(toAddress(value, field));
  } catch {
    return fail(field, `${field} is not a valid Starknet address.`);
  }
}

function normalizeFelt(value: unknown, fail: Fail, field: string, allowZero = false): string {
  const n = typeof value === 'string' || typeof value === 'bigint' ? parseBigInt(value) : undefined;
  if (n === undefined || n >= STARK_PRIME || (!allowZero && n === 0n))
    fail(field, `${field} is not a valid felt.`);
  return toHex(n as bigint);
}

function normalizeU256(value: unknown, fail: Fail, field: string): string {
  const n = typeof value === 'string' || typeof value === 'bigint' ? parseBigInt(value) : undefined;
  if (n === undefined || n > U256_MAX) fail(field, `${field} is not a valid u256 amount.`);
  return toHex(n as bigint);
}

function integer(value: unknown, max: bigint, fail: Fail, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || BigInt(value) > max) {
    fail(field, `${field} must be an integer between 0 and ${max}.`);
  }
  return value as number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkScope(value: unknown, fail: Fail, field: string): SessionScope {
  if (!isObject(value)) return fail(field, `${field} must be an object.`);
  const appId = value.appId;
  if (typeof appId !== 'string' || appId.length === 0 || appId.length > MAX_APP_ID_LENGTH) {
    fail(
      `${field}.appId`,
      `${field}.appId must be a non-empty string of at most ${MAX_APP_ID_LENGTH} characters.`,
    );
  }
  return {
    chainId: normalizeChainId(value.chainId, fail, `${field}.chainId`),
    accountAddress: normalizeAddress(value.accountAddress, fail, `${field}.accountAddress`),
    appId: appId as string,
  };
}

function checkSpendingLimit(value: unknown, fail: Fail, field: string): StoredSpendingLimit {
  if (!isObject(value)) return fail(field, `${field} must be an object.`);
  return {
    token: normalizeAddress(value.token, fail, `${field}.token`),
    maxPerCall: normalizeU256(value.maxPerCall, fail, `${field}.maxPerCall`),
    maxPerWindow: normalizeU256(value.maxPerWindow, fail, `${field}.maxPerWindow`),
    windowSeconds: integer(value.windowSeconds, U64_MAX, fail, `${field}.windowSeconds`),
  };
}

/** A deep copy of a JSON value; refuses what JSON cannot carry (bigint, functions, cycles). */
function jsonCopy(value: unknown, fail: Fail, field: string): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? fail(field, `${field} must be JSON.`) : JSON.parse(text);
  } catch {
    return fail(field, `${field} must be JSON-serialisable.`);
  }
}

function checkSession(value: unknown, fail: Fail): StoredSession {
  if (!isObject(value)) return fail('session', 'A session must be an object.');
  if (value.schemaVersion !== STORAGE_SCHEMA_VERSION) {
    fail('schemaVersion', `schemaVersion must be ${STORAGE_SCHEMA_VERSION}.`);
  }
  if (!Array.isArray(value.allowedSelectors)) fail('allowedSelectors', 'allowedSelectors must be an array.');
  if (!Array.isArray(value.spendingLimits)) fail('spendingLimits', 'spendingLimits must be an array.');
  const status = value.status as StoredSessionStatus;
  if (!STATUSES.includes(status)) fail('status', `status must be one of ${STATUSES.join(', ')}.`);
  const session: StoredSession = {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    scope: checkScope(value.scope, fail, 'scope'),
    publicKey: normalizeFelt(value.publicKey, fail, 'publicKey'),
    validUntil: integer(value.validUntil, U64_MAX, fail, 'validUntil'),
    maxCalls: integer(value.maxCalls, U32_MAX, fail, 'maxCalls'),
    allowedSelectors: (value.allowedSelectors as unknown[]).map((s, i) =>
      normalizeFelt(s, fail, `allowedSelectors[${i}]`),
    ),
    spendingLimits: (value.spendingLimits as unknown[]).map((l, i) =>
      checkSpendingLimit(l, fail, `spendingLimits[${i}]`),
    ),
    createdAt: integer(value.createdAt, U64_MAX, fail, 'createdAt'),
    status,
    updatedAt: integer(value.updatedAt, U64_MAX, fail, 'updatedAt'),
  };
  if (value.policy !== undefined) session.policy = jsonCopy(value.policy, fail, 'policy');
  if (value.transactionHash !== undefined) {
    session.transactionHash = normalizeFelt(value.transactionHash, fail, 'transactionHash');
  }
  if (value.callsUsed !== undefined) session.callsUsed = integer(value.callsUsed, U32_MAX, fail, 'callsUsed');
  return session;
}

/** Validates and normalizes a scope given by a caller; throws InvalidInputError. */
export function normalizeScope(scope: SessionScope): SessionScope {
  return checkScope(scope, failInput, 'scope');
}

/** Validates and normalizes a public key given by a caller (0x lowercase hex). */
export function normalizePublicKey(publicKey: string): string {
  return normalizeFelt(publicKey, failInput, 'publicKey');
}

/** Validates and normalizes a session given by a caller (a deep copy); throws InvalidInputError. */
export function normalizeSession(session: StoredSession): StoredSession {
  return checkSession(session, failInput);
}

/** Creates the public record of a new session, with the defaults filled in. */
export function createStoredSession(params: {
  scope: SessionScope;
  publicKey: string;
  validUntil: number;
  maxCalls: number;
  allowedSelectors?: string[];
  spendingLimits?: StoredSpendingLimit[];
  policy?: unknown;
  transactionHash?: string;
  status?: StoredSessionStatus;
  /** Unix seconds; defaults to the system clock. */
  now?: number;
}): StoredSession {
  const now = params.now ?? Math.floor(Date.now() / 1000);
  const session: StoredSession = {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    scope: params.scope,
    publicKey: params.publicKey,
    validUntil: params.validUntil,
    maxCalls: params.maxCalls,
    allowedSelectors: params.allowedSelectors ?? [],
    spendingLimits: params.spendingLimits ?? [],
    createdAt: now,
    status: params.status ?? 'pending',
    callsUsed: 0,
    updatedAt: now,
  };
  if (params.policy !== undefined) session.policy = params.policy;
  if (params.transactionHash !== undefined) session.transactionHash = params.transactionHash;
  return normalizeSession(session);
}

export function recordKeyOf(scope: SessionScope, publicKey: string): RecordKey {
  return [scope.chainId, scope.accountAddress, scope.appId, publicKey];
}

/** A readable record name for errors and warnings (public data only). */
export function describeRecordKey(key: readonly unknown[]): string {
  return key.map((part) => String(part)).join(' / ');
}

/**
 * The additional authenticated data of a sealed key: binds the ciphertext to its scope and
 * public key, so a record copied under another account, chain, app or key fails to decrypt.
 */
export function keyAdditionalData(scope: SessionScope, publicKey: string): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify([
      'starknet-sessions/session-key',
      scope.chainId,
      scope.accountAddress,
      scope.appId,
      publicKey,
    ]),
  );
}

/**
 * Reads a stored value as a session record: checks the format tag, migrates older schema
 * versions, validates every field and checks the record sits under its own key.
 * Throws StoredRecordError (never anything else).
 */
export function parseSessionRecord<TSealed>(
  raw: unknown,
  key: RecordKey,
  isSealed: (value: unknown) => value is TSealed,
  migrations: Readonly<Record<number, SessionRecordMigration>> = SESSION_RECORD_MIGRATIONS,
): SessionRecord<TSealed> {
  const id = describeRecordKey(key);
  if (!isObject(raw) || raw.format !== SESSION_RECORD_FORMAT) {
    throw new StoredRecordError('foreign', id, 'A stored value is not a starknet-sessions record.');
  }
  let record: Record<string, unknown> = raw;
  const declared = record.schemaVersion;
  if (typeof declared !== 'number' || !Number.isSafeInteger(declared) || declared < 0) {
    throw new StoredRecordError('malformed', id, 'A stored session record has no valid schema version.');
  }
  let version: number = declared;
  if (version > STORAGE_SCHEMA_VERSION) {
    throw new StoredRecordError(
      'unsupported-version',
      id,
      'A stored session record was written by a newer version of this library.',
      { details: `schemaVersion ${version}, this library reads up to ${STORAGE_SCHEMA_VERSION}` },
    );
  }
  while (version < STORAGE_SCHEMA_VERSION) {
    const migrate = migrations[version];
    if (!migrate) {
      throw new StoredRecordError(
        'unsupported-version',
        id,
        'A stored session record is too old to migrate.',
        {
          details: `no migration from schemaVersion ${version}`,
        },
      );
    }
    try {
      record = migrate(record);
    } catch (cause) {
      throw new StoredRecordError('malformed', id, 'A stored session record could not be migrated.', {
        cause,
      });
    }
    const next: unknown = record.schemaVersion;
    if (typeof next !== 'number' || next !== version + 1) {
      throw new StoredRecordError('malformed', id, 'A migration did not produce the next schema version.');
    }
    version = next;
  }
  const failStored: Fail = (field) => {
    throw new StoredRecordError('malformed', id, 'A stored session record is corrupted.', {
      details: `invalid field ${field}`,
    });
  };
  const session = checkSession(record.session, failStored);
  const [chainId, accountAddress, appId, publicKey] = key;
  if (
    session.scope.chainId !== chainId ||
    session.scope.accountAddress !== accountAddress ||
    session.scope.appId !== appId ||
    session.publicKey !== publicKey
  ) {
    throw new StoredRecordError(
      'scope-mismatch',
      id,
      'A stored session record does not belong where it is stored.',
    );
  }
  const out: SessionRecord<TSealed> = {
    format: SESSION_RECORD_FORMAT,
    schemaVersion: STORAGE_SCHEMA_VERSION,
    session,
  };
  if (record.key !== undefined) {
    if (!isSealed(record.key)) failStored('key', 'invalid sealed key');
    out.key = record.key as TSealed;
  }
  return out;
}

/** A private key as 32 big-endian bytes (the form that is sealed and wiped). */
export function privateKeyToBytes(privateKey: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  let n = privateKey;
  for (let i = 31; i >= 0; i--) {
    bytes[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return bytes;
}

export function bytesToPrivateKey(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}
