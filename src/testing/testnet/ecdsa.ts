import { ec } from 'starknet';

const curve = ec.starkCurve;
const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

interface KeyPoints {
  /** Uncompressed encodings of (x, y) and (x, -y); the one that last verified comes first. */
  points: string[];
}

const cache = new Map<bigint, KeyPoints | null>();

function pointsOf(x: bigint): KeyPoints | null {
  let entry = cache.get(x);
  if (entry !== undefined) return entry;
  try {
    const p = curve.ProjectivePoint.fromHex(`02${hex64(x)}`);
    entry = { points: [p.toHex(false), p.negate().toHex(false)] };
  } catch {
    entry = null; // x is not on the curve: nothing verifies against it
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(x, entry);
  return entry;
}

/**
 * Cairo's `check_ecdsa_signature(hash, public_key_x, r, s)`: the key is only an x coordinate, so
 * either point with that x is accepted. Decompressed points are cached per key (the account
 * verifies the same few keys over and over), and the parity that verified last is tried first.
 */
export function checkEcdsaSignature(hash: bigint, publicKeyX: bigint, r: bigint, s: bigint): boolean {
  const key = pointsOf(publicKeyX);
  if (!key) return false;
  let sig: InstanceType<typeof curve.Signature>;
  try {
    sig = new curve.Signature(r, s);
  } catch {
    return false;
  }
  for (let i = 0; i < key.points.length; i++) {
    try {
      if (curve.verify(sig, hex64(hash), key.points[i]!)) {
        if (i > 0) key.points.reverse();
        return true;
      }
    } catch {
      return false; // r, s or the hash out of range
    }
  }
  return false;
}
