import { describe, expect, it } from 'vitest';
import { storageSuite } from '../../../test/storage/storageSuite.js';
import { starkPublicKey } from '../crypto/ecdsa.js';
import { createSessionStorage, type RecordBackend } from './createSessionStorage.js';
import { createRawKeyProtector } from './keyProtector.js';
import { createMemoryBackend, createMemoryStorage } from './memory.js';
import { createStoredSession, type RecordKey } from './record.js';

const backends = new Map<string, RecordBackend>();

storageSuite('memory', {
  shared: false,
  encrypted: false,
  create({ name, now, onWarning }) {
    const backend = createMemoryBackend();
    backends.set(name, backend);
    return createSessionStorage({ backend, protector: createRawKeyProtector(), now, onWarning });
  },
  raw: {
    read: (name, key) => backends.get(name)!.get(key),
    write: async (name, key, value) => {
      await backends.get(name)!.update(key, () => value);
    },
  },
});

describe('createMemoryStorage', () => {
  const privateKey = 0x1234567890abcdefn;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const scope = { chainId: 'SN_MAIN', accountAddress: '0xabc', appId: 'app' };

  it('zeroes the key bytes it held when a session is removed', async () => {
    const backend = createMemoryBackend();
    const storage = createSessionStorage({ backend, protector: createRawKeyProtector() });
    await storage.set(
      createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 1 }),
      privateKey,
    );
    const key: RecordKey = ['0x534e5f4d41494e', '0xabc', 'app', publicKey];
    const held = ((await backend.get(key)) as { key: { bytes: Uint8Array } }).key.bytes;
    expect(held.some((b) => b !== 0)).toBe(true);
    await storage.remove(scope, publicKey);
    expect([...held].every((b) => b === 0)).toBe(true);
  });

  it('is private to its instance: another instance (another tab) sees nothing', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.set(createStoredSession({ scope, publicKey, validUntil: 2 ** 40, maxCalls: 1 }), privateKey);
    expect(await b.list(scope)).toEqual([]);
    expect(a.kind).toBe('memory');
  });
});

describe('aliveAtBlock (the block a session was last seen alive at)', () => {
  const privateKey = 0x1234567890abcdefn;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const scope = { chainId: 'SN_MAIN', accountAddress: '0xabc', appId: 'app' };

  it('is stored, only moves forward, and a bad value is a typed error', async () => {
    const storage = createMemoryStorage({ now: () => 1_000 });
    await storage.set(
      createStoredSession({ scope, publicKey, validUntil: 2_000, maxCalls: 1, now: 1_000 }),
      privateKey,
    );
    const normalized = (await storage.list(scope))[0]!.scope;
    expect((await storage.update(normalized, publicKey, { aliveAtBlock: 7 }))?.aliveAtBlock).toBe(7);
    // A stale writer (another tab, an older read) never lowers it.
    expect((await storage.update(normalized, publicKey, { aliveAtBlock: 3 }))?.aliveAtBlock).toBe(7);
    await expect(storage.update(normalized, publicKey, { aliveAtBlock: -1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
