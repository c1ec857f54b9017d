export {
  type CreateSessionStorageOptions,
  createSessionStorage,
  type RecordBackend,
} from './createSessionStorage.js';
export {
  createDefaultStorage,
  type DefaultSessionStorage,
  type DefaultStorageOptions,
} from './defaultStorage.js';
export {
  createIndexedDbStorage,
  type IndexedDbSessionStorage,
  type IndexedDbStorageOptions,
} from './indexedDb.js';
export {
  type AesGcmKeyProtectorOptions,
  type AesGcmSealedKey,
  createAesGcmKeyProtector,
  createPlaintextKeyProtector,
  createRawKeyProtector,
  type KeyProtector,
  type PlaintextSealedKey,
  type RawSealedKey,
  wipeSealed,
} from './keyProtector.js';
export { createPlaintextLocalStorage, type PlaintextLocalStorageOptions } from './localStorage.js';
export { createMemoryBackend, createMemoryStorage } from './memory.js';
export {
  createStoredSession,
  normalizeScope,
  type RecordKey,
  SESSION_RECORD_FORMAT,
  SESSION_RECORD_MIGRATIONS,
  type SessionRecord,
  type SessionRecordMigration,
  STORAGE_SCHEMA_VERSION,
} from './record.js';
export {
  createRemoteSigner,
  type RemoteSignature,
  type RemoteSignerOptions,
  withExternalSigner,
} from './signer.js';
export type {
  SessionScope,
  SessionSigner,
  SessionStorage,
  StorageChangeEvent,
  StorageChangeType,
  StorageOptions,
  StorageWarning,
  StorageWarningCode,
  StoredSession,
  StoredSessionPatch,
  StoredSessionStatus,
  StoredSpendingLimit,
} from './types.js';
