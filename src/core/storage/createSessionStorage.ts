import { CURVE_ORDER, signHash, starkPublicKey } from '../crypto/ecdsa.js';
import {
  InvalidInputError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
  StoredRecordError,
} from '../errors/index.js';
import { toFelt, U32_MAX, U64_MAX } from '../felt.js';
import { createChangeBus, type StorageChange } from './crossTab.js';
import { type KeyProtector, wipeSealed } from './keyProtector.js';
import {
  bytesToPrivateKey,
  describeRecordKey,
  keyAdditionalData,
  normalizePublicKey,
  normalizeScope,
  normalizeSession,
  parseSessionRecord,
  privateKeyToBytes,
  type RecordKey,
  recordKeyOf,
  SESSION_RECORD_FORMAT,
  type SessionRecord,
  type SessionRecordMigration,
  STORAGE_SCHEMA_VERSION,
} from './record.js';
import type {
  SessionScope,
  SessionSigner,
  SessionStorage,
  StorageOptions,
  StoredSession,
  StoredSessionPatch,
  StoredSessionStatus,
} from './types.js';
import { emitStorageWarning } from './warnings.js';

/**
 * Where records physically live: a Map, an IndexedDB store, localStorage, a file, a KV store.
 * Values are opaque to the backend; the storage validates everything it reads back.
 */
export interface RecordBackend {
  readonly kind: string;
  /** BroadcastChannel name announcing changes to other tabs sharing this backend; omit if not shared. */
  readonly channelName?: string;
  get(key: RecordKey): Promise<unknown>;
  /**
   * Atomically reads the value, calls `change` synchronously and stores its result, unless it
   * returns undefined (then nothing is written). Resolves to the value stored afterwards.
   */
  update(key: RecordKey, change: (current: unknown) => unknown): Promise<unknown>;
  delete(key: RecordKey): Promise<void>;
  /** Every stored entry of the scope (or of all scopes); keys as stored, checked by the caller. */
  entries(scope?: SessionScope): Promise<{ key: readonly unknown[]; value: unknown }[]>;
  /** Deletes every entry of the scope, or every entry. */
  clear(scope?: SessionScope): Promise<void>;
  close?(): void;
}

export interface CreateSessionStorageOptions<TSealed> extends StorageOptions {
  /** The storage's `kind` (defaults to the backend's). */
  kind?: string;
  backend: RecordBackend;
  protector: KeyProtector<TSealed>;
  /** Upgrades for older records, keyed by the version they upgrade from. */
  migrations?: Readonly<Record<number, SessionRecordMigration>>;
}

const STATUS_RANK: Record<StoredSessionStatus, number> = { pending: 0, active: 1, expired: 2, revoked: 3 };
const isFinal = (status: StoredSessionStatus) => status === 'expired' || status === 'revoked';
const systemNow = () => Math.floor(Date.now() / 1000);

const isRecordKey = (key: readonly unknown[]): key is RecordKey =>
  key.length === 4 && key.every((part) => typeof part === 'string');

function checkPatch(patch: StoredSessionPatch): StoredSessionPatch {
  const out: StoredSessionPatch = {};
  const int = (value: unknown, max: bigint, field: string) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || BigInt(value) > max) {
      throw new InvalidInputError(field, `${field} must be an integer between 0 and ${max}.`);
    }
    return value;
  };
  if (patch.status !== undefined) {
    if (!Object.hasOwn(STATUS_RANK, patch.status))
      throw new InvalidInputError('status', 'status is not a session status.');
    out.status = patch.status;
  }
  if (patch.callsUsed !== undefined) out.callsUsed = int(patch.callsUsed, U32_MAX, 'callsUsed');
  if (patch.maxCalls !== undefined) out.maxCalls = int(patch.maxCalls, U32_MAX, 'maxCalls');
  if (patch.validUntil !== undefined) out.validUntil = int(patch.validUntil, U64_MAX, 'validUntil');
  if (patch.transactionHash !== undefined) {
    out.transactionHash = `0x${toFelt(patch.transactionHash, 'transactionHash').toString(16)}`;
  }
  return out;
}

/** Idempotent merge: replaying the same patch, or a stale one from another tab, changes nothing. */
function mergePatch(session: StoredSession, patch: StoredSessionPatch): StoredSession {
  const next: StoredSession = { ...session };
  if (patch.status !== undefined && STATUS_RANK[patch.status] > STATUS_RANK[session.status]) {
    next.status = patch.status;
  }
  if (patch.callsUsed !== undefined) next.callsUsed = Math.max(session.callsUsed ?? 0, patch.callsUsed);
  if (patch.maxCalls !== undefined) next.maxCalls = patch.maxCalls;
  if (patch.validUntil !== undefined) next.validUntil = patch.validUntil;
  if (patch.transactionHash !== undefined) next.transactionHash = patch.transactionHash;
  return next;
}

const sameSession = (a: StoredSession, b: StoredSession) =>
  JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 });

/**
 * Builds a complete SessionStorage over a record backend and a key protector: validation,
 * migration, scoping, idempotent merges, lazy expiry, wiping, signers and change events.
 * Every built-in adapter is made with it; a custom adapter (a file, a KV store) only writes a backend.
 */
export function createSessionStorage<TSealed>(options: CreateSessionStorageOptions<TSealed>): SessionStorage {
  const { backend, protector } = options;
  const kind = options.kind ?? backend.kind;
  const now = options.now ?? systemNow;
  const bus = createChangeBus(backend.channelName);
  const isSealed = (value: unknown): value is TSealed => protector.isSealed(value);

  const emit = (change: StorageChange) => bus.emit(change);

  const skip = (error: StoredRecordError) =>
    emitStorageWarning(
      { code: 'record-skipped', message: `Skipped an unreadable stored session (${error.problem}).`, error },
      options.onWarning,
      `record-skipped:${kind}:${error.problem}:${error.recordId}`,
    );

  /** Parses a stored value, or undefined (reported) when it cannot be trusted. */
  const parse = (raw: unknown, key: RecordKey): SessionRecord<TSealed> | undefined => {
    if (raw === undefined || raw === null) return undefined;
    try {
      return parseSessionRecord(raw, key, isSealed, options.migrations);
    } catch (error) {
      if (error instanceof StoredRecordError) {
        skip(error);
        return undefined;
      }
      throw error;
    }
  };

  /** Quiet parse inside backend.update callbacks (the read path already reported the problem). */
  const parseQuiet = (raw: unknown, key: RecordKey): SessionRecord<TSealed> | undefined => {
    try {
      return raw === undefined || raw === null
        ? undefined
        : parseSessionRecord(raw, key, isSealed, options.migrations);
    } catch {
      return undefined;
    }
  };

  /** The record as it must be now: expired (key dropped) once past validUntil, key dropped when final. */
  const settle = (record: SessionRecord<TSealed>, at: number): SessionRecord<TSealed> => {
    let session = record.session;
    if (!isFinal(session.status) && at > session.validUntil) session = { ...session, status: 'expired' };
    if (!isFinal(session.status)) return session === record.session ? record : { ...record, session };
    const settled: SessionRecord<TSealed> = {
      format: SESSION_RECORD_FORMAT,
      schemaVersion: STORAGE_SCHEMA_VERSION,
      session,
    };
    return settled;
  };

  const needsSettling = (record: SessionRecord<TSealed>, at: number) =>
    (!isFinal(record.session.status) && at > record.session.validUntil) ||
    (isFinal(record.session.status) && record.key !== undefined);

  /** Writes the settled form of a record (expiry, wipe); resolves to the record as stored. */
  const settleStored = async (key: RecordKey): Promise<SessionRecord<TSealed> | undefined> => {
    const at = now();
    let changed = false;
    const stored = await backend.update(key, (current) => {
      const record = parseQuiet(current, key);
      if (!record || !needsSettling(record, at)) return undefined;
      changed = true;
      wipeSealed((current as { key?: unknown }).key);
      const settled = settle(record, at);
      return { ...settled, session: { ...settled.session, updatedAt: at } };
    });
    if (changed) emit({ type: 'expire', scope: key2scope(key), publicKey: key[3] });
    return parseQuiet(stored, key);
  };

  /** Reads one record, bringing it up to date (lazy expiry and wipe). */
  const load = async (key: RecordKey): Promise<SessionRecord<TSealed> | undefined> => {
    const record = parse(await backend.get(key), key);
    if (!record) return undefined;
    return needsSettling(record, now()) ? settleStored(key) : record;
  };

  const keyOf = (scope: SessionScope, publicKey: string) =>
    recordKeyOf(normalizeScope(scope), normalizePublicKey(publicKey));

  const openKey = async (record: SessionRecord<TSealed>, sealed: TSealed): Promise<Uint8Array> => {
    const { scope, publicKey } = record.session;
    try {
      return await protector.open(sealed, keyAdditionalData(scope, publicKey));
    } catch (cause) {
      throw new StoredRecordError(
        'decrypt-failed',
        describeRecordKey(recordKeyOf(scope, publicKey)),
        'The stored session key could not be decrypted (tampered with, moved, or its encryption key is gone).',
        { cause },
      );
    }
  };

  const signerFor = (key: RecordKey, publicKey: string): SessionSigner => ({
    publicKey,
    async signHash(hash) {
      const message = toFelt(hash, 'hash');
      // Read again on every signature: a revoke, wipe or expiry (in any tab) stops it at once.
      const record = await load(key);
      if (!record) throw new SessionKeyMissingError(publicKey);
      if (record.session.status === 'revoked') throw new SessionRevokedError(publicKey);
      if (record.session.status === 'expired')
        throw new SessionExpiredError(record.session.validUntil, now());
      if (record.key === undefined) throw new SessionKeyMissingError(publicKey);
      const bytes = await openKey(record, record.key);
      try {
        return signHash(message, bytesToPrivateKey(bytes));
      } finally {
        bytes.fill(0);
      }
    },
  });

  const writeAll = async (scope: SessionScope | undefined, expiredOnly: boolean): Promise<number> => {
    const at = now();
    let count = 0;
    for (const { key, value } of await backend.entries(scope)) {
      if (!isRecordKey(key)) continue;
      const record = parseQuiet(value, key);
      if (!record) continue;
      if (expiredOnly) {
        if (needsSettling(record, at) && (await settleStored(key))?.session.status === 'expired') count++;
      } else {
        wipeSealed((value as { key?: unknown }).key);
      }
    }
    return count;
  };

  return {
    kind,

    async get(scope, publicKey) {
      return (await load(keyOf(scope, publicKey)))?.session;
    },

    async set(input, privateKey) {
      const session = normalizeSession(input);
      session.updatedAt = now();
      if (!isFinal(session.status) && session.updatedAt > session.validUntil) session.status = 'expired';
      let sealed: TSealed | undefined;
      if (privateKey !== undefined) {
        if (typeof privateKey !== 'bigint' || privateKey <= 0n || privateKey >= CURVE_ORDER) {
          throw new InvalidInputError('privateKey', 'privateKey is not a valid Stark private key.');
        }
        if (starkPublicKey(privateKey) !== BigInt(session.publicKey)) {
          throw new InvalidInputError(
            'privateKey',
            "The private key does not match the session's public key.",
          );
        }
        if (!isFinal(session.status)) {
          const bytes = privateKeyToBytes(privateKey);
          try {
            sealed = await protector.seal(bytes, keyAdditionalData(session.scope, session.publicKey));
          } finally {
            bytes.fill(0);
          }
        }
      }
      const key = recordKeyOf(session.scope, session.publicKey);
      await backend.update(key, (current) => {
        const previous = parseQuiet(current, key);
        const record: SessionRecord<TSealed> = {
          format: SESSION_RECORD_FORMAT,
          schemaVersion: STORAGE_SCHEMA_VERSION,
          session,
        };
        // Without a new key, keep the one already held for this session (unless it is now final).
        if (sealed !== undefined) record.key = sealed;
        else if (previous?.key !== undefined && !isFinal(session.status)) record.key = previous.key;
        if (previous?.key !== undefined && record.key !== previous.key)
          wipeSealed((current as { key?: unknown }).key);
        return record;
      });
      emit({ type: 'set', scope: session.scope, publicKey: session.publicKey });
    },

    async update(scope, publicKey, patch) {
      const key = keyOf(scope, publicKey);
      const change = checkPatch(patch);
      const at = now();
      let changed = false;
      const stored = await backend.update(key, (current) => {
        const record = parseQuiet(current, key);
        if (!record) return undefined;
        const merged = settle({ ...record, session: mergePatch(record.session, change) }, at);
        if (sameSession(merged.session, record.session) && merged.key === record.key) return undefined;
        changed = true;
        if (merged.key === undefined) wipeSealed((current as { key?: unknown }).key);
        return { ...merged, session: { ...merged.session, updatedAt: at } };
      });
      if (changed) emit({ type: 'update', scope: key2scope(key), publicKey: key[3] });
      // undefined when absent; an unreadable record is reported here and left untouched
      return parse(stored, key)?.session;
    },

    async getSigner(scope, publicKey) {
      const key = keyOf(scope, publicKey);
      const record = await load(key);
      if (!record || record.key === undefined || isFinal(record.session.status)) return undefined;
      const bytes = await openKey(record, record.key);
      try {
        if (starkPublicKey(bytesToPrivateKey(bytes)) !== BigInt(key[3])) {
          throw new StoredRecordError(
            'key-mismatch',
            describeRecordKey(key),
            "The stored key does not match the session's public key.",
          );
        }
      } finally {
        bytes.fill(0);
      }
      return signerFor(key, key[3]);
    },

    async remove(scope, publicKey) {
      const key = keyOf(scope, publicKey);
      const current = await backend.get(key);
      if (current === undefined || current === null) return;
      wipeSealed((current as { key?: unknown }).key);
      await backend.delete(key);
      emit({ type: 'remove', scope: key2scope(key), publicKey: key[3] });
    },

    async list(scope) {
      const normalized = normalizeScope(scope);
      const at = now();
      const sessions: StoredSession[] = [];
      for (const { key, value } of await backend.entries(normalized)) {
        if (!isRecordKey(key)) {
          skip(
            new StoredRecordError('foreign', describeRecordKey(key), 'A stored key is not a session key.'),
          );
          continue;
        }
        let record = parse(value, key);
        if (record && needsSettling(record, at)) record = await settleStored(key);
        if (record) sessions.push(record.session);
      }
      return sessions.sort((a, b) => b.createdAt - a.createdAt || (a.publicKey < b.publicKey ? -1 : 1));
    },

    async wipeExpired(scope) {
      return writeAll(scope === undefined ? undefined : normalizeScope(scope), true);
    },

    async clear(scope) {
      const normalized = scope === undefined ? undefined : normalizeScope(scope);
      await writeAll(normalized, false);
      await backend.clear(normalized);
      emit(normalized ? { type: 'clear', scope: normalized } : { type: 'clear' });
    },

    subscribe(listener) {
      return bus.subscribe(listener);
    },

    close() {
      bus.close();
      backend.close?.();
    },
  };
}

function key2scope(key: RecordKey): SessionScope {
  return { chainId: key[0], accountAddress: key[1], appId: key[2] };
}
