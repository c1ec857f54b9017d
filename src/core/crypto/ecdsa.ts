import { ec } from 'starknet';
import { InvalidInputError } from '../errors/index.js';

// The curve code is starknet.js's own copy (a peer): we never ship a second one.
const curve = ec.starkCurve;

/** The curve order n of the Stark curve. */
export const CURVE_ORDER = curve.CURVE.n;

const MAX_HASH = 2n ** 251n;

const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

export interface RawSignature {
  r: bigint;
  s: bigint;
}

/** Stark ECDSA (RFC 6979 nonce) of a message hash. */
export function signHash(hash: bigint, privateKey: bigint): RawSignature {
  // The curve code takes hashes below 2^251 only (a felt may reach P > 2^251): refused typed.
  if (typeof hash !== 'bigint' || hash < 0n || hash >= MAX_HASH)
    throw new InvalidInputError('hash', 'A message hash to sign must be below 2^251.');
  const sig = curve.sign(hex64(hash), hex64(privateKey));
  return { r: sig.r, s: sig.s };
}

/** The Stark public key (x coordinate) of a private key. */
export function starkPublicKey(privateKey: bigint): bigint {
  return BigInt(curve.getStarkKey(hex64(privateKey)));
}

/** Verifies (r, s) over `hash` against a Stark public key given as its x coordinate. */
export function verifyHash(hash: bigint, signature: RawSignature, publicKeyX: bigint): boolean {
  // Cairo's check_ecdsa_signature takes only x and accepts either of the two points with it.
  const sig = new curve.Signature(signature.r, signature.s);
  for (const prefix of ['02', '03']) {
    try {
      if (curve.verify(sig, hex64(hash), `${prefix}${hex64(publicKeyX)}`)) return true;
    } catch {
      // not a point on the curve, or a malformed signature: not valid
    }
  }
  return false;
}

/** Uniformly random private key in [1, n) from the platform CSPRNG. */
export function randomPrivateKey(): bigint {
  const bytes = new Uint8Array(40); // 320 bits, reduced mod n: bias < 2^-69
  globalThis.crypto.getRandomValues(bytes);
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return (n % (CURVE_ORDER - 1n)) + 1n;
}
