import { poseidonSmall, poseidonHashMany as scurePoseidonHashMany } from '@scure/starknet';
import fc from 'fast-check';
import { STARK_PRIME } from '../felt.js';
import chain from './poseidon.exhaustive.json' with { type: 'json' };
import { poseidonHashMany, poseidonPermute } from './poseidon.js';

// The same float64 arithmetic, in a real browser engine and through its optimising tiers.
describe('Poseidon in Chromium', () => {
  it('reaches the first @scure/starknet checkpoint of the permutation chain (5,000 permutations)', () => {
    let state = chain.start.map((x) => BigInt(x)) as [bigint, bigint, bigint];
    for (let i = 0; i < chain.every; i++) state = poseidonPermute(...state);
    expect(state.map((x) => `0x${x.toString(16)}`)).toEqual(chain.checkpoints[0]);
  });

  it('matches @scure/starknet on random spans and states (property)', () => {
    const felt = fc.bigInt({ min: 0n, max: STARK_PRIME - 1n });
    fc.assert(
      fc.property(fc.array(felt, { maxLength: 9 }), (values) => {
        expect(poseidonHashMany(values)).toBe(scurePoseidonHashMany([...values]));
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(felt, felt, felt, (a, b, c) => {
        expect(poseidonPermute(a, b, c)).toEqual(poseidonSmall([a, b, c]));
      }),
      { numRuns: 100 },
    );
  });
});
