import { STARK_PRIME } from '../felt.js';

// Starknet's Poseidon round constants are not stored (a table is ~3 KiB gzipped): constant i is
// SHA-256("Hades" + i) mod P (cairo-lang poseidon_utils, @scure/starknet). starknet.js, our peer,
// already derived them when it loaded, and its permutation carries the table: we take that copy.
// Without it, poseidon.ts hashes with starknet.js's own Poseidon instead (slower, but correct).

export const FULL_ROUNDS = 8;
export const PARTIAL_ROUNDS = 83;

/** The 91 rows of 3 Hades round constants (8 full rounds, 83 partial ones). */
export type RoundConstants = readonly (readonly bigint[])[];

/**
 * The 107 constants our permutation adds, in order: 3 per full round, 1 per partial round.
 * In a partial round only the third lane goes through the S-box, so the constants of the other two
 * lanes commute with it and are pushed through the MDS matrix into the next round (the standard
 * partial-round optimisation); what is left after the last partial round joins the next full round.
 */
export function compressedRoundConstants(table: RoundConstants): bigint[] {
  const P = STARK_PRIME;
  const half = FULL_ROUNDS / 2;
  const out: bigint[] = [];
  let carry = [0n, 0n, 0n];
  table.forEach((row, round) => {
    const [k0, k1, k2] = row.map((k, j) => (k + carry[j]!) % P) as [bigint, bigint, bigint];
    carry = [0n, 0n, 0n];
    if (round < half || round >= half + PARTIAL_ROUNDS) {
      out.push(k0, k1, k2);
    } else {
      out.push(k2);
      // MDS [[3,1,1],[1,-1,1],[1,1,-2]] applied to (k0, k1, 0).
      carry = [(3n * k0 + k1) % P, (k0 - k1 + P) % P, (k0 + k1) % P];
    }
  });
  return out;
}
