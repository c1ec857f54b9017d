import { openIndexedDbStorage } from './indexedDbBackend.js';
import type { SessionStorage, StorageOptions } from './types.js';

export interface IndexedDbStorageOptions extends StorageOptions {
  /** Defaults to 'starknet-sessions'. Two storages on the same name share their sessions (and tabs do). */
  databaseName?: string;
  /** Defaults to `globalThis.indexedDB`, read when first needed (never at import). */
  indexedDB?: IDBFactory;
}

export interface IndexedDbSessionStorage extends SessionStorage {
  /**
   * Opens the database, loads (or creates) the encryption key and checks that a write goes
   * through. Rejects with StorageUnavailableError (no IndexedDB, private mode, quota, no WebCrypto).
   */
  ready(): Promise<void>;
}

/**
 * Sessions in IndexedDB, keys encrypted at rest (what `createDefaultStorage` picks in browsers).
 *
 * Each private key is sealed with AES-256-GCM under one key per database, created by WebCrypto as
 * non-extractable and kept in the same database: script can use it, never read its bytes. Every
 * write draws a fresh IV; the additional data binds the ciphertext to chain id, account, app id
 * and public key, so a record copied elsewhere fails to decrypt. Tabs on the same database see
 * each other's changes. The database is opened on first use (never on a server that does not
 * call it).
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): IndexedDbSessionStorage {
  return openIndexedDbStorage(options);
}
