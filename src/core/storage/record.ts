import { toChainId } from '../chain.js';
import { InvalidInputError, StoredRecordError, type StoredRecordProblem } from '../errors/index.js';
import { ADDRESS_BOUND, parseBigInt, STARK_PRIME, toHex, U32_MAX, U64_MAX, U256_MAX } from '../felt.js';
import { inputObject } from '../input.js';
import type { KeyProtector } from './keyProtector.js';
import type {
  SessionScope,
  StoredSession,
  StoredSessionPatch,
  StoredSessionStatus,
  StoredSpendingLimit,
} from './types.js';

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
export const SESSION_RECORD_MIGRATIONS: Readonly<Record<number, SessionRecordMigration>> =
  /* @__PURE__ */ Object.freeze({});

/** In the order a status may move (pending → active → expired/revoked): its index is its rank. */
export const SESSION_STATUSES: readonly StoredSessionStatus[] = ['pending', 'active', 'expired', 'revoked'];
const MAX_APP_ID_LENGTH = 256;

/** Every refusal says what the field must be: "<field> must be <expected>." */
const invalid = (field: string, expected: string): never => {
  throw new InvalidInputError(field, `${field} must be ${expected}.`);
};

/**
 * Checks one value and returns it normalized, or throws InvalidInputError naming `field` (which
 * `parseSessionRecord` turns into a corrupted-record error).
 */
type Check = (value: unknown, field: string) => unknown;
/** The fields of an object, each with its check. */
type Fields = Readonly<Record<string, Check>>;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A check that keeps the value as it is when `test` accepts it. */
const rule =
  (test: (value: unknown) => boolean, expected: string): Check =>
  (value, field) =>
    test(value) ? value : invalid(field, expected);

/** Felt-like inputs: 0x hex or decimal strings and bigints (numbers are refused). */
const textOrBigint =
  (read: (value: string | bigint) => bigint | undefined) =>
  (value: unknown): bigint | undefined =>
    typeof value === 'string' || typeof value === 'bigint' ? read(value) : undefined;

/** An integer that `read` finds in `value` and that lies in [min, max], as 0x lowercase hex. */
const hex =
  (read: (value: unknown) => bigint | undefined, min: bigint, max: bigint, what: string): Check =>
  (value, field) => {
    let n: bigint | undefined;
    try {
      n = read(value);
    } catch {
      // not a chain id: refused below like any other bad value
    }
    return n === undefined || n < min || n > max ? invalid(field, `a valid ${what}`) : toHex(n);
  };

const felt = hex(textOrBigint(parseBigInt), 1n, STARK_PRIME - 1n, 'felt');
const u256 = hex(textOrBigint(parseBigInt), 0n, U256_MAX, 'u256 amount');
const address = hex(parseBigInt, 1n, ADDRESS_BOUND - 1n, 'Starknet address');
// A felt (0x534e5f4d41494e) or its short string (SN_MAIN): the library's one reading of chain ids.
const chainId = hex(textOrBigint(toChainId), 1n, STARK_PRIME - 1n, 'chain id');

/** A JS number (unix seconds, counts) between 0 and `max`. */
const uint = (max: bigint) =>
  rule(
    (value) => Number.isSafeInteger(value) && (value as number) >= 0 && BigInt(value as number) <= max,
    `a whole number from 0 to ${max}`,
  );
const u32 = uint(U32_MAX);
const u64 = uint(U64_MAX);

const status = rule(
  (value) => SESSION_STATUSES.includes(value as StoredSessionStatus),
  `one of ${SESSION_STATUSES.join(', ')}`,
);

/** A deep copy of a JSON value; refuses what JSON cannot carry (bigint, functions, cycles). */
const json: Check = (value, field) => {
  try {
    // What stringifies to nothing (a function, a symbol) fails to parse back, like a bigint or a cycle.
    return JSON.parse(JSON.stringify(value));
  } catch {
    return invalid(field, 'JSON-serialisable');
  }
};

const listOf =
  (check: Check): Check =>
  (value, field) =>
    Array.isArray(value) ? value.map((item, i) => check(item, `${field}[${i}]`)) : invalid(field, 'an array');

/** A field that may be absent: the other checks never return undefined. */
const optional =
  (check: Check): Check =>
  (value, field) =>
    value === undefined ? undefined : check(value, field);

/** A clean copy of `value` holding only `fields`, each checked (`prefix` makes the field paths). */
function checkFields(value: Record<string, unknown>, fields: Fields, prefix: string) {
  const out: Record<string, unknown> = {};
  for (const name in fields) {
    const checked = fields[name]!(value[name], `${prefix}${name}`);
    if (checked !== undefined) out[name] = checked;
  }
  return out;
}

const object =
  (fields: Fields): Check =>
  (value, field) =>
    isObject(value) ? checkFields(value, fields, `${field}.`) : invalid(field, 'an object');

const checkScope = object({
  chainId,
  accountAddress: address,
  appId: rule(
    (value) => typeof value === 'string' && value.length > 0 && value.length <= MAX_APP_ID_LENGTH,
    `a string of 1 to ${MAX_APP_ID_LENGTH} characters`,
  ),
});

/** Every field of a StoredSession, in the order of the type. */
const SESSION_FIELDS: Fields = {
  schemaVersion: rule((value) => value === STORAGE_SCHEMA_VERSION, `${STORAGE_SCHEMA_VERSION}`),
  scope: checkScope,
  publicKey: felt,
  validUntil: u64,
  maxCalls: u32,
  allowedSelectors: listOf(felt),
  spendingLimits: listOf(
    object({ token: address, maxPerCall: u256, maxPerWindow: u256, windowSeconds: u64 }),
  ),
  policy: optional(json),
  createdAt: u64,
  transactionHash: optional(felt),
  status,
  callsUsed: optional(u32),
  aliveAtBlock: optional(u64),
  updatedAt: u64,
};

/** The fields `update` may change, checked as in a session. */
const PATCH_FIELDS: Fields = {
  status: optional(status),
  callsUsed: optional(u32),
  maxCalls: optional(u32),
  validUntil: optional(u64),
  aliveAtBlock: optional(u64),
  // A non-zero felt as the chain gives it (numbers too); zero would make the stored record unreadable.
  transactionHash: optional(hex(parseBigInt, 1n, STARK_PRIME - 1n, 'felt')),
};

/** Validates and normalizes a scope given by a caller; throws InvalidInputError. */
export function normalizeScope(scope: SessionScope): SessionScope {
  return checkScope(scope, 'scope') as SessionScope;
}

/** Validates and normalizes a public key given by a caller (0x lowercase hex). */
export function normalizePublicKey(publicKey: string): string {
  return felt(publicKey, 'publicKey') as string;
}

/** Validates and normalizes a session (a deep copy); throws InvalidInputError. */
export function normalizeSession(session: unknown): StoredSession {
  if (!isObject(session)) return invalid('session', 'an object');
  return checkFields(session, SESSION_FIELDS, '') as unknown as StoredSession;
}

/** Validates and normalizes the fields a patch sets; throws InvalidInputError. */
export function normalizePatch(patch: StoredSessionPatch): StoredSessionPatch {
  return checkFields(patch, PATCH_FIELDS, '');
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
  inputObject(params, 'params');
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

/** A record of the current schema (`key` absent when undefined). */
export function recordOf<TSealed>(session: StoredSession, key?: TSealed): SessionRecord<TSealed> {
  const record: SessionRecord<TSealed> = {
    format: SESSION_RECORD_FORMAT,
    schemaVersion: STORAGE_SCHEMA_VERSION,
    session,
  };
  if (key !== undefined) record.key = key;
  return record;
}

export function recordKeyOf(scope: SessionScope, publicKey: string): RecordKey {
  return [scope.chainId, scope.accountAddress, scope.appId, publicKey];
}

/** Whether a stored key belongs to the scope (every key does when there is no scope). */
export function isInScope(key: unknown, scope: SessionScope | undefined): boolean {
  return (
    scope === undefined ||
    (Array.isArray(key) &&
      key[0] === scope.chainId &&
      key[1] === scope.accountAddress &&
      key[2] === scope.appId)
  );
}

/** The StoredRecordError of the record under `key`, named readably (public data only). */
export function recordError(
  problem: StoredRecordProblem,
  key: readonly unknown[],
  message: string,
  options?: { cause?: unknown; details?: string },
): StoredRecordError {
  return new StoredRecordError(problem, key.map(String).join(' / '), message, options);
}

/**
 * The additional authenticated data of a sealed key: binds the ciphertext to its scope and
 * public key, so a record copied under another account, chain, app or key fails to decrypt.
 */
export function keyAdditionalData(key: RecordKey): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['starknet-sessions/session-key', ...key]));
}

/** Throws the StoredRecordError of a record: what is wrong, a message, and details or a cause. */
type Fail = (
  problem: StoredRecordProblem,
  message: string,
  options?: { cause?: unknown; details?: string },
) => never;

/**
 * Brings a record of an older schema version (`version`) to the current one, or fails. The
 * built-in adapters have none to apply yet: they read without one and ship no migration code.
 */
export type RecordUpgrade = (
  record: Record<string, unknown>,
  version: number,
  fail: Fail,
) => Record<string, unknown>;

/** A schema version this library cannot read: written by a newer one, or too old to migrate. */
const unsupported = (version: number, fail: Fail) =>
  fail('unsupported-version', 'Unsupported session record version.', {
    details: `schemaVersion ${version}; this library reads ${STORAGE_SCHEMA_VERSION}`,
  });

/** The upgrade through a chain of migrations, each from its version to the next. */
export const upgradeWith =
  (migrations: Readonly<Record<number, SessionRecordMigration>>): RecordUpgrade =>
  (record, version, fail) => {
    for (; version < STORAGE_SCHEMA_VERSION; version++) {
      const migrate = migrations[version];
      if (!migrate) unsupported(version, fail);
      try {
        record = migrate!(record);
      } catch (cause) {
        fail('malformed', 'A stored session record could not be migrated.', { cause });
      }
      if (record.schemaVersion !== version + 1) {
        fail('malformed', 'A migration did not produce the next schema version.');
      }
    }
    return record;
  };

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
  return readSessionRecord(raw, key, { isSealed }, upgradeWith(migrations));
}

/** `parseSessionRecord` with the key's protector and the upgrade of older versions as a function. */
export function readSessionRecord<TSealed>(
  raw: unknown,
  key: RecordKey,
  protector: Pick<KeyProtector<TSealed>, 'isSealed'>,
  upgrade?: RecordUpgrade,
): SessionRecord<TSealed> {
  const fail: Fail = (problem, message, options) => {
    throw recordError(problem, key, message, options);
  };
  if (!isObject(raw) || raw.format !== SESSION_RECORD_FORMAT) {
    fail('foreign', 'Not a session record.');
  }
  const corrupted = (field: string) =>
    fail('malformed', 'Corrupted session record.', { details: `invalid field ${field}` });
  const version = raw.schemaVersion as number;
  if (!Number.isSafeInteger(version) || version < 0) corrupted('schemaVersion');
  // Newer than this library, or older with no upgrade to bring it here, is unsupported.
  const record =
    version === STORAGE_SCHEMA_VERSION
      ? raw
      : version < STORAGE_SCHEMA_VERSION && upgrade
        ? upgrade(raw, version, fail)
        : unsupported(version, fail);
  let session: StoredSession;
  try {
    session = normalizeSession(record.session);
  } catch (error) {
    return corrupted((error as InvalidInputError).field);
  }
  // Exactly its own key: a record copied elsewhere, or under a key not shaped like ours, is refused.
  if (key.length !== 4 || recordKeyOf(session.scope, session.publicKey).some((part, i) => part !== key[i])) {
    fail('scope-mismatch', 'Session record under the wrong key.');
  }
  if (record.key !== undefined && !protector.isSealed(record.key)) corrupted('key');
  return recordOf(session, record.key as TSealed | undefined);
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
