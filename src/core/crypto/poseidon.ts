import { ec } from 'starknet';
import { CryptoSelfTestError, InvalidInputError } from '../errors/index.js';
import { STARK_PRIME } from '../felt.js';
import {
  compressedRoundConstants,
  FULL_ROUNDS,
  PARTIAL_ROUNDS,
  type RoundConstants,
} from './poseidonConstants.js';
import { normalise, sbox } from './poseidonField.js';

// Starknet's Poseidon (Hades, width 3, x^3 S-box, 8 full + 83 partial rounds) over the Stark prime,
// in 11 float64 limbs of 24 bits in Montgomery form (see poseidonField.ts and its generator). The
// permutation runs no bigint arithmetic: bigints are only converted at the edges of a hash.
// Its round constants are starknet.js's table (poseidonConstants.ts); when starknet.js has no usable
// table, the three functions below hand over to starknet.js's own Poseidon (slower, but correct).

const P = STARK_PRIME;
const LIMBS = 11;
const W = 2 ** 24; // limb base
const R = 1n << 264n; // Montgomery radix
const R_INV = 2n ** 238n + 17n * 2n ** 180n + 289n * 2n ** 120n; // R^-1 mod P

// Built at first use: importing this module does no work. null: starknet.js's Poseidon is used.
let constants: Float64Array | null | undefined;
let oneM: Float64Array; // 1 in Montgomery form: sponge padding
let twoM: Float64Array; // 2 in Montgomery form: the capacity of the 2-felt hash

// Scratch state: hashing is synchronous and never re-entered, so one set is enough.
const s0 = new Float64Array(LIMBS);
const s1 = new Float64Array(LIMBS);
const s2 = new Float64Array(LIMBS);
const tmp = new Float64Array(LIMBS);

/** The 24-bit limbs of 0 <= x < 2^264, read from its hex digits (cheaper than bigint shifts). */
function setLimbs(out: Float64Array, x: bigint, offset = 0): void {
  const hex = x.toString(16);
  let end = hex.length;
  for (let i = 0; i < LIMBS; i++) {
    const start = end > 6 ? end - 6 : 0;
    let limb = 0;
    for (let j = start; j < end; j++) {
      const ch = hex.charCodeAt(j);
      limb = limb * 16 + (ch < 58 ? ch - 48 : ch - 87); // '0'..'9', 'a'..'f'
    }
    out[offset + i] = limb;
    end = start;
  }
}

/** Montgomery limbs of a felt (x·R mod P). */
function montgomery(x: bigint, out = new Float64Array(LIMBS), offset = 0): Float64Array {
  setLimbs(out, (x * R) % P, offset);
  return out;
}

/** The Hades permutation of (s0, s1, s2) in place. */
function permuteState(k: Float64Array): void {
  let o = 0;
  for (let r = 0; r < FULL_ROUNDS + PARTIAL_ROUNDS; r++) {
    const full = r < FULL_ROUNDS / 2 || r >= FULL_ROUNDS / 2 + PARTIAL_ROUNDS;
    if (full) {
      sbox(s0, k, o);
      sbox(s1, k, o + LIMBS);
      o += 2 * LIMBS;
    }
    sbox(s2, k, o, s0, s1); // the third S-box also applies the MDS mix to the three lanes
    o += LIMBS;
    // Outside the S-box, lanes 0 and 1 grow (< 3.5x a round): every 6 rounds keeps limbs below 2^38.
    if (!full && r % 6 === 0) {
      normalise(s0);
      normalise(s1);
    }
  }
  normalise(s0);
  normalise(s1);
  normalise(s2);
}

/** Adds the felt v (in Montgomery form) to a state lane. */
function absorb(lane: Float64Array, v: bigint): void {
  // Callers pass felts; other bigints are reduced mod P, as @scure/starknet and starknet.js do.
  montgomery(v >= 0n && v < P ? v : ((v % P) + P) % P, tmp);
  for (let i = 0; i < LIMBS; i++) lane[i]! += tmp[i]!; // no carries: the next S-box normalises
}

function addInto(lane: Float64Array, y: Float64Array): void {
  for (let i = 0; i < LIMBS; i++) lane[i]! += y[i]!;
}

/** The canonical felt in a (normalised) state lane. */
function squeeze(lane: Float64Array): bigint {
  let v = BigInt(lane[10]!);
  // Two limbs at a time (48 bits, exact in a double): 6 bigint conversions instead of 11.
  for (let i = 9; i > 0; i -= 2) v = (v << 48n) + BigInt(lane[i]! * W + lane[i - 1]!);
  v = (v * R_INV) % P;
  return v < 0n ? v + P : v;
}

// Known answer: poseidon(1, 2) as Cairo computes it, checked before the first use of either one.
const SELF_TEST = 0x5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891an;

/** Checks the inputs; returns our constants, or null when starknet.js's Poseidon is to be used. */
function start(values: readonly bigint[]): Float64Array | null {
  for (const v of values) {
    if (typeof v !== 'bigint') throw new InvalidInputError('values', 'Poseidon hashes bigint felts only.');
  }
  if (constants === undefined) {
    oneM = montgomery(1n);
    twoM = montgomery(2n);
    try {
      // starknet.js's table, carried by its permutation: a missing or malformed one throws here or fails
      // the known answer.
      const table = (ec.starkCurve.poseidonSmall as unknown as { roundConstants: RoundConstants })
        .roundConstants;
      const list = compressedRoundConstants(table);
      const k = new Float64Array(list.length * LIMBS);
      for (const [i, c] of list.entries()) montgomery(c, k, i * LIMBS);
      clear();
      if (hash2(1n, 2n, k) === SELF_TEST) constants = k;
    } catch {
      // no usable table
    }
    if (constants === undefined) {
      // No table, or ours gives a wrong answer with it: starknet.js's Poseidon, if it passes the check.
      if (ec.starkCurve.poseidonHash?.(1n, 2n) !== SELF_TEST) {
        throw new CryptoSelfTestError('poseidon(1, 2) gave a wrong value');
      }
      constants = null;
    }
  }
  clear();
  return constants;
}

function clear(): void {
  s0.fill(0);
  s1.fill(0);
  s2.fill(0);
}

function hash2(a: bigint, b: bigint, k: Float64Array): bigint {
  absorb(s0, a);
  absorb(s1, b);
  addInto(s2, twoM);
  permuteState(k);
  return squeeze(s0);
}

/** The Hades permutation (Cairo `hades_permutation`) of three felts. */
export function poseidonPermute(a: bigint, b: bigint, c: bigint): [bigint, bigint, bigint] {
  const k = start([a, b, c]);
  if (!k) return ec.starkCurve.poseidonSmall([a, b, c]) as [bigint, bigint, bigint];
  absorb(s0, a);
  absorb(s1, b);
  absorb(s2, c);
  permuteState(k);
  return [squeeze(s0), squeeze(s1), squeeze(s2)];
}

/** Poseidon "hash many" (Cairo poseidon_hash_span) over felts. */
export function poseidonHashMany(values: readonly bigint[]): bigint {
  const k = start(values);
  if (!k) return ec.starkCurve.poseidonHashMany(values as bigint[]);
  const n = values.length;
  let i = 0;
  // Sponge with rate 2: absorb pairs; the input is padded with 1 then 0 to an even length.
  for (; i + 1 < n; i += 2) {
    absorb(s0, values[i]!);
    absorb(s1, values[i + 1]!);
    permuteState(k);
  }
  if (i < n) {
    absorb(s0, values[i]!);
    addInto(s1, oneM);
  } else {
    addInto(s0, oneM);
  }
  permuteState(k);
  return squeeze(s0);
}

/** Poseidon of exactly two felts (Cairo PoseidonTrait::new().update(a).update(b)). */
export function poseidonHash(a: bigint, b: bigint): bigint {
  const k = start([a, b]);
  return k ? hash2(a, b, k) : ec.starkCurve.poseidonHash(a, b);
}
