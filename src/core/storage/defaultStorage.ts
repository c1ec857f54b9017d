import { StorageUnavailableError } from '../errors/index.js';
import type { IndexedDbStorageOptions } from './indexedDb.js';
import { openIndexedDbStorage } from './indexedDbBackend.js';
import { createLazyStorage } from './lazy.js';
import { createMemoryStorage } from './memory.js';
import type { SessionStorage } from './types.js';
import { emitStorageWarning } from './warnings.js';

export type DefaultStorageOptions = IndexedDbStorageOptions;

export interface DefaultSessionStorage extends SessionStorage {
  /** 'default' until the first call has chosen; then 'indexeddb' or 'memory'. */
  readonly kind: string;
  /** The adapter actually in use (chosen on first use, never at import). */
  resolve(): Promise<SessionStorage>;
}

const findIndexedDb = (): IDBFactory | undefined => {
  try {
    return (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  } catch {
    return undefined; // sandboxed frames throw SecurityError on access
  }
};

const inBrowser = () => typeof window !== 'undefined' || typeof document !== 'undefined';

/**
 * The storage to use when the app does not choose one: encrypted IndexedDB in browsers, memory
 * on the server and in Node. Safe to create at module level and during SSR: nothing is touched
 * before the first call. When a browser cannot use IndexedDB (unsupported, private mode, quota,
 * no WebCrypto outside secure contexts) it falls back to memory and says so once on the console
 * and through `onWarning`: sessions then last until the page is reloaded.
 */
export function createDefaultStorage(options: DefaultStorageOptions = {}): DefaultSessionStorage {
  const fallBack = (error: StorageUnavailableError): SessionStorage => {
    emitStorageWarning(
      {
        code: 'fallback-to-memory',
        message: `IndexedDB cannot be used (${error.reason}); sessions are kept in memory and end with this page.`,
        error,
      },
      options.onWarning,
      'fallback-to-memory',
    );
    return createMemoryStorage(options);
  };

  const choose = async (): Promise<SessionStorage> => {
    const factory = options.indexedDB ?? findIndexedDb();
    if (!factory) {
      if (!inBrowser()) return createMemoryStorage(options); // server, Node: memory is the plan
      return fallBack(
        new StorageUnavailableError('indexeddb', 'unsupported', 'IndexedDB is not available here.'),
      );
    }
    const storage = openIndexedDbStorage({ ...options, indexedDB: factory });
    try {
      await storage.ready();
      return storage;
    } catch (error) {
      storage.close?.();
      return fallBack(error as StorageUnavailableError); // ready() rejects with nothing else
    }
  };

  return createLazyStorage('default', choose);
}
