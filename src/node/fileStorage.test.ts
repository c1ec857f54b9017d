import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scopeA, storageSuite, T0 } from '../../test/storage/storageSuite.js';
import { starkPublicKey, verifyHash } from '../core/crypto/ecdsa.js';
import { createStoredSession, type RecordKey } from '../core/storage/record.js';
import { createFileStorage } from './fileStorage.js';

const dir = mkdtempSync(join(tmpdir(), 'starknet-sessions-'));
const fileOf = (name: string) => join(dir, `${name}.json`);
const secret = new Uint8Array(32).fill(7);

interface FileContent {
  records: { key: unknown[]; value: unknown }[];
}
const readContent = (name: string): FileContent => {
  try {
    return JSON.parse(readFileSync(fileOf(name), 'utf8')) as FileContent;
  } catch {
    return { records: [] };
  }
};
const same = (a: readonly unknown[], b: readonly unknown[]) => JSON.stringify(a) === JSON.stringify(b);

storageSuite('file (starknet-sessions/node, encrypted)', {
  shared: true,
  encrypted: true,
  create: ({ name, now, onWarning }) => createFileStorage({ path: fileOf(name), secret, now, onWarning }),
  raw: {
    read: async (name, key) => readContent(name).records.find((r) => same(r.key, key))?.value,
    write: async (name, key: RecordKey, value) => {
      const { writeFileSync } = await import('node:fs');
      const content = readContent(name);
      const records = content.records.filter((r) => !same(r.key, key));
      records.push({ key: [...key], value });
      writeFileSync(fileOf(name), JSON.stringify({ ...content, records }));
    },
  },
});

describe('createFileStorage', () => {
  const privateKey = 0xa11ce5n;
  const publicKey = `0x${starkPublicKey(privateKey).toString(16)}`;
  const session = () =>
    createStoredSession({ scope: scopeA, publicKey, validUntil: T0 + 600, maxCalls: 3, now: T0 });

  it('survives a restart: a new process with the same secret signs with the stored key', async () => {
    const path = join(dir, 'restart.json');
    await createFileStorage({ path, secret, now: () => T0 }).set(session(), privateKey);
    const later = createFileStorage({ path, secret, now: () => T0 + 1 });
    const signer = await later.getSigner(scopeA, publicKey);
    expect(verifyHash(99n, await signer!.signHash(99n), BigInt(publicKey))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain(privateKey.toString(16));
  });

  it('cannot use the keys with another secret (STORED_RECORD_INVALID, decrypt-failed)', async () => {
    const path = join(dir, 'secret.json');
    await createFileStorage({ path, secret, now: () => T0 }).set(session(), privateKey);
    const thief = createFileStorage({ path, secret: new Uint8Array(32), now: () => T0 });
    await expect(thief.getSigner(scopeA, publicKey)).rejects.toMatchObject({
      code: 'STORED_RECORD_INVALID',
      problem: 'decrypt-failed',
    });
  });

  it('moves a session to another scope with its key re-sealed (an agent learning the approving account)', async () => {
    const path = join(dir, 'move.json');
    const storage = createFileStorage({ path, secret, now: () => T0 });
    await storage.set(session(), privateKey);
    const to = { ...scopeA, accountAddress: '0x1234' };
    expect((await storage.move!(scopeA, publicKey, to))?.scope.accountAddress).toBe('0x1234');
    expect(await storage.get(scopeA, publicKey)).toBeUndefined();
    const signer = await createFileStorage({ path, secret, now: () => T0 }).getSigner(to, publicKey);
    expect(verifyHash(5n, await signer!.signHash(5n), BigInt(publicKey))).toBe(true);
  });

  it('reads the secret from a key file it creates once, mode 0600', async () => {
    const path = join(dir, 'keyfile.json');
    const keyFile = join(dir, 'agent.key');
    await createFileStorage({ path, keyFile, now: () => T0 }).set(session(), privateKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const signer = await createFileStorage({ path, keyFile, now: () => T0 }).getSigner(scopeA, publicKey);
    expect(verifyHash(7n, await signer!.signHash(7n), BigInt(publicKey))).toBe(true);
    expect(readFileSync(path, 'utf8')).not.toContain(privateKey.toString(16).padStart(64, '0'));
  });

  it('takes a passphrase or hex secret, refuses a short one or none (INVALID_INPUT)', async () => {
    const path = join(dir, 'passphrase.json');
    const passphrase = 'correct horse battery staple';
    await createFileStorage({ path, secret: passphrase, now: () => T0 }).set(session(), privateKey);
    const again = createFileStorage({ path, secret: passphrase, now: () => T0 });
    expect(await again.getSigner(scopeA, publicKey)).toBeDefined();
    expect(createFileStorage({ path: join(dir, 'hex.json'), secret: 'ab'.repeat(32) }).kind).toBe('file');
    for (const bad of [{ secret: 'short' }, { secret: new Uint8Array(16) }, {}]) {
      expect(() => createFileStorage({ path, ...bad })).toThrowError(
        expect.objectContaining({ code: 'INVALID_INPUT' }),
      );
    }
  });

  it('writes atomically: no temporary file is left and a corrupt file is refused, not overwritten', async () => {
    const path = join(dir, 'atomic.json');
    const storage = createFileStorage({ path, secret, now: () => T0 });
    await Promise.all([
      storage.set(session(), privateKey),
      storage.update(scopeA, publicKey, { callsUsed: 1 }),
    ]);
    expect(readdirSync(dir).filter((f) => f.startsWith('atomic.json.'))).toEqual([]);
    writeFileSync(path, '{ not json');
    await expect(storage.list(scopeA)).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });
});
