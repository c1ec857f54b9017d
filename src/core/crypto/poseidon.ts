import { ec } from 'starknet';

/** Poseidon "hash many" (Cairo poseidon_hash_span) over felts. */
export function poseidonHashMany(values: readonly bigint[]): bigint {
  return ec.starkCurve.poseidonHashMany(values as bigint[]);
}

/** Poseidon of exactly two felts (Cairo PoseidonTrait::new().update(a).update(b)). */
export function poseidonHash(a: bigint, b: bigint): bigint {
  return ec.starkCurve.poseidonHash(a, b);
}
