import { StorageUnavailableError, type StorageUnavailableReason } from '../errors/index.js';
import { buildSessionStorage, type RecordBackend } from './createSessionStorage.js';
import type { IndexedDbSessionStorage, IndexedDbStorageOptions } from './indexedDb.js';
import { aesGcmKeyProtector } from './keyProtector.js';
import { isInScope } from './record.js';

const KIND = 'indexeddb';
const SESSIONS = 'sessions';
const META = 'meta';
const WRAPPING_KEY_ID = 'wrapping-key/aes-gcm-256';

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
  const databaseName = options.databaseName ?? 'starknet-sessions';
  let dbPromise: Promise<IDBDatabase> | undefined;
  let keyPromise: Promise<CryptoKey> | undefined;
  let closed = false;

  const openDb = (): Promise<IDBDatabase> => {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = options.indexedDB ?? findIndexedDb();
      if (!factory) {
        reject(new StorageUnavailableError(KIND, 'unsupported', 'IndexedDB is not available here.'));
        return;
      }
      const req = factory.open(databaseName, 1); // version 1: the only version so far
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
    let tx: IDBTransaction | undefined;
    try {
      tx = (await openDb()).transaction(storeName, mode);
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
      throw tx
        ? unavailable(failure ?? error, mode === 'readonly' ? 'read-failed' : 'write-failed', what)
        : // no transaction: the connection was closed under us (it reopens on the next call)
          unavailable(error, 'read-failed', 'start a transaction');
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
  };

  const getWrappingKey = (): Promise<CryptoKey> => {
    keyPromise ??= (async () => {
      await openDb(); // a missing or unusable database is reported before a missing WebCrypto
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
      // Kept only when the database has none yet: the first key stored (by any tab) wins. A key there
      // not shaped like ours (extractable: a script may keep its bytes) is replaced, never adopted. It
      // is written back every time: that write is what tells `ready()` the database takes writes.
      const kept = (current: unknown) => (isOurWrappingKey(current) ? current : fresh);
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

    get: (key) =>
      run(SESSIONS, 'readonly', 'read a session', (store) => store.get(key as unknown as IDBValidKey)),

    update: (key, change) => swap(SESSIONS, key as unknown as IDBValidKey, change, 'write a session'),

    delete: (key) =>
      run(SESSIONS, 'readwrite', 'delete a session', (store) =>
        store.delete(key as unknown as IDBValidKey),
      ) as Promise<void>,

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

    clear: (scope) =>
      run(SESSIONS, 'readwrite', 'clear sessions', (store) => {
        const keys = store.getAllKeys();
        keys.onsuccess = () => {
          for (const key of keys.result) if (isInScope(key, scope)) store.delete(key);
        };
      }) as Promise<void>,

    close() {
      closed = true;
      void dbPromise?.then((db) => db.close()).catch(() => undefined);
      dbPromise = undefined;
    },
  };

  const storage = buildSessionStorage({
    ...options,
    backend,
    protector: aesGcmKeyProtector(getWrappingKey),
  });

  return {
    ...storage,
    async ready() {
      // Private modes and full disks fail here (the key is written) rather than on the first session.
      await getWrappingKey();
    },
  };
}

/** A key this code could have generated: non-extractable AES-GCM-256, for encrypt and decrypt only. */
function isOurWrappingKey(value: unknown): value is CryptoKey {
  if (typeof CryptoKey !== 'function' || !(value instanceof CryptoKey)) return false;
  const { name, length } = value.algorithm as { name?: string; length?: number };
  const usages = [...value.usages].sort().join();
  return (
    !value.extractable &&
    value.type === 'secret' &&
    name === 'AES-GCM' &&
    length === 256 &&
    usages === 'decrypt,encrypt'
  );
}
