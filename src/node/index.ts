export { createFileBackend } from './fileBackend.js';
export {
  createFileStorage,
  createNodeKeyProtector,
  deriveFileKey,
  type FileSealedKey,
  type FileStorageOptions,
  readKeyFile,
} from './fileStorage.js';
