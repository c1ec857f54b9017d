import { poseidonSmall } from '@scure/starknet';
import fc from 'fast-check';
import chain from './poseidon.exhaustive.json' with { type: 'json' };
import { poseidonPermute } from './poseidon.js';

// 100,000 chained permutations (300,000 pseudo-random felt inputs), checked against checkpoints that
// @scure/starknet computed (scripts/gen-poseidon-chain.ts): running the reference live would take
// ~30 s, our side takes ~2 s. Any wrong output changes every later state, so each step is checked.
describe('poseidonPermute over 100,000 chained states', () => {
  const states: [bigint, bigint, bigint][] = [];
  const reached: string[][] = [];

  beforeAll(() => {
    let state = chain.start.map((x) => BigInt(x)) as [bigint, bigint, bigint];
    for (let i = 1; i <= chain.checkpoints.length * chain.every; i++) {
      states.push(state);
      state = poseidonPermute(...state);
      if (i % chain.every === 0) reached.push(state.map((x) => `0x${x.toString(16)}`));
    }
  }, 120_000);

  it('reaches every checkpoint @scure/starknet reached', () => {
    expect(states.length).toBe(100_000);
    expect(reached).toEqual(chain.checkpoints);
  });

  it('agrees with the live @scure/starknet permutation on sampled steps of the chain (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: states.length - 1 }), (i) => {
        const input = states[i]!;
        expect(poseidonPermute(...input)).toEqual(poseidonSmall([...input]));
      }),
      { numRuns: 200 },
    );
  });
});
