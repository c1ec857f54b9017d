// The floor: the same outside-execution hash and signature with starknet.js's own primitives
// (ec.starkCurve.poseidonHashMany + sign), everything reusable precomputed, inputs already bigints.
import { ec } from 'starknet';
import { toSelector } from '../src/core/call.js';
import {
  CALL_TYPE_HASH,
  OUTSIDE_EXECUTION_TYPE_HASH_U128,
  STARKNET_MESSAGE_PREFIX,
} from '../src/core/constants.js';
import { outsideExecutionDomainHash } from '../src/core/hash.js';

const curve = ec.starkCurve;
const hex64 = (n: bigint) => n.toString(16).padStart(64, '0');

export function floorOutsideExecutionSigner(p: {
  account: string;
  chainId: string;
  privateKey: string;
  calls: { contractAddress: string; entrypoint: string; calldata: string[] }[];
}) {
  const pre = {
    call: BigInt(CALL_TYPE_HASH),
    oe: BigInt(OUTSIDE_EXECUTION_TYPE_HASH_U128),
    msg: BigInt(STARKNET_MESSAGE_PREFIX),
    domain: outsideExecutionDomainHash(BigInt(p.chainId)),
    account: BigInt(p.account),
    any: 0x414e595f43414c4c4552n,
    key: hex64(BigInt(p.privateKey)),
    calls: p.calls.map((c) => ({
      to: BigInt(c.contractAddress),
      sel: toSelector(c.entrypoint),
      data: c.calldata.map(BigInt),
    })),
  };
  return (nonce: bigint, executeAfter: bigint, executeBefore: bigint) => {
    const callHashes = pre.calls.map((c) =>
      curve.poseidonHashMany([pre.call, c.to, c.sel, curve.poseidonHashMany(c.data)]),
    );
    const struct = curve.poseidonHashMany([
      pre.oe,
      pre.any,
      nonce,
      executeAfter,
      executeBefore,
      curve.poseidonHashMany(callHashes),
    ]);
    return curve.sign(hex64(curve.poseidonHashMany([pre.msg, pre.domain, pre.account, struct])), pre.key);
  };
}
