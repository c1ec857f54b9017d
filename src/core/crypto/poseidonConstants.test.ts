import { poseidonSmall } from '@scure/starknet';
import { ec } from 'starknet';
import { STARK_PRIME } from '../felt.js';
import { compressedRoundConstants } from './poseidonConstants.js';

// @scure/starknet (our own dev copy, not starknet.js's) exposes the 91 x 3 constants it derived on
// the permutation it exports.
const reference = (poseidonSmall as unknown as { roundConstants: bigint[][] }).roundConstants;
// The table poseidon.ts takes: the one starknet.js's permutation carries. A missing or malformed one
// sends poseidon.ts to starknet.js's own Poseidon (poseidon.selftest.test.ts).
const peer = (ec.starkCurve.poseidonSmall as unknown as { roundConstants?: bigint[][] }).roundConstants;

describe("starknet.js's round-constant table", () => {
  it('is exposed and holds the 273 constants @scure/starknet and Starknet use', () => {
    expect(peer).toBeDefined();
    expect(peer!.flat()).toEqual(reference.flat());
    expect(peer!.flat()).toHaveLength(273);
  });

  it('starts with the constant Cairo lists first', () => {
    expect(peer![0]![0]).toBe(0x6861759ea556a2339dd92f9562a30b9e58e2ad98109ae4780b7fd8eac77fe6fn);
  });
});

describe('compressed round constants', () => {
  it('are 3 per full round and 1 per partial round, all reduced', () => {
    const compressed = compressedRoundConstants(reference);
    expect(compressed).toHaveLength(8 * 3 + 83);
    expect(compressed.every((k) => k >= 0n && k < STARK_PRIME)).toBe(true);
    // The first four full rounds are untouched by the compression.
    expect(compressed.slice(0, 12)).toEqual(reference.slice(0, 4).flat());
  });

  it("push the first two lanes' constants of a partial round into the next round", () => {
    const compressed = compressedRoundConstants(reference);
    const P = STARK_PRIME;
    const [k0, k1, k2] = reference[4] as [bigint, bigint, bigint];
    // Round 4 (the first partial one) keeps only lane 2's constant ...
    expect(compressed[12]).toBe(k2);
    // ... and round 5's lane-2 constant absorbs the MDS image of (k0, k1, 0): row [1, 1, -2].
    expect(compressed[13]).toBe((reference[5]![2]! + k0 + k1) % P);
  });
});
