import { StorageUnavailableError, type StorageUnavailableReason } from '../errors/index.js';
import { createSessionStorage, type RecordBackend } from './createSessionStorage.js';
import type { IndexedDbSessionStorage, IndexedDbStorageOptions } from './indexedDb.js';
import { createAesGcmKeyProtector } from './keyProtector.js';
import type { RecordKey } from './record.js';
import type { SessionScope } from './types.js';

const KIND = 'indexeddb';
const DB_VERSION = 1;
const SESSIONS = 'sessions';
const META = 'meta';
const WRAPPING_KEY_ID = 'wrapping-key/aes-gcm-256';
const PROBE_ID = 'probe';

function unavailable(
  error: unknown,
  reason: StorageUnavailableReason,
  what: string,
): StorageUnavailableError {
  if (error instanceof StorageUnavailableError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new StorageUnavailableError(
      KIND,
      'quota-exceeded',
      'The browser refused to store more data (quota).',
      {
        cause: error,
      },
    );
  }
  return new StorageUnavailableError(KIND, reason, `IndexedDB failed to ${what}.`, { cause: error });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function completion(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
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

const inScope = (key: unknown, scope: SessionScope | undefined) =>
  scope === undefined ||
  (Array.isArray(key) &&
    key[0] === scope.chainId &&
    key[1] === scope.accountAddress &&
    key[2] === scope.appId);

/**
 * The IndexedDB adapter itself, loaded on demand by `createIndexedDbStorage` and
 * `createDefaultStorage` (servers never evaluate this module).
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
      let req: IDBOpenDBRequest;
      try {
        req = factory.open(databaseName, DB_VERSION);
      } catch (error) {
        reject(unavailable(error, 'open-failed', 'open the database'));
        return;
      }
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(SESSIONS)) db.createObjectStore(SESSIONS);
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
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
      req.onerror = () => reject(unavailable(req.error, 'open-failed', 'open the database'));
    }).catch((error: unknown) => {
      dbPromise = undefined; // try again on the next call
      throw error;
    });
    return dbPromise;
  };

  const transaction = async (stores: string | string[], mode: IDBTransactionMode) => {
    const db = await openDb();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      dbPromise = undefined;
      throw unavailable(error, 'read-failed', 'start a transaction');
    }
  };

  const loadWrappingKey = async (): Promise<CryptoKey> => {
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) {
      throw new StorageUnavailableError(
        KIND,
        'insecure-context',
        'WebCrypto is not available (the page is not served from a secure context).',
      );
    }
    const existing = await request(
      (await transaction(META, 'readonly')).objectStore(META).get(WRAPPING_KEY_ID),
    );
    if (isAesKey(existing)) return existing;
    // Non-extractable: the key can encrypt and decrypt, but its bytes can never be exported.
    const fresh = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const tx = await transaction(META, 'readwrite');
    const store = tx.objectStore(META);
    let chosen = fresh;
    let failure: unknown;
    // Another tab may have created one meanwhile: get and put in one transaction, first one wins.
    const get = store.get(WRAPPING_KEY_ID);
    get.onsuccess = () => {
      try {
        if (isAesKey(get.result)) chosen = get.result;
        else store.put(fresh, WRAPPING_KEY_ID);
      } catch (error) {
        failure = error; // DataCloneError where keys cannot be stored, QuotaExceededError
        tx.abort();
      }
    };
    await completion(tx).catch((error: unknown) => {
      throw failure ?? error;
    });
    return chosen;
  };

  const getWrappingKey = (): Promise<CryptoKey> => {
    keyPromise ??= loadWrappingKey().catch((error: unknown) => {
      keyPromise = undefined;
      throw unavailable(error, 'write-failed', 'store the encryption key');
    });
    return keyPromise;
  };

  const backend: RecordBackend = {
    kind: KIND,
    channelName: `starknet-sessions:${KIND}:${databaseName}`,

    async get(key) {
      try {
        return await request(
          (await transaction(SESSIONS, 'readonly')).objectStore(SESSIONS).get(idbKey(key)),
        );
      } catch (error) {
        throw unavailable(error, 'read-failed', 'read a session');
      }
    },

    async update(key, change) {
      const tx = await transaction(SESSIONS, 'readwrite');
      const store = tx.objectStore(SESSIONS);
      let result: unknown;
      let failure: unknown;
      // Read, merge and write inside one transaction (no await in between): atomic across tabs.
      const get = store.get(idbKey(key));
      get.onsuccess = () => {
        try {
          const next = change(get.result);
          result = next === undefined ? get.result : next;
          if (next !== undefined) store.put(next, idbKey(key));
        } catch (error) {
          failure = error;
          tx.abort();
        }
      };
      try {
        await completion(tx);
      } catch (error) {
        throw failure ?? unavailable(error, 'write-failed', 'write a session');
      }
      if (failure) throw failure;
      return result;
    },

    async delete(key) {
      try {
        const tx = await transaction(SESSIONS, 'readwrite');
        tx.objectStore(SESSIONS).delete(idbKey(key));
        await completion(tx);
      } catch (error) {
        throw unavailable(error, 'write-failed', 'delete a session');
      }
    },

    async entries(scope) {
      try {
        const store = (await transaction(SESSIONS, 'readonly')).objectStore(SESSIONS);
        // One transaction: keys and values are one consistent snapshot.
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        const out: { key: readonly unknown[]; value: unknown }[] = [];
        keys.forEach((key, i) => {
          if (inScope(key, scope)) out.push({ key: Array.isArray(key) ? key : [key], value: values[i] });
        });
        return out;
      } catch (error) {
        throw unavailable(error, 'read-failed', 'list sessions');
      }
    },

    async clear(scope) {
      const tx = await transaction(SESSIONS, 'readwrite');
      const store = tx.objectStore(SESSIONS);
      if (scope === undefined) store.clear();
      else {
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result) if (inScope(key, scope)) store.delete(key);
        };
      }
      await completion(tx).catch((error: unknown) => {
        throw unavailable(error, 'write-failed', 'clear sessions');
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
      try {
        const tx = await transaction(META, 'readwrite');
        tx.objectStore(META).put({ at: Date.now() }, PROBE_ID);
        tx.objectStore(META).delete(PROBE_ID);
        await completion(tx);
      } catch (error) {
        throw unavailable(error, 'write-failed', 'write');
      }
    },
  };
}
