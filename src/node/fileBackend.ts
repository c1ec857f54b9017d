/// <reference types="node" />
/**
 * Where the file storage keeps its records: one JSON file, rewritten atomically (tmp + rename) and
 * created with mode 0600. One process per file: writes are serialised inside the process only.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  type RecordBackend,
  type RecordKey,
  type SessionScope,
  StorageUnavailableError,
} from '../core/index.js';

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
    let content: FileContent;
    try {
      content = JSON.parse(text) as FileContent;
    } catch (cause) {
      // A file we cannot read is never overwritten: the keys in it may still be recoverable.
      throw new StorageUnavailableError('file', 'read-failed', `${path} is not a sessions file.`, { cause });
    }
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
