import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { idbRaw } from '../../../test/storage/rawAccess.js';
import { scopeA, storageSuite, T0 } from '../../../test/storage/storageSuite.js';
import { starkPublicKey } from '../crypto/ecdsa.js';
import { createIndexedDbStorage } from './indexedDb.js';
import { createStoredSession } from './record.js';

const raw = idbRaw(() => indexedDB);

storageSuite('IndexedDB (fake-indexeddb)', {
  shared: true,
  encrypted: true,
  create: ({ name, now, onWarning }) => createIndexedDbStorage({ databaseName: name, now, onWarning }),
  raw,
});

describe('createIndexedDbStorage', () => {
  const privateKey = 0x777n;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const session = () =>
    createStoredSession({ scope: scopeA, publicKey, validUntil: T0 + 60, maxCalls: 1, now: T0 });

  it('keeps one non-extractable AES-GCM key per database, even when two tabs start at once', async () => {
    const name = `wrap-${Math.random()}`;
    const tabs = [0, 1, 2].map(() => createIndexedDbStorage({ databaseName: name, now: () => T0 }));
    await Promise.all(tabs.map((t) => t.ready()));
    const meta = await raw.meta(name);
    expect(meta).toHaveLength(1);
    const key = meta[0] as CryptoKey;
    expect(key).toBeInstanceOf(CryptoKey);
    expect([key.extractable, key.algorithm.name]).toEqual([false, 'AES-GCM']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // what one tab encrypts, the others decrypt
    await tabs[0]!.set(session(), privateKey);
    for (const tab of tabs) expect(await tab.getSigner(scopeA, publicKey)).toBeDefined();
    for (const tab of tabs) tab.close?.();
  });

  it('never adopts a key planted in the meta store (extractable, or not AES-GCM-256 encrypt/decrypt)', async () => {
    const name = `plant-${Math.random()}`;
    const first = createIndexedDbStorage({ databaseName: name, now: () => T0 });
    await first.ready();
    first.close?.();
    // An earlier same-origin script keeps the bytes of a key it planted where the wrapping key lives.
    const planted = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
      'encrypt',
      'decrypt',
    ]);
    await raw.writeMeta(name, 'wrapping-key/aes-gcm-256', planted);
    const storage = createIndexedDbStorage({ databaseName: name, now: () => T0 });
    await storage.set(session(), privateKey);
    const [kept] = (await raw.meta(name)) as CryptoKey[];
    expect(kept!.extractable).toBe(false);
    expect(await storage.getSigner(scopeA, publicKey)).toBeDefined();
    storage.close?.();
  });

  it('reports a database it cannot open as STORAGE_UNAVAILABLE', async () => {
    const broken = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const storage = createIndexedDbStorage({ indexedDB: broken });
    await expect(storage.list(scopeA)).rejects.toMatchObject({
      code: 'STORAGE_UNAVAILABLE',
      reason: 'open-failed',
    });
    await expect(storage.ready()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
  });
});
