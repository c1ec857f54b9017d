import { ec } from 'starknet';

/**
 * The simulated chain hashes with starknet.js's Poseidon (@scure/starknet), never with the library's own
 * fast Poseidon: a bug there must make the simulated account reject, not agree by construction.
 */
export function poseidonHashMany(values: readonly bigint[]): bigint {
  return ec.starkCurve.poseidonHashMany([...values]);
}
