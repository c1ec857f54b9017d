import type { StorageUnavailableError } from '../errors/index.js';
import type { IndexedDbStorageOptions } from './indexedDb.js';
import { findIndexedDb, openIndexedDbStorage } from './indexedDbBackend.js';
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

/** The methods that wait for the adapter to be chosen, then call it. */
const FORWARDED = [
  'get',
  'set',
  'update',
  'getSigner',
  'remove',
  'list',
  'wipeExpired',
  'clear',
  'move',
] as const;

/**
 * The storage to use when the app does not choose one: encrypted IndexedDB in browsers, memory
 * on the server and in Node. Safe to create at module level and during SSR: nothing is touched
 * before the first call. When a browser cannot use IndexedDB (unsupported, private mode, quota,
 * no WebCrypto outside secure contexts) it falls back to memory and says so once on the console
 * and through `onWarning`: sessions then last until the page is reloaded.
 */
export function createDefaultStorage(options: DefaultStorageOptions = {}): DefaultSessionStorage {
  let chosen: SessionStorage | undefined;
  let choosing: Promise<SessionStorage> | undefined;
  let closed = false;

  const choose = async (): Promise<SessionStorage> => {
    const indexedDB = options.indexedDB ?? findIndexedDb();
    // Server, Node (neither IndexedDB nor a window): memory is the plan, nothing to warn about.
    // In a browser without IndexedDB, ready() rejects with 'unsupported'.
    if (indexedDB || typeof window !== 'undefined' || typeof document !== 'undefined') {
      const storage = openIndexedDbStorage({ ...options, indexedDB });
      try {
        await storage.ready();
        return storage;
      } catch (error) {
        storage.close?.();
        const unavailable = error as StorageUnavailableError; // ready() rejects with nothing else
        emitStorageWarning(
          {
            code: 'fallback-to-memory',
            // "IndexedDB failed to write. Sessions ...": why, then what it means (the reason is in `error`).
            message: `${unavailable.shortMessage} Sessions are kept in memory only.`,
            error: unavailable,
          },
          options.onWarning,
          'fallback-to-memory',
        );
      }
    }
    return createMemoryStorage(options);
  };

  const resolve = () =>
    (choosing ??= choose().then((storage) => {
      chosen = storage;
      if (closed) storage.close?.();
      return storage;
    }));

  const storage = {
    get kind() {
      return chosen?.kind ?? 'default';
    },
    resolve,
    subscribe(listener) {
      let active = true;
      let unsubscribe: (() => void) | undefined;
      const attach = (storage: SessionStorage) => {
        if (active) unsubscribe = storage.subscribe?.(listener);
      };
      // Chosen already: attach now, so no change made from here on can be missed.
      if (chosen) attach(chosen);
      else
        resolve()
          .then(attach)
          .catch(() => undefined); // the failure surfaces on the next call that awaits the storage
      return () => {
        active = false;
        unsubscribe?.();
      };
    },
    close() {
      closed = true;
      chosen?.close?.();
    },
  } as DefaultSessionStorage;
  for (const name of FORWARDED) {
    (storage as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) =>
      ((await resolve()) as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!(...args);
  }
  return storage;
}
