import { StorageUnavailableError } from '../errors/index.js';
import { buildSessionStorage, type RecordBackend } from './createSessionStorage.js';
import type { IndexedDbSessionStorage, IndexedDbStorageOptions } from './indexedDb.js';
import { aesGcmKeyProtector } from './keyProtector.js';
import { isInScope } from './record.js';

const KIND = 'indexeddb';
const SESSIONS = 'sessions';
const META = 'meta';
const WRAPPING_KEY_ID = 'wrapping-key/aes-gcm-256';

/** What IndexedDB failed to do: the error's reason is `<op>-failed`. */
type Operation = 'open' | 'read' | 'write';

/** What a failure becomes: ours pass through, a full disk is 'quota-exceeded', the rest `<op>-failed`. */
function unavailable(error: unknown, op: Operation): StorageUnavailableError {
  if (error instanceof StorageUnavailableError) return error;
  const quota = (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
  return new StorageUnavailableError(
    KIND,
    quota ? 'quota-exceeded' : `${op}-failed`,
    quota ? 'Storage quota exceeded.' : `IndexedDB failed to ${op}.`,
    { cause: error },
  );
}

/** The page's IndexedDB, if any (read when first needed, never at import). */
export const findIndexedDb = (): IDBFactory | undefined => {
  try {
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch {
    return undefined; // sandboxed frames throw SecurityError on access
  }
};

/**
 * The IndexedDB adapter itself, opened on first use by `createIndexedDbStorage` and
 * `createDefaultStorage` (importing this module touches no browser API: SSR-safe).
 *
 * Sessions in IndexedDB, keys encrypted at rest (the default in browsers).
 *
 * Each private key is sealed with AES-256-GCM under one key per database, created by WebCrypto as
 * non-extractable and kept in the same database (by structured clone; script can use it but
 * never read its bytes). Every write draws a fresh IV; the additional data binds the ciphertext
 * to chain id, account, app id and public key, so a record copied elsewhere fails to decrypt.
 * Public session data stays readable (it is public on chain) so updates are single transactions.
 * Tabs on the same database see each other's changes (BroadcastChannel notifies them).
 */
export function openIndexedDbStorage(options: IndexedDbStorageOptions = {}): IndexedDbSessionStorage {
  const conn: Connection = {
    indexedDB: options.indexedDB,
    databaseName: options.databaseName ?? 'starknet-sessions',
    closed: false,
  };
  const storage = buildSessionStorage({
    ...options,
    backend: indexedDbBackend(conn),
    protector: aesGcmKeyProtector(() => getWrappingKey(conn)),
  });
  return {
    ...storage,
    async ready() {
      // Private modes and full disks fail here (the key is written) rather than on the first session.
      await getWrappingKey(conn);
    },
  };
}

/** One storage's database: opened lazily, reopened after the browser closes it, closed for good on close(). */
interface Connection {
  /** The factory the app gave, else the page's (read at open). */
  indexedDB: IDBFactory | undefined;
  databaseName: string;
  /** The database, once asked for (dropped when the browser closes it). */
  db?: Promise<IDBDatabase> | undefined;
  /** The AES key sealing the session keys, once loaded or created. */
  wrappingKey?: Promise<CryptoKey> | undefined;
  closed: boolean;
}

function openDb(conn: Connection): Promise<IDBDatabase> {
  conn.db ??= new Promise<IDBDatabase>((resolve, reject) => {
    const factory = conn.indexedDB ?? findIndexedDb();
    // Thrown in the executor: rejects the promise.
    if (!factory) throw new StorageUnavailableError(KIND, 'unsupported', 'IndexedDB is not available.');
    const req = factory.open(conn.databaseName, 1); // version 1: the only version so far
    req.onupgradeneeded = () => {
      // Version 1 is the only version: an upgrade is always the creation of a new database.
      req.result.createObjectStore(SESSIONS);
      req.result.createObjectStore(META);
    };
    req.onsuccess = () => {
      const db = req.result;
      // Let a newer version of the library upgrade the database from another tab; after that,
      // or when the browser closes it (site data cleared), the next call opens it again.
      db.onclose = db.onversionchange = () => {
        db.close();
        conn.db = undefined;
      };
      if (conn.closed) db.close();
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  }).catch((error: unknown) => {
    conn.db = undefined; // try again on the next call
    throw unavailable(error, 'open');
  });
  return conn.db;
}

/**
 * One transaction on one store: `body` queues its requests and returns the one whose result is
 * wanted. Resolves to that result once the transaction has committed. An error thrown in a
 * request callback goes to `abort`, which cancels the transaction and is what rejects. Every
 * failure is a StorageUnavailableError: "IndexedDB failed to read" (or write).
 */
async function run(
  conn: Connection,
  storeName: string,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore, abort: (error: unknown) => void) => IDBRequest | undefined,
): Promise<unknown> {
  let failure: unknown;
  let tx: IDBTransaction | undefined;
  try {
    tx = (await openDb(conn)).transaction(storeName, mode);
    const request = body(tx.objectStore(storeName), (error) => {
      failure = error;
      tx!.abort();
    });
    await new Promise((resolve, reject) => {
      tx!.oncomplete = resolve;
      tx!.onerror = tx!.onabort = () => reject(tx!.error);
    });
    return request?.result;
  } catch (error) {
    // No transaction (the connection was closed under us; it reopens on the next call) counts as a read.
    throw unavailable(failure ?? error, tx && mode !== 'readonly' ? 'write' : 'read');
  }
}

/**
 * Reads, changes and writes one entry in a single transaction (no await in between): atomic
 * across tabs. Resolves to the value stored afterwards.
 */
async function swap(
  conn: Connection,
  storeName: string,
  key: IDBValidKey,
  change: (current: unknown) => unknown,
) {
  let result: unknown;
  await run(conn, storeName, 'readwrite', (store, abort) => {
    const get = store.get(key);
    get.onsuccess = () => {
      try {
        result = get.result;
        const next = change(result);
        if (next !== undefined) {
          result = next;
          store.put(next, key);
        }
      } catch (error) {
        abort(error); // DataCloneError where a value cannot be stored, QuotaExceededError
      }
    };
  });
  return result;
}

function getWrappingKey(conn: Connection): Promise<CryptoKey> {
  conn.wrappingKey ??= (async () => {
    await openDb(conn); // a missing or unusable database is reported before a missing WebCrypto
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) {
      throw new StorageUnavailableError(KIND, 'insecure-context', 'WebCrypto is not available.');
    }
    // Non-extractable: the key can encrypt and decrypt, but its bytes can never be exported.
    const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    // Kept only when the database has none yet: the first key stored (by any tab) wins. A key there
    // not shaped like ours (extractable: a script may keep its bytes) is replaced, never adopted. It
    // is written back every time: that write is what tells `ready()` the database takes writes.
    const kept = (current: unknown) => (isOurWrappingKey(current) ? current : fresh);
    return (await swap(conn, META, WRAPPING_KEY_ID, kept)) as CryptoKey;
  })().catch((error: unknown) => {
    conn.wrappingKey = undefined;
    throw unavailable(error, 'write');
  });
  return conn.wrappingKey;
}

/** The sessions object store as a record backend. */
function indexedDbBackend(conn: Connection): RecordBackend {
  return {
    kind: KIND,
    channelName: `starknet-sessions:${KIND}:${conn.databaseName}`,

    get: (key) => run(conn, SESSIONS, 'readonly', (store) => store.get(key as unknown as IDBValidKey)),

    update: (key, change) => swap(conn, SESSIONS, key as unknown as IDBValidKey, change),

    delete: (key) =>
      run(conn, SESSIONS, 'readwrite', (store) =>
        store.delete(key as unknown as IDBValidKey),
      ) as Promise<void>,

    async entries(scope) {
      let values: IDBRequest<unknown[]> | undefined;
      // One transaction: keys and values are one consistent snapshot.
      const keys = (await run(conn, SESSIONS, 'readonly', (store) => {
        values = store.getAll();
        return store.getAllKeys();
      })) as IDBValidKey[];
      return keys.flatMap((key, i) =>
        isInScope(key, scope) ? [{ key: Array.isArray(key) ? key : [key], value: values!.result[i] }] : [],
      );
    },

    clear: (scope) =>
      run(conn, SESSIONS, 'readwrite', (store) => {
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result) if (isInScope(key, scope)) store.delete(key);
        };
      }) as Promise<void>,

    close() {
      conn.closed = true;
      void conn.db?.then((db) => db.close()).catch(() => undefined);
      conn.db = undefined;
    },
  };
}

/**
 * A key this code could have generated: non-extractable AES-GCM-256, for encrypt and decrypt only
 * (an AES key is always of type 'secret').
 */
function isOurWrappingKey(value: unknown): value is CryptoKey {
  if (typeof CryptoKey !== 'function' || !(value instanceof CryptoKey)) return false;
  const { name, length } = value.algorithm as { name?: string; length?: number };
  const usages = [...value.usages].sort().join();
  return !value.extractable && name === 'AES-GCM' && length === 256 && usages === 'decrypt,encrypt';
}
