import { normalizeCalls } from './call.js';
import { toChainId } from './chain.js';
import {
  CURVE_ORDER,
  type RawSignature,
  randomPrivateKey,
  signHash,
  starkPublicKey,
} from './crypto/ecdsa.js';
import { InvalidInputError, SignerError } from './errors/index.js';
import {
  type BigNumberish,
  parseBigInt,
  STARK_PRIME,
  toAddress,
  toFelt,
  toHex,
  toUint,
  U64_MAX,
} from './felt.js';
import {
  type OutsideExecutionHashParameters,
  outsideExecutionHash,
  type SessionInvokeHashParameters,
  sessionInvokeHashOf,
} from './hash.js';
import { inputObject } from './input.js';

export interface SessionKeyPair {
  /** 0x hex private key. Keep it inside a SessionStorage adapter; never log it. */
  privateKey: string;
  /** 0x hex Stark public key (x coordinate): the session's on-chain id. */
  publicKey: string;
}

/** A fresh session key from the platform CSPRNG. */
export function generateSessionKey(): SessionKeyPair {
  const key = randomPrivateKey();
  return { privateKey: toHex(key), publicKey: toHex(starkPublicKey(key)) };
}

/** The public key (x) of a session private key. */
export function getSessionPublicKey(privateKey: BigNumberish): string {
  return toHex(starkPublicKey(toPrivateKey(privateKey)));
}

export interface SignSessionInvokeParameters extends SessionInvokeHashParameters {
  privateKey: BigNumberish;
  /** The key's public key when already known (skips a scalar multiplication). */
  publicKey?: BigNumberish | undefined;
}

/** Signs a direct invoke with a session key: `[sessionPubkey, r, s, validUntil]` as 0x hex. */
export function signSessionInvoke(parameters: SignSessionInvokeParameters): string[] {
  inputObject(parameters);
  const privateKey = toPrivateKey(parameters.privateKey);
  const validUntil = toUint(parameters.validUntil, U64_MAX, 'validUntil');
  const hash = sessionInvokeHashOf(
    toAddress(parameters.accountAddress, 'accountAddress'),
    toChainId(parameters.chainId),
    toFelt(parameters.nonce, 'nonce'),
    validUntil,
    normalizeCalls(parameters.calls),
  );
  return formatSessionSignature(
    publicKeyOf(parameters.publicKey, privateKey),
    signHash(hash, privateKey),
    validUntil,
  );
}

export interface SignOutsideExecutionParameters extends OutsideExecutionHashParameters {
  privateKey: BigNumberish;
  /** The session's registered validUntil: signature[3], must be <= the stored one and >= now. */
  validUntil: BigNumberish;
  publicKey?: BigNumberish | undefined;
}

/** Signs a SNIP-9 v2 outside execution with a session key: `[sessionPubkey, r, s, validUntil]`. */
export function signOutsideExecution(parameters: SignOutsideExecutionParameters): string[] {
  inputObject(parameters);
  const privateKey = toPrivateKey(parameters.privateKey);
  const validUntil = toUint(parameters.validUntil, U64_MAX, 'validUntil');
  const hash = outsideExecutionHash(parameters);
  return formatSessionSignature(
    publicKeyOf(parameters.publicKey, privateKey),
    signHash(hash, privateKey),
    validUntil,
  );
}

/** The 4-felt session signature layout the account discriminates by length. */
export function formatSessionSignature(
  publicKey: bigint,
  signature: RawSignature,
  validUntil: bigint,
): string[] {
  // A signer (remote, external, a worker) may answer anything: no felt pair, no signature leaves.
  const { r, s } = (signature ?? {}) as Partial<RawSignature>;
  if (!isSignatureFelt(r) || !isSignatureFelt(s))
    throw new SignerError(toHex(publicKey), 'invalid-response', 'The signer did not return a signature.');
  return [toHex(publicKey), toHex(r), toHex(s), toHex(validUntil)];
}

const isSignatureFelt = (n: unknown): n is bigint => typeof n === 'bigint' && n > 0n && n < STARK_PRIME;

function publicKeyOf(publicKey: BigNumberish | undefined, privateKey: bigint): bigint {
  return publicKey === undefined ? starkPublicKey(privateKey) : toFelt(publicKey, 'publicKey');
}

function toPrivateKey(value: BigNumberish): bigint {
  const n = parseBigInt(value);
  // Never echo the value: it is a secret.
  if (n === undefined || n === 0n || n >= CURVE_ORDER) {
    throw new InvalidInputError('privateKey', 'privateKey is not a valid Stark private key.');
  }
  return n;
}
