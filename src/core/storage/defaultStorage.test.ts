import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { starkPublicKey } from '../crypto/ecdsa.js';
import type { StorageUnavailableError } from '../errors/index.js';
import type { StorageWarning } from './types.js';

// A fresh module per test: the "warn once" memory is per page, and each test is a new page.
async function load() {
  vi.resetModules();
  const [{ createDefaultStorage }, { createStoredSession }] = await Promise.all([
    import('./defaultStorage.js'),
    import('./record.js'),
  ]);
  return { createDefaultStorage, createStoredSession };
}

const privateKey = 0x31337n;
const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
const scope = { chainId: 'SN_SEPOLIA', accountAddress: '0x42', appId: 'app' };

/** Wraps a working IndexedDB so that every put fails with QuotaExceededError (a full disk). */
function fullDisk(real: IDBFactory): IDBFactory {
  const bind = <T extends object>(target: T, override: (prop: string | symbol) => unknown): T =>
    new Proxy(target, {
      get(t, prop) {
        const replaced = override(prop);
        if (replaced !== undefined) return replaced;
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? value.bind(t) : value;
      },
      set(t, prop, value) {
        return Reflect.set(t, prop, value, t);
      },
    });
  const store = (s: IDBObjectStore) =>
    bind(s, (prop) =>
      prop === 'put'
        ? () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
        : undefined,
    );
  const tx = (t: IDBTransaction) =>
    bind(t, (prop) => (prop === 'objectStore' ? (name: string) => store(t.objectStore(name)) : undefined));
  const db = (d: IDBDatabase) =>
    bind(d, (prop) =>
      prop === 'transaction'
        ? (names: string | string[], mode?: IDBTransactionMode) => tx(d.transaction(names, mode))
        : undefined,
    );
  return bind(real, (prop) =>
    prop === 'open'
      ? (name: string, version?: number) => {
          const req = real.open(name, version);
          return bind(req, (p) => (p === 'result' && req.readyState === 'done' ? db(req.result) : undefined));
        }
      : undefined,
  );
}

/** Firefox's old private mode: the open request fails. */
const privateMode = {
  open() {
    const req = { error: new DOMException('A mutation operation was attempted.', 'InvalidStateError') } as {
      error: DOMException;
      onerror?: () => void;
    };
    setTimeout(() => req.onerror?.(), 0);
    return req;
  },
} as unknown as IDBFactory;

describe('createDefaultStorage', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('uses memory on the server, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const onWarning = vi.fn();
    const { createDefaultStorage } = await load();
    const storage = createDefaultStorage({ onWarning });
    expect(storage.kind).toBe('default');
    expect((await storage.resolve()).kind).toBe('memory');
    expect(storage.kind).toBe('memory');
    expect(warn).not.toHaveBeenCalled();
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('uses encrypted IndexedDB when the browser offers it', async () => {
    const { createDefaultStorage, createStoredSession } = await load();
    const storage = createDefaultStorage({ indexedDB: new IDBFactory() });
    await storage.set(
      createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 2 }),
      privateKey,
    );
    expect(storage.kind).toBe('indexeddb');
    expect(await storage.getSigner(scope, publicKey)).toBeDefined();
    storage.close?.();
  });

  const fallbacks: [string, () => void, IDBFactory | undefined, string][] = [
    ['a browser without IndexedDB', () => vi.stubGlobal('window', {}), undefined, 'unsupported'],
    ['a private window that refuses to open it', () => undefined, privateMode, 'open-failed'],
    ['a full disk (quota)', () => undefined, fullDisk(new IDBFactory()), 'quota-exceeded'],
    [
      'a page without WebCrypto (http)',
      () => vi.stubGlobal('crypto', {}),
      new IDBFactory(),
      'insecure-context',
    ],
  ];
  for (const [situation, arrange, indexedDB, reason] of fallbacks) {
    it(`falls back to memory, with a warning, in ${situation}`, async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const warnings: StorageWarning[] = [];
      const { createDefaultStorage, createStoredSession } = await load();
      arrange();
      const storage = createDefaultStorage({ indexedDB, onWarning: (w) => warnings.push(w) });
      await storage.set(
        createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 2 }),
        privateKey,
      );
      expect(storage.kind).toBe('memory');
      expect((await storage.get(scope, publicKey))?.publicKey).toBe(publicKey);
      expect(
        warnings.map((w) => [w.code, w.error.code, (w.error as StorageUnavailableError).reason]),
      ).toEqual([['fallback-to-memory', 'STORAGE_UNAVAILABLE', reason]]);
      expect(warn).toHaveBeenCalledTimes(1);
    });
  }

  it('warns on the console once per page, and through onWarning every time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const onWarning = vi.fn();
    const { createDefaultStorage } = await load();
    await createDefaultStorage({ indexedDB: privateMode, onWarning }).resolve();
    await createDefaultStorage({ indexedDB: privateMode, onWarning }).resolve();
    expect(onWarning).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('delivers events to a listener subscribed before the adapter was chosen', async () => {
    const { createDefaultStorage, createStoredSession } = await load();
    const storage = createDefaultStorage();
    const events: string[] = [];
    storage.subscribe?.((e) => events.push(`${e.type}:${e.source}`));
    await storage.set(
      createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 2 }),
      privateKey,
    );
    expect(events).toEqual(['set:local']);
  });
});
