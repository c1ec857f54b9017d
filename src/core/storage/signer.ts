import { verifyHash } from '../crypto/ecdsa.js';
import {
  InvalidInputError,
  SessionError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
  SignerError,
} from '../errors/index.js';
import { type BigNumberish, parseBigInt, STARK_PRIME, toFelt, toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { normalizePublicKey } from './record.js';
import type { SessionScope, SessionSigner, SessionStorage } from './types.js';

export type RemoteSignature = { r: BigNumberish; s: BigNumberish } | readonly [BigNumberish, BigNumberish];

export interface RemoteSignerOptions {
  /** The session public key (0x hex) the remote side holds the private key of. */
  publicKey: string;
  /** Signs a message hash (0x hex) where the key lives: a back end, a KMS, a TEE, an agent's vault. */
  sign: (hash: string) => Promise<RemoteSignature>;
  /** Verify every signature locally before it is used (about 2 ms). Defaults to true. */
  verify?: boolean;
}

/**
 * A SessionSigner whose private key never enters this process. Answers are checked: a wrong
 * shape, or a signature that does not verify against `publicKey`, is a SignerError, so a
 * misconfigured signer fails here instead of as an opaque on-chain rejection.
 */
export function createRemoteSigner(options: RemoteSignerOptions): SessionSigner {
  inputObject(options, 'options');
  if (typeof options.sign !== 'function')
    throw new InvalidInputError('options.sign', 'sign must be a function.');
  const publicKey = normalizePublicKey(options.publicKey);
  const verify = options.verify ?? true;
  return {
    publicKey,
    async signHash(hash) {
      const message = toFelt(hash, 'hash');
      let answer: RemoteSignature;
      try {
        answer = await options.sign(toHex(message));
      } catch (cause) {
        if (cause instanceof SessionError) throw cause;
        throw new SignerError(publicKey, 'failed', 'The remote signer failed.', { cause });
      }
      const [r, s] = Array.isArray(answer)
        ? [parseBigInt(answer[0]), parseBigInt(answer[1])]
        : // A null or a non-object answer is no signature (refused below), never a TypeError.
          [
            parseBigInt((answer as { r?: unknown } | null)?.r),
            parseBigInt((answer as { s?: unknown } | null)?.s),
          ];
      if (
        r === undefined ||
        s === undefined ||
        r === 0n ||
        s === 0n ||
        r >= STARK_PRIME ||
        s >= STARK_PRIME
      ) {
        throw new SignerError(publicKey, 'invalid-response', 'The remote signer did not return a signature.');
      }
      const signature = { r, s };
      if (verify && !verifyHash(message, signature, BigInt(publicKey))) {
        throw new SignerError(
          publicKey,
          'invalid-signature',
          "The remote signer's signature does not verify against the session public key.",
        );
      }
      return signature;
    },
  };
}

/**
 * A storage whose session keys live elsewhere (remote signer, later a passkey-gated vault): the
 * session records are kept by `storage`, the signers come from `resolveSigner`. Passing a private
 * key to `set` is refused, so a key can never be written here by mistake.
 */
export function withExternalSigner(
  storage: SessionStorage,
  resolveSigner: (scope: SessionScope, publicKey: string) => Promise<SessionSigner | undefined>,
): SessionStorage {
  inputObject(storage, 'storage');
  if (typeof resolveSigner !== 'function')
    throw new InvalidInputError('resolveSigner', 'resolveSigner must be a function.');
  // Forward method by method: `storage` may be a class instance (a spread would drop its methods).
  const wrapped: SessionStorage = {
    kind: `${storage.kind}+external-signer`,
    get: (scope, publicKey) => storage.get(scope, publicKey),
    async set(session, privateKey) {
      if (privateKey !== undefined) {
        throw new InvalidInputError(
          'privateKey',
          'This storage keeps keys in an external signer; pass no private key.',
        );
      }
      await storage.set(session);
    },
    update: (scope, publicKey, patch) => storage.update(scope, publicKey, patch),
    async getSigner(scope, publicKey) {
      const session = await storage.get(scope, publicKey);
      if (!session || session.status === 'revoked' || session.status === 'expired') return undefined;
      const signer = await resolveSigner(session.scope, session.publicKey);
      if (!signer) return undefined;
      if (normalizePublicKey(signer.publicKey) !== session.publicKey) {
        throw new SignerError(session.publicKey, 'key-mismatch', 'The external signer holds another key.');
      }
      return {
        publicKey: session.publicKey,
        async signHash(hash) {
          // Same rule as the built-in signers: a revoke or expiry seen by the storage stops signing.
          const now = await storage.get(session.scope, session.publicKey);
          if (!now) throw new SessionKeyMissingError(session.publicKey);
          if (now.status === 'revoked') throw new SessionRevokedError(session.publicKey);
          if (now.status === 'expired')
            throw new SessionExpiredError(now.validUntil, Math.floor(Date.now() / 1000));
          return signer.signHash(hash);
        },
      };
    },
    remove: (scope, publicKey) => storage.remove(scope, publicKey),
    list: (scope) => storage.list(scope),
    wipeExpired: (scope) => storage.wipeExpired(scope),
    clear: (scope) => storage.clear(scope),
  };
  if (storage.subscribe) wrapped.subscribe = (listener) => storage.subscribe!(listener);
  if (storage.close) wrapped.close = () => storage.close!();
  return wrapped;
}
