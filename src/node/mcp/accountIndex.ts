/// <reference types="node" />
/**
 * The accounts an agent has sessions with, in a small JSON file beside its sessions file: storage is
 * read per account, and a restarted agent must find the sessions it already holds. No secret here.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toAddress, toHex } from '../../core/index.js';

export interface AccountIndex {
  list(): Promise<string[]>;
  add(accountAddress: string): Promise<void>;
}

export function createAccountIndex(path: string): AccountIndex {
  const read = async (): Promise<string[]> => {
    try {
      const value = JSON.parse(await readFile(path, 'utf8')) as unknown;
      return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string') : [];
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
  };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    list: read,
    add(accountAddress) {
      const address = toHex(toAddress(accountAddress));
      const run = queue.then(async () => {
        const known = await read();
        if (known.includes(address)) return;
        await mkdir(dirname(path), { recursive: true });
        const temporary = `${path}.${process.pid}.tmp`;
        await writeFile(temporary, JSON.stringify([...known, address]), { mode: 0o600 });
        await rename(temporary, path);
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
