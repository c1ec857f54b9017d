// npx vitest bench --run --project node bench/poseidon.bench.ts

import { poseidonHashMany as scurePoseidonHashMany } from '@scure/starknet';
import { ec, hash, outsideExecution, typedData } from 'starknet';
import { bench, describe } from 'vitest';
import {
  CALL_TYPE_HASH,
  OUTSIDE_EXECUTION_TYPE_HASH_U128,
  STARKNET_DOMAIN_TYPE_HASH,
} from '../src/core/constants.js';
import { poseidonHashMany } from '../src/core/crypto/poseidon.js';
import { signOutsideExecution } from '../src/core/sign.js';
import { loadVectors } from '../test/vectors/load.js';

const P = 2n ** 251n + 17n * 2n ** 192n + 1n;
// Longer than the default 500 ms per task: this machine is shared and noisy.
const options = { time: 1500, warmupTime: 300 };
// n felts take floor(n / 2) + 1 permutations.
const felts = (n: number) =>
  Array.from({ length: n }, (_, i) => (P - 1n - BigInt(i) * 0x9e3779b97f4a7c15n) % P);

for (const [permutations, n] of [
  [1, 1],
  [2, 3],
  [10, 19],
  [13, 25],
] as const) {
  describe(`Poseidon, ${permutations} permutation(s) (${n} felts)`, () => {
    const values = felts(n);
    bench(
      'starknet-sessions poseidonHashMany',
      () => {
        poseidonHashMany(values);
      },
      options,
    );
    bench(
      'starknet.js hash.computePoseidonHashOnElements',
      () => {
        hash.computePoseidonHashOnElements(values);
      },
      options,
    );
    bench(
      '@scure/starknet 2.4 poseidonHashMany',
      () => {
        scurePoseidonHashMany(values);
      },
      options,
    );
  });
}

// Signing a 1-call outside execution (13 permutations once the chain's domain hash is cached).
const { vectors: v } = loadVectors();
const o = v.outsideExecution;
const key = v.sessionPrivateKey;
const hex64 = (x: bigint | string) => BigInt(x).toString(16).padStart(64, '0');
let nonce = 0x1234n; // a fresh nonce per run: no cache anywhere can answer

describe('Sign a 1-call outside execution', () => {
  const calls = o.oe.calls.map((c) => ({
    contractAddress: c.to,
    entrypoint: c.selector,
    calldata: c.calldata,
  }));

  // starknet.js's own route: build the SNIP-12 typed data, hash it generically. Its 'selector'
  // fields take the entrypoint name (the vector's selector is that of 'transfer').
  const namedCalls = calls.map((c) => ({ ...c, entrypoint: 'transfer' }));
  const naiveHash = (n: bigint) =>
    typedData.getMessageHash(
      outsideExecution.getTypedData(
        o.chainId,
        { caller: o.oe.caller, execute_after: o.oe.execute_after, execute_before: o.oe.execute_before },
        n,
        namedCalls,
        '2',
      ),
      o.account,
    );

  // The same hash composition as ours (spec §3.2), on starknet.js's Poseidon: today's floor.
  const poseidon = hash.computePoseidonHashOnElements;
  const domain = poseidon([STARKNET_DOMAIN_TYPE_HASH, v.constants.name!, 2, o.chainId, 1]);
  const floorHash = (n: bigint) => {
    const callHashes = o.oe.calls.map((c) =>
      poseidon([CALL_TYPE_HASH, c.to, c.selector, poseidon(c.calldata)]),
    );
    const struct = poseidon([
      OUTSIDE_EXECUTION_TYPE_HASH_U128,
      o.oe.caller,
      n,
      o.oe.execute_after,
      o.oe.execute_before,
      poseidon(callHashes),
    ]);
    return poseidon([v.constants.StarkNetMessage!, domain, o.account, struct]);
  };

  const ours = (n: bigint) =>
    signOutsideExecution({
      accountAddress: o.account,
      chainId: o.chainId,
      outsideExecution: {
        caller: o.oe.caller,
        nonce: n,
        executeAfter: o.oe.execute_after,
        executeBefore: o.oe.execute_before,
        calls,
      },
      privateKey: key,
      publicKey: v.sessionPublicKey,
      validUntil: 1767225600,
    });

  // The three routes must do the same work: same message hash, same signature on the vector.
  const expected = o.messageHashU128;
  const vectorNonce = BigInt(o.oe.nonce);
  if (
    BigInt(naiveHash(vectorNonce)) !== BigInt(expected) ||
    BigInt(floorHash(vectorNonce)) !== BigInt(expected)
  ) {
    throw new Error('bench routes disagree with the outside-execution vector');
  }
  if (ours(vectorNonce).join() !== o.sessionSignatureOverU128.join()) {
    throw new Error('signOutsideExecution disagrees with the outside-execution vector');
  }

  bench(
    'naive: starknet.js typedData.getMessageHash + ec.starkCurve.sign',
    () => {
      ec.starkCurve.sign(hex64(naiveHash(nonce++)), hex64(key));
    },
    options,
  );
  bench(
    'floor: starknet.js computePoseidonHashOnElements + ec.starkCurve.sign',
    () => {
      ec.starkCurve.sign(hex64(floorHash(nonce++)), hex64(key));
    },
    options,
  );
  bench(
    'starknet-sessions signOutsideExecution',
    () => {
      ours(nonce++);
    },
    options,
  );
});

describe('Stark ECDSA signing (fixed key)', () => {
  let h = 1n;
  bench(
    'starknet.js ec.starkCurve.sign (generator table W=8, built in)',
    () => {
      ec.starkCurve.sign(hex64((h++ * 0x9e3779b97f4a7c15n) % P), hex64(key));
    },
    options,
  );

  // k·G is the bulk of a signature. Larger windows for the fixed generator, on a copy of it so the
  // peer's own BASE point keeps its table.
  const G = ec.starkCurve.ProjectivePoint.BASE;
  const k = 0x5f3a9c1e2d4b6a8f7e0c1b2a3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5n;
  let i = 0n;
  bench(
    'k·G with W=8 (what sign uses)',
    () => {
      G.multiply(k + i++).toAffine();
    },
    options,
  );
  for (const w of [10, 12]) {
    const copy = ec.starkCurve.ProjectivePoint.fromAffine(G.toAffine());
    (copy as unknown as { _setWindowSize(w: number): void })._setWindowSize(w);
    copy.multiply(3n); // builds the table outside the timed loop
    bench(
      `k·G with W=${w}`,
      () => {
        copy.multiply(k + i++).toAffine();
      },
      options,
    );
  }
});
