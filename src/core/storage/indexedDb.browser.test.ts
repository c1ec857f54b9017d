import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbRaw, localStorageRaw } from '../../../test/storage/rawAccess.js';
import { scopeA, storageSuite, T0 } from '../../../test/storage/storageSuite.js';
import { starkPublicKey } from '../crypto/ecdsa.js';
import { createDefaultStorage } from './defaultStorage.js';
import { createIndexedDbStorage } from './indexedDb.js';
import { createPlaintextLocalStorage } from './localStorage.js';
import { createStoredSession } from './record.js';
import type { StorageWarning } from './types.js';

// The same contract as in Node, on Chromium's own IndexedDB, WebCrypto and BroadcastChannel.
storageSuite('IndexedDB (Chromium)', {
  shared: true,
  encrypted: true,
  create: ({ name, now, onWarning }) => createIndexedDbStorage({ databaseName: name, now, onWarning }),
  raw: idbRaw(() => indexedDB),
});

storageSuite('localStorage (Chromium, plaintext opt-in)', {
  shared: true,
  encrypted: false,
  create: ({ name, now, onWarning }) =>
    createPlaintextLocalStorage({ acceptPlaintextKeys: true, prefix: `${name}:`, now, onWarning }),
  raw: localStorageRaw(
    () => localStorage,
    (name) => `${name}:`,
  ),
});

describe('createDefaultStorage in a browser', () => {
  const privateKey = 0xb0b0n;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const session = () =>
    createStoredSession({ scope: scopeA, publicKey, validUntil: T0 + 600, maxCalls: 3, now: T0 });

  afterEach(() => vi.restoreAllMocks());

  it('chooses encrypted IndexedDB, and the key survives a "reload" (a new storage on the same database)', async () => {
    const databaseName = `default-${Math.random()}`;
    const first = createDefaultStorage({ databaseName, now: () => T0 });
    await first.set(session(), privateKey);
    expect(first.kind).toBe('indexeddb');
    first.close?.();
    const reloaded = createDefaultStorage({ databaseName, now: () => T0 + 1 });
    expect(await reloaded.getSigner(scopeA, publicKey)).toBeDefined();
    reloaded.close?.();
  });

  it('replaces an extractable key planted where the wrapping key lives, never adopts it', async () => {
    const databaseName = `plant-${Math.random()}`;
    const first = createIndexedDbStorage({ databaseName, now: () => T0 });
    await first.ready();
    first.close?.();
    const planted = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
    await idbRaw(() => indexedDB).writeMeta(databaseName, 'wrapping-key/aes-gcm-256', planted);
    const storage = createIndexedDbStorage({ databaseName, now: () => T0 });
    await storage.set(session(), privateKey);
    const [kept] = (await idbRaw(() => indexedDB).meta(databaseName)) as CryptoKey[];
    expect(kept!.extractable).toBe(false);
    expect(await storage.getSigner(scopeA, publicKey)).toBeDefined();
    storage.close?.();
  });

  it('falls back to memory with a warning when IndexedDB refuses to open', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const warnings: StorageWarning[] = [];
    const refusing = {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'UnknownError');
      },
    } as unknown as IDBFactory;
    const storage = createDefaultStorage({ indexedDB: refusing, onWarning: (w) => warnings.push(w) });
    await storage.set(session(), privateKey);
    expect(storage.kind).toBe('memory');
    expect(warnings.map((w) => [w.code, w.error.code])).toEqual([
      ['fallback-to-memory', 'STORAGE_UNAVAILABLE'],
    ]);
    expect(await storage.getSigner(scopeA, publicKey)).toBeDefined();
  });
});
