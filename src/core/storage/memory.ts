import { buildSessionStorage, type RecordBackend } from './createSessionStorage.js';
import { createRawKeyProtector } from './keyProtector.js';
import { isInScope, type RecordKey } from './record.js';
import type { SessionStorage, StorageOptions } from './types.js';

/** A Map of records, private to one storage instance (one tab, one process). */
export function createMemoryBackend(): RecordBackend {
  const records = new Map<string, { key: RecordKey; value: unknown }>();
  const id = (key: RecordKey) => JSON.stringify(key);
  return {
    kind: 'memory',
    async get(key) {
      return records.get(id(key))?.value;
    },
    async update(key, change) {
      const current = records.get(id(key))?.value;
      const next = change(current);
      if (next === undefined) return current;
      records.set(id(key), { key, value: next });
      return next;
    },
    async delete(key) {
      records.delete(id(key));
    },
    async entries(scope) {
      return [...records.values()].filter((entry) => isInScope(entry.key, scope));
    },
    async clear(scope) {
      for (const [name, entry] of records) if (isInScope(entry.key, scope)) records.delete(name);
    },
  };
}

/**
 * Sessions and keys in this process's memory only: the default on the server and in Node, and
 * the fallback when a browser has no usable IndexedDB. Nothing survives a reload; wiped keys
 * are zeroed. Not shared between tabs.
 */
export function createMemoryStorage(options: StorageOptions = {}): SessionStorage {
  return buildSessionStorage({
    ...options,
    backend: createMemoryBackend(),
    protector: createRawKeyProtector(),
  });
}
