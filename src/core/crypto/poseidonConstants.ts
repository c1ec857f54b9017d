import { ec } from 'starknet';
import { STARK_PRIME } from '../felt.js';

// Starknet's Poseidon round constants are not stored (a table is ~3 KiB gzipped): constant i is
// SHA-256("Hades" + i) mod P (cairo-lang poseidon_utils, @scure/starknet). starknet.js, our peer,
// already derived them when it loaded, so its copy is taken when it exposes one; otherwise they are
// derived here (~10 ms once: a cold SHA-256 in the interpreter). Either way the permutation checks a
// known answer before its first use.

// SHA-256's constants are the first 32 fractional bits of the square roots (initial hash) and cube
// roots (round constants) of the first primes; exact integer roots make them here without a table.
function intRoot(x: bigint, k: bigint): bigint {
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n); // above the root: Newton then decreases
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}
const fraction32 = (p: number, k: bigint) => Number(intRoot(BigInt(p) << (32n * k), k) & 0xffffffffn);
let K256: number[] | undefined;
let H0: number[] = [];

/** SHA-256 of an ASCII string shorter than 56 bytes (one block), as a bigint. */
function sha256Short(text: string): bigint {
  if (K256 === undefined) {
    const primes: number[] = [];
    for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
    K256 = primes.map((p) => fraction32(p, 3n));
    H0 = primes.slice(0, 8).map((p) => fraction32(p, 2n));
  }
  const w = new Uint32Array(64);
  for (let i = 0; i < text.length; i++) w[i >> 2]! |= text.charCodeAt(i) << (24 - 8 * (i & 3));
  w[text.length >> 2]! |= 0x80 << (24 - 8 * (text.length & 3));
  w[15] = text.length * 8;
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = w[i - 16]! + s0 + w[i - 7]! + s1;
  }
  let [a, b, c, d, e, f, g, h] = H0 as [number, number, number, number, number, number, number, number];
  for (let i = 0; i < 64; i++) {
    const e1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const a1 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t1 = h + e1 + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!;
    const t2 = a1 + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  let hex = '0x';
  for (const [i, v] of [a, b, c, d, e, f, g, h].entries()) {
    hex += ((v + H0[i]!) >>> 0).toString(16).padStart(8, '0');
  }
  return BigInt(hex);
}

/** Hades round constant `index` (3 per round, 91 rounds): SHA-256("Hades" + index) mod P. */
export function hadesRoundConstant(index: number): bigint {
  return sha256Short(`Hades${index}`) % STARK_PRIME;
}

export const FULL_ROUNDS = 8;
export const PARTIAL_ROUNDS = 83;

/**
 * The 107 constants our permutation adds, in order: 3 per full round, 1 per partial round.
 * In a partial round only the third lane goes through the S-box, so the constants of the other two
 * lanes commute with it and are pushed through the MDS matrix into the next round (the standard
 * partial-round optimisation); what is left after the last partial round joins the next full round.
 */
export function compressedRoundConstants(constant: (index: number) => bigint = hadesRoundConstant): bigint[] {
  const P = STARK_PRIME;
  const half = FULL_ROUNDS / 2;
  const out: bigint[] = [];
  let carry = [0n, 0n, 0n];
  for (let round = 0; round < FULL_ROUNDS + PARTIAL_ROUNDS; round++) {
    const [k0, k1, k2] = [0, 1, 2].map((j) => (constant(3 * round + j) + carry[j]!) % P) as [
      bigint,
      bigint,
      bigint,
    ];
    carry = [0n, 0n, 0n];
    if (round < half || round >= half + PARTIAL_ROUNDS) {
      out.push(k0, k1, k2);
    } else {
      out.push(k2);
      // MDS [[3,1,1],[1,-1,1],[1,1,-2]] applied to (k0, k1, 0).
      carry = [(3n * k0 + k1) % P, (k0 - k1 + P) % P, (k0 + k1) % P];
    }
  }
  return out;
}

/**
 * starknet.js's own table of the 273 constants, by index, when it has the expected shape (its
 * @scure/starknet permutation carries the table it was built with); undefined otherwise.
 */
export function peerRoundConstants(
  permutation: unknown = ec.starkCurve.poseidonSmall,
): ((index: number) => bigint) | undefined {
  const table = (permutation as { roundConstants?: unknown } | undefined)?.roundConstants;
  const valid =
    Array.isArray(table) &&
    table.length === FULL_ROUNDS + PARTIAL_ROUNDS &&
    table.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 3 &&
        row.every((k) => typeof k === 'bigint' && k >= 0n && k < STARK_PRIME),
    );
  return valid ? (i) => (table as bigint[][])[Math.floor(i / 3)]![i % 3]! : undefined;
}
