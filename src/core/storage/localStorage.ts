import { StorageUnavailableError } from '../errors/index.js';
import { createSessionStorage, type RecordBackend } from './createSessionStorage.js';
import { createPlaintextKeyProtector } from './keyProtector.js';
import { isInScope } from './record.js';
import type { SessionScope, SessionStorage, StorageOptions } from './types.js';

export interface PlaintextLocalStorageOptions extends StorageOptions {
  /** Must be `true`: you accept that session private keys are written readable (see the risk below). */
  acceptPlaintextKeys: true;
  /** Prefix of every localStorage key; defaults to 'starknet-sessions:'. */
  prefix?: string;
  /** Defaults to `globalThis.localStorage`, read when first needed (never at import). */
  localStorage?: Storage;
}

const KIND = 'localstorage';

/**
 * Sessions in localStorage with the private keys in PLAINTEXT. Opt-in only.
 *
 * RISK: anything that runs script in your origin (an XSS, a compromised dependency, a browser
 * extension with page access) reads every session key with one call, and copies of the profile
 * (backups, sync, disk forensics) hold them in clear. Such a copied key signs for the session
 * until it expires or is revoked. Use it only when IndexedDB cannot be used and the sessions are
 * short, with few calls and tight spending caps; prefer `createDefaultStorage()` (encrypted
 * IndexedDB). Writes from two tabs at the same instant are merged best-effort (localStorage has
 * no transactions); the on-chain state remains the truth.
 */
export function createPlaintextLocalStorage(options: PlaintextLocalStorageOptions): SessionStorage {
  if (options?.acceptPlaintextKeys !== true) {
    throw new StorageUnavailableError(
      KIND,
      'unsupported',
      'Plaintext localStorage must be enabled explicitly with { acceptPlaintextKeys: true }.',
    );
  }
  const prefix = options.prefix ?? 'starknet-sessions:';

  const storage = (): Storage => {
    try {
      const found = options.localStorage ?? (globalThis as { localStorage?: Storage }).localStorage;
      if (found) return found;
    } catch (cause) {
      // Safari and embedded views throw SecurityError when storage is blocked
      throw new StorageUnavailableError(KIND, 'unsupported', 'localStorage is blocked here.', { cause });
    }
    throw new StorageUnavailableError(KIND, 'unsupported', 'localStorage is not available here.');
  };

  const name = (key: readonly unknown[]) => `${prefix}${JSON.stringify(key)}`;

  const read = (key: string): unknown => {
    const text = storage().getItem(key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // reported by the storage as a foreign record
    }
  };

  const write = (key: string, value: unknown) => {
    try {
      storage().setItem(key, JSON.stringify(value));
    } catch (cause) {
      const quota = (cause as { name?: unknown } | null)?.name === 'QuotaExceededError';
      throw new StorageUnavailableError(
        KIND,
        quota ? 'quota-exceeded' : 'write-failed',
        'localStorage refused to store a session.',
        { cause },
      );
    }
  };

  const keysOf = (scope: SessionScope | undefined): { name: string; key: readonly unknown[] }[] => {
    const store = storage();
    const out: { name: string; key: readonly unknown[] }[] = [];
    for (let i = 0; i < store.length; i++) {
      const item = store.key(i);
      if (item === null || !item.startsWith(prefix)) continue;
      let key: unknown;
      try {
        key = JSON.parse(item.slice(prefix.length));
      } catch {
        key = [item];
      }
      if (isInScope(key, scope)) out.push({ name: item, key: Array.isArray(key) ? key : [key] });
    }
    return out;
  };

  const backend: RecordBackend = {
    kind: KIND,
    channelName: `starknet-sessions:${KIND}:${prefix}`,
    async get(key) {
      return read(name(key));
    },
    async update(key, change) {
      const current = read(name(key));
      const next = change(current);
      if (next === undefined) return current;
      write(name(key), next);
      return next;
    },
    async delete(key) {
      storage().removeItem(name(key));
    },
    async entries(scope) {
      return keysOf(scope).map(({ name: item, key }) => ({ key, value: read(item) }));
    },
    async clear(scope) {
      for (const { name: item } of keysOf(scope)) storage().removeItem(item);
    },
  };

  return createSessionStorage({ ...options, backend, protector: createPlaintextKeyProtector() });
}
