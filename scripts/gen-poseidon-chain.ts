/**
 * Writes src/core/crypto/poseidon.exhaustive.json: checkpoints of a chain of 100,000 Hades
 * permutations (state_{i+1} = permute(state_i), from (0, 0, 0)) computed with @scure/starknet.
 * poseidon.exhaustive.test.ts replays the chain with our permutation (~2 s) instead of running
 * the reference live (~30 s).
 *
 *   npx tsx scripts/gen-poseidon-chain.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { poseidonSmall } from '@scure/starknet';

export const CHAIN_LENGTH = 100_000;
export const CHECKPOINT_EVERY = 5_000;

const hex = (x: bigint) => `0x${x.toString(16)}`;
let state = [0n, 0n, 0n];
const checkpoints: string[][] = [];
for (let i = 1; i <= CHAIN_LENGTH; i++) {
  state = poseidonSmall(state);
  if (i % CHECKPOINT_EVERY === 0) checkpoints.push(state.map(hex));
}
const target = fileURLToPath(new URL('../src/core/crypto/poseidon.exhaustive.json', import.meta.url));
writeFileSync(
  target,
  `${JSON.stringify({ reference: '@scure/starknet 2.4.0 poseidonSmall', start: ['0x0', '0x0', '0x0'], every: CHECKPOINT_EVERY, checkpoints }, null, 1)}\n`,
);
