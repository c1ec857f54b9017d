import { poseidonSmall } from '@scure/starknet';
import { STARK_PRIME } from '../felt.js';
import { compressedRoundConstants, hadesRoundConstant, peerRoundConstants } from './poseidonConstants.js';

// @scure/starknet exposes the 91 x 3 constants it derived on the permutation it exports.
const reference = (poseidonSmall as unknown as { roundConstants: bigint[][] }).roundConstants;

describe('Hades round constants', () => {
  it('are the 273 constants @scure/starknet and Starknet use', () => {
    const ours = Array.from({ length: 273 }, (_, i) => hadesRoundConstant(i));
    expect(ours).toEqual(reference.flat());
  });

  it('start with the constant Cairo lists first', () => {
    expect(hadesRoundConstant(0)).toBe(0x6861759ea556a2339dd92f9562a30b9e58e2ad98109ae4780b7fd8eac77fe6fn);
  });

  it('compress to 3 per full round and 1 per partial round, all reduced', () => {
    const compressed = compressedRoundConstants();
    expect(compressed).toHaveLength(8 * 3 + 83);
    expect(compressed.every((k) => k >= 0n && k < STARK_PRIME)).toBe(true);
    // The first four full rounds are untouched by the compression.
    expect(compressed.slice(0, 12)).toEqual(reference.slice(0, 4).flat());
  });
});

describe("starknet.js's round-constant table", () => {
  it('is exposed and equals our own derivation, constant by constant', () => {
    const peer = peerRoundConstants();
    expect(peer).toBeDefined();
    for (let i = 0; i < 273; i++) expect(peer!(i)).toBe(hadesRoundConstant(i));
    expect(compressedRoundConstants(peer)).toEqual(compressedRoundConstants());
  });

  it('is refused when missing or malformed', () => {
    expect(peerRoundConstants(null)).toBeUndefined();
    expect(peerRoundConstants({})).toBeUndefined();
    expect(peerRoundConstants({ roundConstants: reference.slice(1) })).toBeUndefined();
    expect(peerRoundConstants({ roundConstants: reference.map((row) => row.map(String)) })).toBeUndefined();
    expect(peerRoundConstants({ roundConstants: reference.map((row) => [...row, 0n]) })).toBeUndefined();
    expect(peerRoundConstants({ roundConstants: reference })).toBeDefined();
  });
});
