import { InvalidInputError } from '../errors/index.js';
import { inputObject } from '../input.js';
import { isObject } from './record.js';

/**
 * How an adapter keeps a session's private key: sealed when it is written, opened only for the
 * instant of a signature. Stark keys cannot be WebCrypto keys (no Stark curve there), so the
 * best a browser can do is encrypt them with a non-extractable AES key (see the README, "Security model").
 */
export interface KeyProtector<TSealed = unknown> {
  /** 'raw' | 'plaintext' | 'aes-gcm' | a custom name. */
  readonly kind: string;
  /** Seals 32 key bytes. `additionalData` binds the result to its scope and public key. */
  seal(secret: Uint8Array, additionalData: Uint8Array): Promise<TSealed>;
  /** Opens a sealed key; throws when it was tampered with or moved (the caller maps the error). */
  open(sealed: TSealed, additionalData: Uint8Array): Promise<Uint8Array>;
  /** Whether a stored value has this protector's shape. */
  isSealed(value: unknown): value is TSealed;
}

/** Overwrites every byte array held by a sealed key (what "wipe" can do in JavaScript). */
export function wipeSealed(sealed: unknown): void {
  const parts = sealed instanceof Uint8Array ? [sealed] : Object.values(sealed ?? {});
  for (const part of parts) if (part instanceof Uint8Array) part.fill(0);
}

export interface RawSealedKey {
  alg: 'raw';
  bytes: Uint8Array;
}

/**
 * Keeps the key bytes as they are, in this process's memory only (the memory adapter): never
 * serialised, and zeroed on wipe.
 */
export function createRawKeyProtector(): KeyProtector<RawSealedKey> {
  return {
    kind: 'raw',
    seal: async (secret) => ({ alg: 'raw', bytes: secret.slice() }),
    open: async (sealed) => sealed.bytes.slice(),
    isSealed: (value): value is RawSealedKey =>
      isObject(value) && value.alg === 'raw' && value.bytes instanceof Uint8Array,
  };
}

export interface PlaintextSealedKey {
  alg: 'plaintext';
  /** 0x hex, 64 digits. Readable by anything that can read the storage. */
  privateKey: string;
}

/** Stores the key as readable hex. Only for adapters that say so in their name (localStorage opt-in). */
export function createPlaintextKeyProtector(): KeyProtector<PlaintextSealedKey> {
  return {
    kind: 'plaintext',
    seal: async (secret) => ({ alg: 'plaintext', privateKey: `0x${toHexString(secret)}` }),
    open: async (sealed) => fromHexString(sealed.privateKey.slice(2)),
    isSealed: (value): value is PlaintextSealedKey =>
      isObject(value) &&
      value.alg === 'plaintext' &&
      typeof value.privateKey === 'string' &&
      /^0x[0-9a-f]{64}$/.test(value.privateKey),
  };
}

export interface AesGcmSealedKey<TBytes extends Uint8Array | string = Uint8Array | string> {
  alg: 'AES-GCM';
  /** 12 random bytes, fresh for every write. */
  iv: TBytes;
  /** AES-256-GCM of the 32 key bytes, with its 16-byte tag. */
  ciphertext: TBytes;
}

export interface AesGcmKeyProtectorOptions<TEncoding extends 'bytes' | 'base64'> {
  /** The AES-GCM key; make it non-extractable (`extractable: false`) so script cannot export it. */
  getKey: () => Promise<CryptoKey>;
  /** 'bytes' for IndexedDB (structured clone), 'base64' for JSON stores (files, KV). */
  encoding: TEncoding;
}

type EncodedBytes<TEncoding> = TEncoding extends 'bytes' ? Uint8Array : string;

/** Seals keys with AES-256-GCM: fresh IV per write, additional data binding scope and public key. */
export function createAesGcmKeyProtector<TEncoding extends 'bytes' | 'base64'>(
  options: AesGcmKeyProtectorOptions<TEncoding>,
): KeyProtector<AesGcmSealedKey<EncodedBytes<TEncoding>>> {
  if (typeof inputObject(options, 'options').getKey !== 'function')
    throw new InvalidInputError('options.getKey', 'getKey must be a function.');
  return (
    options.encoding === 'bytes'
      ? aesGcmKeyProtector(options.getKey)
      : aesGcmKeyProtector(options.getKey, toBase64, fromBase64, (value) => typeof value === 'string')
  ) as KeyProtector<AesGcmSealedKey<EncodedBytes<TEncoding>>>;
}

/**
 * The AES-GCM protector, keeping IV and ciphertext as bytes unless given an encoding. The
 * IndexedDB adapter calls it directly, so apps do not ship the base64 code it never uses.
 */
export function aesGcmKeyProtector<TBytes extends Uint8Array | string = Uint8Array>(
  getKey: () => Promise<CryptoKey>,
  encode = (bytes: Uint8Array) => bytes as TBytes,
  decode = (value: TBytes) => value as Uint8Array,
  isEncoded = (value: unknown): boolean => value instanceof Uint8Array,
): KeyProtector<AesGcmSealedKey<TBytes>> {
  /** AES-GCM under the app's key; `additionalData` binds the ciphertext to its session. */
  const gcm = async (
    op: 'encrypt' | 'decrypt',
    iv: Uint8Array,
    data: Uint8Array,
    additionalData: Uint8Array,
  ) =>
    new Uint8Array(
      await globalThis.crypto.subtle[op](
        { name: 'AES-GCM', iv, additionalData } as AesGcmParams,
        await getKey(),
        data as BufferSource,
      ),
    );
  return {
    kind: 'aes-gcm',
    async seal(secret, additionalData) {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = await gcm('encrypt', iv, secret, additionalData);
      return { alg: 'AES-GCM', iv: encode(iv), ciphertext: encode(ciphertext) };
    },
    open: async (sealed, additionalData) =>
      gcm('decrypt', decode(sealed.iv), decode(sealed.ciphertext), additionalData),
    isSealed: (value): value is AesGcmSealedKey<TBytes> =>
      isObject(value) && value.alg === 'AES-GCM' && isEncoded(value.iv) && isEncoded(value.ciphertext),
  };
}

function toHexString(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function fromHexString(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
