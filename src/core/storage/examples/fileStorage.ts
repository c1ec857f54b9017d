/// <reference types="node" />
/**
 * A custom adapter, as a copy-paste recipe: sessions of a Node agent or back end in one JSON
 * file. Node-only (node:fs), so it is NOT exported from the package; the browser bundle never
 * reaches it. To write your own adapter (Redis, SQLite, a KV store), copy this shape: a
 * RecordBackend (get, atomic update, delete, entries, clear) plus a KeyProtector.
 *
 * Keys are sealed with AES-256-GCM under a 32-byte secret you hold elsewhere (a secret manager,
 * an env var), imported as non-extractable; the file alone does not give the keys away.
 * `encryption: 'plaintext'` writes them readable and must be chosen explicitly.
 * One process per file: writes are serialised inside the process, not across processes.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../../errors/index.js';
import { createSessionStorage, type RecordBackend } from '../createSessionStorage.js';
import { createAesGcmKeyProtector, createPlaintextKeyProtector } from '../keyProtector.js';
import type { RecordKey } from '../record.js';
import type { SessionScope, SessionStorage, StorageOptions } from '../types.js';

export interface FileStorageOptions extends StorageOptions {
  /** The JSON file; created with mode 0600 on first write. */
  path: string;
  /** A 32-byte secret that encrypts the session keys, or 'plaintext' (keys readable in the file). */
  encryption: { secret: Uint8Array } | 'plaintext';
}

interface FileContent {
  format: 'starknet-sessions/file';
  records: { key: readonly unknown[]; value: unknown }[];
}

// One queue per file for the whole process: two storages on one file never interleave a write.
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(path: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(path) ?? Promise.resolve()).then(task, task);
  queues.set(
    path,
    run.catch(() => undefined),
  );
  return run;
}

const sameKey = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((part, i) => part === b[i]);

const inScope = (key: readonly unknown[], scope: SessionScope | undefined) =>
  scope === undefined ||
  (key[0] === scope.chainId && key[1] === scope.accountAddress && key[2] === scope.appId);

export function createFileBackend(filePath: string): RecordBackend {
  const path = resolve(filePath);

  const load = async (): Promise<FileContent> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT')
        return { format: 'starknet-sessions/file', records: [] };
      throw error;
    }
    const content = JSON.parse(text) as FileContent;
    return Array.isArray(content.records) ? content : { format: 'starknet-sessions/file', records: [] };
  };

  const save = async (content: FileContent) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(content, null, 2), { mode: 0o600 });
    await rename(temporary, path); // atomic: a crash never leaves half a file
  };

  return {
    kind: 'file',
    // Storages on this file in other worker threads of the process hear about changes.
    channelName: `starknet-sessions:file:${path}`,
    get: (key) =>
      serialised(path, async () => (await load()).records.find((r) => sameKey(r.key, key))?.value),
    update: (key: RecordKey, change) =>
      serialised(path, async () => {
        const content = await load();
        const index = content.records.findIndex((r) => sameKey(r.key, key));
        const current = index >= 0 ? content.records[index]?.value : undefined;
        const next = change(current);
        if (next === undefined) return current;
        if (index >= 0) content.records[index] = { key, value: next };
        else content.records.push({ key, value: next });
        await save(content);
        return next;
      }),
    delete: (key) =>
      serialised(path, async () => {
        const content = await load();
        await save({ ...content, records: content.records.filter((r) => !sameKey(r.key, key)) });
      }),
    entries: (scope) =>
      serialised(path, async () => (await load()).records.filter((r) => inScope(r.key, scope))),
    clear: (scope) =>
      serialised(path, async () => {
        const content = await load();
        await save({ ...content, records: content.records.filter((r) => !inScope(r.key, scope)) });
      }),
  };
}

/** Sessions of a Node agent in a JSON file, keys encrypted with your secret (or explicitly plaintext). */
export function createFileStorage(options: FileStorageOptions): SessionStorage {
  const backend = createFileBackend(options.path);
  if (options.encryption === 'plaintext') {
    return createSessionStorage({ ...options, backend, protector: createPlaintextKeyProtector() });
  }
  const { secret } = options.encryption;
  if (!(secret instanceof Uint8Array) || secret.length !== 32) {
    throw new InvalidInputError('encryption.secret', 'encryption.secret must be 32 bytes.');
  }
  // Imported once, on first use, non-extractable; the secret's own bytes stay with the caller.
  let key: Promise<CryptoKey> | undefined;
  const getKey = () =>
    (key ??= globalThis.crypto.subtle.importKey('raw', secret as BufferSource, 'AES-GCM', false, [
      'encrypt',
      'decrypt',
    ]));
  return createSessionStorage({
    ...options,
    backend,
    protector: createAesGcmKeyProtector({ getKey, encoding: 'base64' }),
  });
}
