import type { RecordKey } from '../../src/core/storage/index.js';

/** Direct access to the sessions store, beside the library: what a script or a disk dump sees. */
export function idbRaw(factory: () => IDBFactory) {
  const run = (
    name: string,
    mode: IDBTransactionMode,
    op: (store: IDBObjectStore) => IDBRequest | undefined,
  ) =>
    new Promise<unknown>((resolve, reject) => {
      const open = factory().open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction('sessions', mode);
        const req = op(tx.objectStore('sessions'));
        tx.oncomplete = () => {
          db.close();
          resolve(req?.result);
        };
        tx.onabort = () => {
          db.close();
          reject(tx.error);
        };
      };
    });
  return {
    read: (name: string, key: RecordKey) => run(name, 'readonly', (store) => store.get([...key])),
    write: async (name: string, key: RecordKey, value: unknown) => {
      await run(name, 'readwrite', (store) => store.put(value, [...key]));
    },
    /** Puts a value in the meta store (what an earlier same-origin script could do). */
    writeMeta: (name: string, key: string, value: unknown) =>
      new Promise<void>((resolve, reject) => {
        const open = factory().open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('meta', 'readwrite');
          tx.objectStore('meta').put(value, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onabort = () => {
            db.close();
            reject(tx.error);
          };
        };
      }),
    /** The whole meta store (where the wrapping key lives). */
    meta: (name: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = factory().open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('meta', 'readonly').objectStore('meta').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  };
}

/** A localStorage-shaped Map for Node (the browser tests use the real one). */
export class MemoryWebStorage implements Storage {
  private items = new Map<string, string>();
  /** Throw QuotaExceededError on setItem when set. */
  full = false;
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, String(value));
  }
  [name: string]: unknown;
}

/** Raw access to localStorage records written with `prefix`. */
export function localStorageRaw(storage: () => Storage, prefixOf: (name: string) => string) {
  return {
    read: async (name: string, key: RecordKey) => {
      const text = storage().getItem(`${prefixOf(name)}${JSON.stringify(key)}`);
      return text === null ? undefined : (JSON.parse(text) as unknown);
    },
    write: async (name: string, key: RecordKey, value: unknown) => {
      storage().setItem(`${prefixOf(name)}${JSON.stringify(key)}`, JSON.stringify(value));
    },
  };
}
