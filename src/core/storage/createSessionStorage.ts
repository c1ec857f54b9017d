import { CURVE_ORDER, signHash, starkPublicKey } from '../crypto/ecdsa.js';
import {
  InvalidInputError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
  StoredRecordError,
} from '../errors/index.js';
import { toFelt } from '../felt.js';
import { inputObject } from '../input.js';
import { createChangeBus } from './crossTab.js';
import { type KeyProtector, wipeSealed } from './keyProtector.js';
import {
  bytesToPrivateKey,
  keyAdditionalData,
  normalizePatch,
  normalizePublicKey,
  normalizeScope,
  normalizeSession,
  privateKeyToBytes,
  type RecordKey,
  type RecordUpgrade,
  readSessionRecord,
  recordError,
  recordKeyOf,
  recordOf,
  SESSION_RECORD_MIGRATIONS,
  SESSION_STATUSES,
  type SessionRecord,
  type SessionRecordMigration,
  upgradeWith,
} from './record.js';
import type {
  SessionScope,
  SessionSigner,
  SessionStorage,
  StorageChangeType,
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

/** A status's place in the order it may move (-1 when absent). */
const rank = (status?: StoredSessionStatus) => SESSION_STATUSES.indexOf(status as StoredSessionStatus);
/** Expired and revoked are final: the key is gone and the status moves no more. */
const isFinal = (status: StoredSessionStatus) => rank(status) > 1;
const systemNow = () => Math.floor(Date.now() / 1000);
/** A usable Stark private key: a bigint in [1, n). */
const isStarkKey = (value: unknown): value is bigint =>
  typeof value === 'bigint' && value > 0n && value < CURVE_ORDER;
/** A usable Stark key whose public key is `publicKey` (a curve multiplication: not on every signature). */
const isKeyOf = (privateKey: unknown, publicKey: string) =>
  isStarkKey(privateKey) && starkPublicKey(privateKey) === BigInt(publicKey);

/** Idempotent merge: replaying the same patch, or a stale one from another tab, changes nothing. */
function mergePatch(session: StoredSession, patch: StoredSessionPatch): StoredSession {
  const status = rank(patch.status) > rank(session.status) ? patch.status! : session.status;
  const next: StoredSession = { ...session, ...patch, status };
  // Counts and evidence only grow: a stale patch never lowers the calls used or the block a
  // session was seen alive at.
  for (const field of ['callsUsed', 'aliveAtBlock'] as const) {
    const value = patch[field];
    if (value !== undefined) next[field] = Math.max(session[field] ?? 0, value);
  }
  return next;
}

const sameSession = (a: StoredSession, b: StoredSession) =>
  JSON.stringify({ ...a, updatedAt: 0 }) === JSON.stringify({ ...b, updatedAt: 0 });

/**
 * Builds a complete SessionStorage over a record backend and a key protector: validation,
 * migration, scoping, idempotent merges, lazy expiry, wiping, signers and change events.
 * Every built-in adapter is made with it (as `buildSessionStorage`); a custom adapter (a file, a KV
 * store) only writes a backend.
 */
export function createSessionStorage<TSealed>(options: CreateSessionStorageOptions<TSealed>): SessionStorage {
  inputObject(inputObject(options, 'options').backend, 'options.backend');
  inputObject(options.protector, 'options.protector');
  return buildSessionStorage(options, upgradeWith(options.migrations ?? SESSION_RECORD_MIGRATIONS));
}

/**
 * `createSessionStorage` as the built-in adapters use it: they have no migrations yet (without
 * `upgrade`, an older record is refused as too old), so apps do not ship the migration code. Their
 * options are objects they built themselves: only `createSessionStorage` checks a caller's.
 */
export function buildSessionStorage<TSealed>(
  options: Omit<CreateSessionStorageOptions<TSealed>, 'migrations'>,
  upgrade?: RecordUpgrade,
): SessionStorage {
  const { backend, protector } = options;
  const kind = options.kind ?? backend.kind;
  const store: Store<TSealed> = {
    backend,
    protector,
    upgrade,
    kind,
    options,
    now: options.now ?? systemNow,
    bus: createChangeBus(backend.channelName),
  };
  const storage: SessionStorage = {
    kind,
    get: async (scope, publicKey) => (await load(store, keyOf(scope, publicKey)))?.session,
    set: (input, privateKey) => setSession(store, input, privateKey),
    update: async (scope, publicKey, patch) => updateSession(store, keyOf(scope, publicKey), patch),
    getSigner: async (scope, publicKey) => signerFor(store, keyOf(scope, publicKey)),
    remove: async (scope, publicKey) => removeSession(store, keyOf(scope, publicKey)),
    list: (scope) => listSessions(store, scope),
    wipeExpired: (scope) => wipeExpired(store, scope),
    clear: (scope) => clearSessions(store, scope),
    move: (from, publicKey, to) => moveSession(store, storage, from, publicKey, to),
    subscribe: (listener) => store.bus.subscribe(listener),
    close() {
      store.bus.close();
      backend.close?.();
    },
  };
  return storage;
}

/** What every step of a storage reads: where records live, how keys are sealed, the clock, the bus. */
interface Store<TSealed> {
  backend: RecordBackend;
  protector: KeyProtector<TSealed>;
  upgrade: RecordUpgrade | undefined;
  kind: string;
  /** Read at each warning, as the caller may set its handler later. */
  options: StorageOptions;
  now: () => number;
  bus: ReturnType<typeof createChangeBus>;
}

const emit = (store: Store<unknown>, type: StorageChangeType, key: RecordKey) =>
  store.bus.emit({
    type,
    scope: { chainId: key[0], accountAddress: key[1], appId: key[2] },
    publicKey: key[3],
  });

/**
 * A stored value as a record, or undefined when absent or untrustworthy. Reads `report` what
 * they skip; writes stay quiet (the read before them has reported it already).
 */
function parse<TSealed>(
  store: Store<TSealed>,
  raw: unknown,
  key: RecordKey,
  report = false,
): SessionRecord<TSealed> | undefined {
  if (raw === undefined || raw === null) return undefined;
  try {
    return readSessionRecord(raw, key, store.protector, store.upgrade);
  } catch (error) {
    if (!report) return undefined;
    if (!(error instanceof StoredRecordError)) throw error;
    emitStorageWarning(
      { code: 'record-skipped', message: `Skipped: ${error.shortMessage}`, error },
      store.options.onWarning,
      // Logged once per adapter, record and problem (the error's message names the last two).
      `${store.kind}:${error.message}`,
    );
  }
}

/** Whether a record is due a write: past validUntil and not final yet, or final and still keyed. */
const due = (record: SessionRecord<unknown>, at: number) =>
  isFinal(record.session.status) ? record.key !== undefined : at > record.session.validUntil;

/** The record as it must be at `at`: expired once past validUntil, without its key once final. */
function settle<TSealed>(record: SessionRecord<TSealed>, at: number): SessionRecord<TSealed> {
  if (!due(record, at)) return record;
  const { session } = record;
  return recordOf(isFinal(session.status) ? session : { ...session, status: 'expired' });
}

/**
 * Changes a record in one atomic backend update, then settles it (expiry, wipe). Nothing is
 * written, and no event sent, when that leaves it as it was; a key it no longer holds is
 * wiped. Resolves to the record stored afterwards (undefined when absent or unreadable, which
 * `report` reports).
 */
async function rewrite<TSealed>(
  store: Store<TSealed>,
  key: RecordKey,
  type: StorageChangeType,
  change = (record: SessionRecord<TSealed>) => record,
  report?: boolean,
) {
  const at = store.now();
  let result: SessionRecord<TSealed> | undefined;
  let changed = false;
  await store.backend.update(key, (current) => {
    const record = parse(store, current, key, report);
    result = record;
    if (!record) return undefined;
    const next = settle(change(record), at);
    if (next.key === record.key && sameSession(next.session, record.session)) return undefined;
    changed = true;
    if (next.key === undefined) wipeSealed(record.key);
    result = recordOf({ ...next.session, updatedAt: at }, next.key);
    return result;
  });
  if (changed) emit(store, type, key);
  return result;
}

/**
 * The record under `key` (read now, or the value `list` read) brought up to date: an expired
 * session is marked and its key wiped, for good.
 */
async function load<TSealed>(store: Store<TSealed>, key: RecordKey, raw: unknown = store.backend.get(key)) {
  const record = parse(store, await raw, key, true);
  return record && due(record, store.now()) ? rewrite(store, key, 'expire') : record;
}

const keyOf = (scope: SessionScope, publicKey: string) =>
  recordKeyOf(normalizeScope(scope), normalizePublicKey(publicKey));

const scopeOrAll = (scope: SessionScope | undefined) =>
  scope === undefined ? undefined : normalizeScope(scope);

/**
 * Opens the record's key for the time of `use` only: the bytes are zeroed right after. A tampered
 * record may hold any 32 bytes: only a usable Stark key goes on to `use`, and with `matchPublicKey`
 * only the session's own key (checked once per signer, not per signature).
 */
async function withKey<TSealed, T>(
  store: Store<TSealed>,
  key: RecordKey,
  record: SessionRecord<TSealed>,
  use: (privateKey: bigint) => T,
  matchPublicKey = false,
): Promise<T> {
  let bytes: Uint8Array;
  try {
    bytes = await store.protector.open(record.key as TSealed, keyAdditionalData(key));
  } catch (cause) {
    throw recordError('decrypt-failed', key, 'Stored session key cannot be decrypted.', { cause });
  }
  try {
    const privateKey = bytesToPrivateKey(bytes);
    if (!(matchPublicKey ? isKeyOf(privateKey, key[3]) : isStarkKey(privateKey))) {
      throw recordError('key-mismatch', key, "Stored key is not the session's key.");
    }
    return use(privateKey);
  } finally {
    bytes.fill(0);
  }
}

async function setSession<TSealed>(
  store: Store<TSealed>,
  input: StoredSession,
  privateKey: bigint | undefined,
): Promise<void> {
  const at = store.now();
  // Marked expired when it already is.
  const { session } = settle(recordOf({ ...normalizeSession(input), updatedAt: at }), at);
  const key = recordKeyOf(session.scope, session.publicKey);
  const sealed = privateKey === undefined ? undefined : await sealKey(store, session, key, privateKey);
  await store.backend.update(key, (current) => {
    const previous = parse(store, current, key)?.key;
    // Without a new key, keep the one already held for this session (unless it is now final).
    const record = recordOf(session, sealed ?? (isFinal(session.status) ? undefined : previous));
    if (record.key !== previous) wipeSealed(previous);
    return record;
  });
  emit(store, 'set', key);
}

/** Checks the private key against the session, then seals it (a final session keeps no key). */
async function sealKey<TSealed>(
  store: Store<TSealed>,
  session: StoredSession,
  key: RecordKey,
  privateKey: bigint,
): Promise<TSealed | undefined> {
  if (!isKeyOf(privateKey, session.publicKey)) {
    throw new InvalidInputError('privateKey', "privateKey is not the session's key.");
  }
  if (isFinal(session.status)) return undefined;
  const bytes = privateKeyToBytes(privateKey);
  try {
    return await store.protector.seal(bytes, keyAdditionalData(key));
  } finally {
    bytes.fill(0);
  }
}

async function updateSession<TSealed>(store: Store<TSealed>, key: RecordKey, patch: StoredSessionPatch) {
  const change = normalizePatch(patch);
  // undefined when absent; an unreadable record is reported here and left untouched
  const record = await rewrite(
    store,
    key,
    'update',
    (current) => ({ ...current, session: mergePatch(current.session, change) }),
    true,
  );
  return record?.session;
}

async function signerFor<TSealed>(store: Store<TSealed>, key: RecordKey): Promise<SessionSigner | undefined> {
  // Brought up to date: a record that still holds a key is neither final nor expired.
  const record = await load(store, key);
  if (record?.key === undefined) return undefined;
  await withKey(store, key, record, () => undefined, true); // the stored key is the session's
  return {
    publicKey: key[3],
    async signHash(hash) {
      const message = toFelt(hash, 'hash');
      // Read again on every signature: a revoke, wipe or expiry (in any tab) stops it at once.
      const current = await load(store, key);
      const status = current?.session.status;
      if (status === 'revoked') throw new SessionRevokedError(key[3]);
      if (status === 'expired') throw new SessionExpiredError(current!.session.validUntil, store.now());
      if (current?.key === undefined) throw new SessionKeyMissingError(key[3]);
      return withKey(store, key, current, (privateKey) => signHash(message, privateKey));
    },
  };
}

async function removeSession(store: Store<unknown>, key: RecordKey): Promise<void> {
  const current = await store.backend.get(key);
  if (current === undefined || current === null) return;
  wipeSealed((current as { key?: unknown }).key);
  await store.backend.delete(key);
  emit(store, 'remove', key);
}

async function listSessions(store: Store<unknown>, scope: SessionScope): Promise<StoredSession[]> {
  const sessions: StoredSession[] = [];
  for (const { key, value } of await store.backend.entries(normalizeScope(scope))) {
    // Keys as stored: a record is read only under its own key (readSessionRecord checks it; a
    // record under a key not shaped like ours is reported as misplaced), so the cast holds once read.
    const record = await load(store, key as RecordKey, value);
    if (record) sessions.push(record.session);
  }
  return sessions.sort((a, b) => b.createdAt - a.createdAt || (a.publicKey < b.publicKey ? -1 : 1));
}

async function wipeExpired(store: Store<unknown>, scope: SessionScope | undefined): Promise<number> {
  const at = store.now();
  let count = 0;
  for (const { key, value } of await store.backend.entries(scopeOrAll(scope))) {
    const record = parse(store, value, key as RecordKey);
    if (!record || !due(record, at)) continue;
    // Counted once settled as expired (a revoked one only loses its key).
    if ((await rewrite(store, key as RecordKey, 'expire'))?.session.status === 'expired') count++;
  }
  return count;
}

async function clearSessions(store: Store<unknown>, scope: SessionScope | undefined): Promise<void> {
  const normalized = scopeOrAll(scope);
  // Zero the key bytes this process holds before the records go.
  for (const { value } of await store.backend.entries(normalized)) {
    wipeSealed((value as { key?: unknown } | null | undefined)?.key);
  }
  await store.backend.clear(normalized);
  store.bus.emit({ type: 'clear', ...(normalized && { scope: normalized }) });
}

async function moveSession<TSealed>(
  store: Store<TSealed>,
  storage: SessionStorage,
  from: SessionScope,
  publicKey: string,
  to: SessionScope,
): Promise<StoredSession | undefined> {
  const key = keyOf(from, publicKey);
  const record = await load(store, key);
  if (!record) return undefined;
  const session = { ...record.session, scope: to };
  // Re-sealed under the new scope (the sealed key is bound to its scope); the key stays in here.
  if (record.key === undefined) await storage.set(session);
  else await withKey(store, key, record, (privateKey) => storage.set(session, privateKey));
  await storage.remove(from, publicKey);
  return storage.get(to, publicKey);
}
