// Local cost of signing one session action: ours vs the floor (starknet.js primitives with everything
// reusable precomputed) vs the naive path other SDKs take (typedData.getMessageHash + ec.starkCurve.sign).
import { ec, typedData } from 'starknet';
import { bench, describe } from 'vitest';
import {
  CALL_TYPE_HASH,
  OUTSIDE_EXECUTION_TYPE_HASH_U128,
  STARKNET_MESSAGE_PREFIX,
} from '../src/core/constants.js';
import { outsideExecutionDomainHash } from '../src/core/hash.js';
import { signOutsideExecution, signSessionInvoke } from '../src/core/sign.js';
import { outsideExecutionTypes } from '../test/helpers/outsideExecution.js';

const PRIVATE_KEY = '0x1234567890abcdef1234567890abcdef';
const PUBLIC_KEY = '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599';
const ACCOUNT = '0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806';
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const TRANSFER = '0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12e';
const CHAIN = '0x534e5f4d41494e';
const curve = ec.starkCurve;
const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

const callsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    contractAddress: USDC,
    entrypoint: 'transfer',
    calldata: [`0x${(0xbeef + i).toString(16)}`, '0xf4240', '0x0'],
  }));

let nonce = 1n;
for (const n of [1, 5]) {
  const calls = callsOf(n);
  const oe = () => ({ nonce: nonce++, executeAfter: 1767225000, executeBefore: 1767228600, calls });

  // Floor: same data already as bigints, type/domain hashes and selectors precomputed.
  const domain = outsideExecutionDomainHash(BigInt(CHAIN));
  const pre = {
    call: BigInt(CALL_TYPE_HASH),
    oe: BigInt(OUTSIDE_EXECUTION_TYPE_HASH_U128),
    msg: BigInt(STARKNET_MESSAGE_PREFIX),
    account: BigInt(ACCOUNT),
    any: 0x414e595f43414c4c4552n,
    calls: calls.map((c) => ({
      to: BigInt(c.contractAddress),
      sel: BigInt(TRANSFER),
      data: c.calldata.map(BigInt),
    })),
  };
  const floor = () => {
    const callHashes = pre.calls.map((c) =>
      curve.poseidonHashMany([pre.call, c.to, c.sel, curve.poseidonHashMany(c.data)]),
    );
    const struct = curve.poseidonHashMany([
      pre.oe,
      pre.any,
      nonce++,
      1767225000n,
      1767228600n,
      curve.poseidonHashMany(callHashes),
    ]);
    const h = curve.poseidonHashMany([pre.msg, domain, pre.account, struct]);
    return curve.sign(hex64(h), hex64(BigInt(PRIVATE_KEY)));
  };

  const naive = () => {
    const td = {
      types: outsideExecutionTypes(),
      primaryType: 'OutsideExecution',
      domain: { name: 'Account.execute_from_outside', version: '2', chainId: CHAIN, revision: '1' },
      message: {
        Caller: '0x414e595f43414c4c4552',
        Nonce: `0x${(nonce++).toString(16)}`,
        'Execute After': 1767225000,
        'Execute Before': 1767228600,
        Calls: calls.map((c) => ({ To: c.contractAddress, Selector: 'transfer', Calldata: c.calldata })),
      },
    };
    return curve.sign(typedData.getMessageHash(td, ACCOUNT), PRIVATE_KEY);
  };

  describe(`outside execution, ${n} call${n > 1 ? 's' : ''}: hash + sign`, () => {
    bench('starknet-sessions signOutsideExecution', () => {
      signOutsideExecution({
        accountAddress: ACCOUNT,
        chainId: CHAIN,
        outsideExecution: oe(),
        privateKey: PRIVATE_KEY,
        publicKey: PUBLIC_KEY,
        validUntil: 1767228600,
      });
    });
    bench('floor: starknet.js poseidonHashMany + sign, precomputed', () => {
      floor();
    });
    bench('naive: typedData.getMessageHash + ec.starkCurve.sign', () => {
      naive();
    });
  });

  describe(`direct invoke, ${n} call${n > 1 ? 's' : ''}: hash + sign`, () => {
    bench('starknet-sessions signSessionInvoke', () => {
      signSessionInvoke({
        accountAddress: ACCOUNT,
        chainId: CHAIN,
        nonce: nonce++,
        validUntil: 1767228600,
        calls,
        privateKey: PRIVATE_KEY,
        publicKey: PUBLIC_KEY,
      });
    });
    bench('floor: starknet.js poseidonHashMany + sign, precomputed', () => {
      const data = [pre.account, BigInt(CHAIN), nonce++, 1767228600n];
      for (const c of pre.calls) data.push(c.to, c.sel, BigInt(c.data.length), ...c.data);
      curve.sign(hex64(curve.poseidonHashMany(data)), hex64(BigInt(PRIVATE_KEY)));
    });
  });
}
