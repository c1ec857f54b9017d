/// <reference types="node" />
/**
 * Sessions of a Node agent or back end in one JSON file, keys sealed with AES-256-GCM (node:crypto)
 * under a key you hold elsewhere: a secret (env var, secret manager) or a key file. The sessions
 * file alone does not give the keys away; the private key is never written in plaintext.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createSessionStorage,
  InvalidInputError,
  type KeyProtector,
  type SessionStorage,
  type StorageOptions,
} from '../core/index.js';
import { createFileBackend } from './fileBackend.js';

export interface FileStorageOptions extends StorageOptions {
  /** The JSON file of sessions; created with mode 0600 on first write. */
  path: string;
  /** 32 random bytes, 64 hex digits, or a passphrase (stretched with scrypt). Give this or `keyFile`. */
  secret?: Uint8Array | string | undefined;
  /** A file holding the secret; created with 32 random bytes (mode 0600) when missing. */
  keyFile?: string | undefined;
}

/** What a sealed key looks like in the file (base64 parts). */
export interface FileSealedKey {
  alg: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
}

// A fixed salt: the scrypt step only stretches a passphrase; per-key randomness is in the IV.
const SALT = 'starknet-sessions/file-storage/v1';

/** The 32-byte AES key from a secret: raw bytes or hex as they are, anything else through scrypt. */
export function deriveFileKey(secret: Uint8Array | string): Buffer {
  if (secret instanceof Uint8Array) {
    if (secret.length !== 32) throw new InvalidInputError('secret', 'A byte secret must be 32 bytes.');
    return Buffer.from(secret);
  }
  const text = secret.trim();
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text.replace(/^0x/, ''), 'hex');
  if (text.length < 16) {
    throw new InvalidInputError('secret', 'A passphrase secret must be at least 16 characters.');
  }
  return scryptSync(text, SALT, 32);
}

/** Reads the key file, creating it (32 random bytes as hex, mode 0600) on first use. */
export function readKeyFile(path: string): Buffer {
  try {
    return deriveFileKey(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a key file another process created in the meantime.
  try {
    writeFileSync(path, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return deriveFileKey(readFileSync(path, 'utf8'));
    throw error;
  }
}

/** AES-256-GCM with node:crypto; the additional data binds each sealed key to its scope and public key. */
export function createNodeKeyProtector(key: Buffer): KeyProtector<FileSealedKey> {
  return {
    kind: 'aes-256-gcm',
    async seal(secret, additionalData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(additionalData);
      const ciphertext = Buffer.concat([cipher.update(secret), cipher.final()]);
      const tag = cipher.getAuthTag();
      return {
        alg: 'aes-256-gcm',
        iv: iv.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        tag: tag.toString('base64'),
      };
    },
    async open(sealed, additionalData) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
        .setAAD(additionalData)
        .setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
        decipher.final(),
      ]);
      return new Uint8Array(plain);
    },
    isSealed: (value): value is FileSealedKey => {
      const v = value as Partial<FileSealedKey> | null;
      return (
        typeof v === 'object' &&
        v !== null &&
        v.alg === 'aes-256-gcm' &&
        [v.iv, v.ciphertext, v.tag].every((part) => typeof part === 'string')
      );
    },
  };
}

/** Sessions in a JSON file, keys encrypted under your secret or key file. */
export function createFileStorage(options: FileStorageOptions): SessionStorage {
  const { path, secret, keyFile, ...rest } = options;
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidInputError('path', 'path must name the sessions file.');
  }
  if ((secret === undefined) === (keyFile === undefined)) {
    throw new InvalidInputError('secret', 'Give exactly one of secret and keyFile.');
  }
  const key = secret !== undefined ? deriveFileKey(secret) : readKeyFile(keyFile!);
  return createSessionStorage({
    ...rest,
    kind: 'file',
    backend: createFileBackend(path),
    protector: createNodeKeyProtector(key),
  });
}
