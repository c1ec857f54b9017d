import {
  poseidonSmall,
  poseidonHash as scurePoseidonHash,
  poseidonHashMany as scurePoseidonHashMany,
} from '@scure/starknet';
import fc from 'fast-check';
import { loadVectors } from '../../../test/vectors/load.js';
import { isSessionError } from '../errors/index.js';
import { STARK_PRIME } from '../felt.js';
import { poseidonHash, poseidonHashMany, poseidonPermute } from './poseidon.js';

const P = STARK_PRIME;
const { vectors: v } = loadVectors();
const felt = (x: string | number) => BigInt(x);

// Felts with the edges of the field over-represented: 0, 1, P-1, 2^251 (just below P), powers of 2.
const EDGES = [
  0n,
  1n,
  2n,
  P - 1n,
  P - 2n,
  2n ** 251n,
  2n ** 251n - 1n,
  2n ** 192n,
  (P - 1n) / 2n,
  2n ** 128n,
];
const anyFelt = fc.oneof(
  { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: P - 1n }) },
  { weight: 1, arbitrary: fc.constantFrom(...EDGES) },
);

describe('poseidonHashMany', () => {
  it('gives the session message hash of the invoke vector (spec §3.1)', () => {
    const { account, chainId, nonce, validUntil, calls } = v.invoke.input;
    const data = [felt(account), felt(chainId), felt(nonce), felt(validUntil)];
    for (const call of calls) {
      data.push(felt(call.to), felt(call.selector), BigInt(call.calldata.length), ...call.calldata.map(felt));
    }
    expect(`0x${poseidonHashMany(data).toString(16)}`).toBe(v.invoke.sessionMessageHash);
  });

  it('gives the domain, struct and message hashes of the outside-execution vector (spec §3.2)', () => {
    const { account, chainId, oe } = v.outsideExecution;
    const hex = (x: bigint) => `0x${x.toString(16)}`;
    const domain = poseidonHashMany([
      0x1ff2f602e42168014d405a94f75e8a93d640751d71d16311266e140d8b0a210n,
      felt(v.constants.name!),
      2n,
      felt(chainId),
      1n,
    ]);
    expect(hex(domain)).toBe(v.outsideExecution.domainHash);
    const callHashes = oe.calls.map((c) =>
      poseidonHashMany([
        0x3635c7f2a7ba93844c0d064e18e487f35ab90f7c39d00f186a781fc3f0c2ca9n,
        felt(c.to),
        felt(c.selector),
        poseidonHashMany(c.calldata.map(felt)),
      ]),
    );
    const struct = poseidonHashMany([
      0x312b56c05a7965066ddbda31c016d8d05afc305071c0ca3cdc2192c3c2f1f0fn,
      felt(oe.caller),
      felt(oe.nonce),
      felt(oe.execute_after),
      felt(oe.execute_before),
      poseidonHashMany(callHashes),
    ]);
    expect(hex(struct)).toBe(v.outsideExecution.structHashU128);
    const message = poseidonHashMany([felt(v.constants.StarkNetMessage!), domain, felt(account), struct]);
    expect(hex(message)).toBe(v.outsideExecution.messageHashU128);
  });

  it('hashes the empty span to the value Cairo gives', () => {
    expect(poseidonHashMany([])).toBe(0x2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbcn);
  });

  it('matches @scure/starknet on every length 0..7 of edge felts', () => {
    for (const edge of EDGES) {
      for (let n = 0; n <= 7; n++) {
        const values = Array.from({ length: n }, (_, i) => (i % 2 ? edge : P - 1n - edge));
        expect(poseidonHashMany(values)).toBe(scurePoseidonHashMany(values));
      }
    }
  });

  it('matches @scure/starknet on random spans of felts (property)', () => {
    fc.assert(
      fc.property(fc.array(anyFelt, { maxLength: 12 }), (values) => {
        expect(poseidonHashMany(values)).toBe(scurePoseidonHashMany([...values]));
      }),
      { numRuns: 300 },
    );
  });

  it('reduces bigints outside [0, P) the way @scure/starknet does', () => {
    const values = [P, P + 5n, 2n ** 256n - 1n, -1n, -P - 3n];
    expect(poseidonHashMany(values)).toBe(scurePoseidonHashMany(values));
  });

  it('refuses a value that is not a bigint with INVALID_INPUT, and hashes correctly afterwards', () => {
    const bad = [1n, 2 as unknown as bigint];
    let caught: unknown;
    try {
      poseidonHashMany(bad);
    } catch (error) {
      caught = error;
    }
    expect(isSessionError(caught, 'INVALID_INPUT')).toBe(true);
    expect(poseidonHashMany([1n, 2n])).toBe(scurePoseidonHashMany([1n, 2n]));
  });

  it('does not modify its input', () => {
    const values = Object.freeze([3n, 4n, 5n]);
    poseidonHashMany(values);
    expect(values).toEqual([3n, 4n, 5n]);
  });
});

describe('poseidonHash', () => {
  it('hashes (1, 2) to the value Cairo gives', () => {
    expect(poseidonHash(1n, 2n)).toBe(0x5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891an);
  });

  it('matches @scure/starknet on random and edge pairs (property)', () => {
    fc.assert(
      fc.property(anyFelt, anyFelt, (a, b) => {
        expect(poseidonHash(a, b)).toBe(scurePoseidonHash(a, b));
      }),
      { numRuns: 500 },
    );
  });

  it('differs from poseidonHashMany of the same two felts (different padding)', () => {
    expect(poseidonHash(1n, 2n)).not.toBe(poseidonHashMany([1n, 2n]));
  });
});

describe('poseidonPermute', () => {
  it('matches the @scure/starknet permutation on random and edge states (property)', () => {
    fc.assert(
      fc.property(anyFelt, anyFelt, anyFelt, (a, b, c) => {
        expect(poseidonPermute(a, b, c)).toEqual(poseidonSmall([a, b, c]));
      }),
      { numRuns: 500 },
    );
  });

  it('maps the all-zero and all-(P-1) states as @scure/starknet does', () => {
    expect(poseidonPermute(0n, 0n, 0n)).toEqual(poseidonSmall([0n, 0n, 0n]));
    expect(poseidonPermute(P - 1n, P - 1n, P - 1n)).toEqual(poseidonSmall([P - 1n, P - 1n, P - 1n]));
  });
});
