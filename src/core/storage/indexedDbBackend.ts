import { StorageUnavailableError, type StorageUnavailableReason } from '../errors/index.js';
import { createSessionStorage, type RecordBackend } from './createSessionStorage.js';
import type { IndexedDbSessionStorage, IndexedDbStorageOptions } from './indexedDb.js';
import { createAesGcmKeyProtector } from './keyProtector.js';
import { isInScope, type RecordKey } from './record.js';

const KIND = 'indexeddb';
const DB_VERSION = 1;
const SESSIONS = 'sessions';
const META = 'meta';
const WRAPPING_KEY_ID = 'wrapping-key/aes-gcm-256';
const PROBE_ID = 'probe';

/** What a failure becomes: ours pass through, a full disk is 'quota-exceeded', the rest `reason`. */
function unavailable(
  error: unknown,
  reason: StorageUnavailableReason,
  what: string,
): StorageUnavailableError {
  if (error instanceof StorageUnavailableError) return error;
  const quota = (error as { name?: unknown } | null)?.name === 'QuotaExceededError';
  return new StorageUnavailableError(
    KIND,
    quota ? 'quota-exceeded' : reason,
    quota ? 'The browser refused to store more data (quota).' : `IndexedDB failed to ${what}.`,
    { cause: error },
  );
}

const isAesKey = (value: unknown): value is CryptoKey =>
  typeof CryptoKey === 'function' &&
  value instanceof CryptoKey &&
  value.type === 'secret' &&
  value.algorithm.name === 'AES-GCM' &&
  value.usages.includes('encrypt') &&
  value.usages.includes('decrypt');

// IndexedDB keys are mutable arrays; ours are readonly tuples.
const idbKey = (key: RecordKey): IDBValidKey => [...key];

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
  const databaseName = options.databaseName ?? 'starknet-sessions';
  let dbPromise: Promise<IDBDatabase> | undefined;
  let keyPromise: Promise<CryptoKey> | undefined;
  let closed = false;

  const openDb = (): Promise<IDBDatabase> => {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!factory) {
        reject(new StorageUnavailableError(KIND, 'unsupported', 'IndexedDB is not available here.'));
        return;
      }
      const req = factory.open(databaseName, DB_VERSION);
      req.onupgradeneeded = () => {
        for (const name of [SESSIONS, META]) {
          if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name);
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Let a newer version of the library upgrade the database from another tab.
        db.onversionchange = () => {
          db.close();
          dbPromise = undefined;
        };
        if (closed) db.close();
        resolve(db);
      };
      req.onerror = () => reject(req.error);
    }).catch((error: unknown) => {
      dbPromise = undefined; // try again on the next call
      throw unavailable(error, 'open-failed', 'open the database');
    });
    return dbPromise;
  };

  /**
   * One transaction on one store: `body` queues its requests and returns the one whose result is
   * wanted. Resolves to that result once the transaction has committed. An error thrown in a
   * request callback goes to `abort`, which cancels the transaction and is what rejects. Every
   * failure is a StorageUnavailableError: "IndexedDB failed to <what>".
   */
  const run = async (
    storeName: string,
    mode: IDBTransactionMode,
    what: string,
    body: (store: IDBObjectStore, abort: (error: unknown) => void) => IDBRequest | undefined,
  ): Promise<unknown> => {
    let failure: unknown;
    try {
      const db = await openDb();
      let tx: IDBTransaction;
      try {
        tx = db.transaction(storeName, mode);
      } catch (error) {
        dbPromise = undefined; // closed under us (another tab's upgrade): reopen on the next call
        throw unavailable(error, 'read-failed', 'start a transaction');
      }
      const request = body(tx.objectStore(storeName), (error) => {
        failure = error;
        tx.abort();
      });
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      return request?.result;
    } catch (error) {
      throw unavailable(failure ?? error, mode === 'readonly' ? 'read-failed' : 'write-failed', what);
    }
  };

  /**
   * Reads, changes and writes one entry in a single transaction (no await in between): atomic
   * across tabs. Resolves to the value stored afterwards.
   */
  const swap = async (
    storeName: string,
    key: IDBValidKey,
    change: (current: unknown) => unknown,
    what: string,
  ) => {
    let result: unknown;
    await run(storeName, 'readwrite', what, (store, abort) => {
      const get = store.get(key);
      get.onsuccess = () => {
        try {
          const next = change(get.result);
          result = next === undefined ? get.result : next;
          if (next !== undefined) store.put(next, key);
        } catch (error) {
          abort(error); // DataCloneError where a value cannot be stored, QuotaExceededError
        }
      };
    });
    return result;
  };

  const getWrappingKey = (): Promise<CryptoKey> => {
    keyPromise ??= (async () => {
      const subtle = globalThis.crypto?.subtle;
      if (!subtle) {
        throw new StorageUnavailableError(
          KIND,
          'insecure-context',
          'WebCrypto is not available (the page is not served from a secure context).',
        );
      }
      // Non-extractable: the key can encrypt and decrypt, but its bytes can never be exported.
      const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      // Kept only when the database has none yet: the first key stored (by any tab) wins.
      const kept = (current: unknown) => (isAesKey(current) ? undefined : fresh);
      return (await swap(META, WRAPPING_KEY_ID, kept, 'store the encryption key')) as CryptoKey;
    })().catch((error: unknown) => {
      keyPromise = undefined;
      throw unavailable(error, 'write-failed', 'store the encryption key');
    });
    return keyPromise;
  };

  const backend: RecordBackend = {
    kind: KIND,
    channelName: `starknet-sessions:${KIND}:${databaseName}`,

    get: (key) => run(SESSIONS, 'readonly', 'read a session', (store) => store.get(idbKey(key))),

    update: (key, change) => swap(SESSIONS, idbKey(key), change, 'write a session'),

    async delete(key) {
      await run(SESSIONS, 'readwrite', 'delete a session', (store) => store.delete(idbKey(key)));
    },

    async entries(scope) {
      let values: IDBRequest<unknown[]> | undefined;
      // One transaction: keys and values are one consistent snapshot.
      const keys = (await run(SESSIONS, 'readonly', 'list sessions', (store) => {
        values = store.getAll();
        return store.getAllKeys();
      })) as IDBValidKey[];
      return keys.flatMap((key, i) =>
        isInScope(key, scope) ? [{ key: Array.isArray(key) ? key : [key], value: values!.result[i] }] : [],
      );
    },

    async clear(scope) {
      await run(SESSIONS, 'readwrite', 'clear sessions', (store) => {
        if (scope === undefined) return store.clear();
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result) if (isInScope(key, scope)) store.delete(key);
        };
      });
    },

    close() {
      closed = true;
      void dbPromise?.then((db) => db.close()).catch(() => undefined);
      dbPromise = undefined;
    },
  };

  const storage = createSessionStorage({
    ...options,
    backend,
    protector: createAesGcmKeyProtector({ getKey: getWrappingKey, encoding: 'bytes' }),
  });

  return {
    ...storage,
    async ready() {
      await getWrappingKey();
      // A write and a delete: private modes and full disks fail here rather than on the first session.
      await run(META, 'readwrite', 'write', (store) => {
        store.put({ at: Date.now() }, PROBE_ID);
        store.delete(PROBE_ID);
      });
    },
  };
}
