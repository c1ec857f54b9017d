import { describe, expect, it } from 'vitest';
import { localStorageRaw, MemoryWebStorage } from '../../../test/storage/rawAccess.js';
import { scopeA, storageSuite, T0 } from '../../../test/storage/storageSuite.js';
import { starkPublicKey } from '../crypto/ecdsa.js';
import { createPlaintextLocalStorage, type PlaintextLocalStorageOptions } from './localStorage.js';
import { createStoredSession } from './record.js';

// One Storage object plays the origin's localStorage; two adapters on it are two tabs.
const web = new MemoryWebStorage();
const prefixOf = (name: string) => `${name}:`;

storageSuite('localStorage (plaintext, in-memory Storage)', {
  shared: true,
  encrypted: false,
  create: ({ name, now, onWarning }) =>
    createPlaintextLocalStorage({
      acceptPlaintextKeys: true,
      prefix: prefixOf(name),
      localStorage: web,
      now,
      onWarning,
    }),
  raw: localStorageRaw(() => web, prefixOf),
});

describe('createPlaintextLocalStorage', () => {
  const privateKey = 0x4242n;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const session = () =>
    createStoredSession({ scope: scopeA, publicKey, validUntil: T0 + 60, maxCalls: 1, now: T0 });

  it('refuses to start without the explicit plaintext opt-in', () => {
    expect(() => createPlaintextLocalStorage({} as PlaintextLocalStorageOptions)).toThrowError(
      expect.objectContaining({ code: 'STORAGE_UNAVAILABLE' }),
    );
  });

  it('writes the key readable, as its documentation warns', async () => {
    const store = new MemoryWebStorage();
    const storage = createPlaintextLocalStorage({
      acceptPlaintextKeys: true,
      localStorage: store,
      now: () => T0,
    });
    await storage.set(session(), privateKey);
    const text = store.getItem(store.key(0)!)!;
    expect(text).toContain(privateKey.toString(16).padStart(64, '0'));
    storage.close?.();
  });

  it('reports a full localStorage as STORAGE_UNAVAILABLE (quota-exceeded)', async () => {
    const store = new MemoryWebStorage();
    store.full = true;
    const storage = createPlaintextLocalStorage({
      acceptPlaintextKeys: true,
      localStorage: store,
      now: () => T0,
    });
    await expect(storage.set(session(), privateKey)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      reason: 'quota-exceeded',
    });
    storage.close?.();
  });

  it('ignores the other keys of localStorage', async () => {
    const store = new MemoryWebStorage();
    store.setItem('theme', 'dark');
    const storage = createPlaintextLocalStorage({
      acceptPlaintextKeys: true,
      localStorage: store,
      now: () => T0,
    });
    await storage.set(session(), privateKey);
    await storage.clear();
    expect(store.getItem('theme')).toBe('dark');
    expect(store.length).toBe(1);
    storage.close?.();
  });
});
