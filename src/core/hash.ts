import { hash, shortString } from 'starknet';
import { type NormalizedCall, normalizeCalls, type SessionCall } from './call.js';
import { toChainId } from './chain.js';
import { ANY_CALLER } from './constants.js';
import { poseidonHashMany } from './crypto/poseidon.js';
import { InvalidInputError } from './errors/index.js';
import { type BigNumberish, toAddress, toFelt, toHex, toUint, U64_MAX } from './felt.js';
import { inputObject } from './input.js';

export interface SessionInvokeHashParameters {
  accountAddress: string;
  /** Hex felt ('0x534e5f4d41494e') or shortstring name ('SN_MAIN'). */
  chainId: string;
  /** The account nonce of the invoke transaction this signature is for. */
  nonce: BigNumberish;
  /** The session's registered validUntil (unix seconds); it is also signature[3]. */
  validUntil: BigNumberish;
  calls: readonly SessionCall[];
}

export interface OutsideExecution {
  /** Who may relay it: ANY_CALLER (default) or a relayer address. */
  caller?: string | undefined;
  nonce: BigNumberish;
  executeAfter: BigNumberish;
  executeBefore: BigNumberish;
  calls: readonly SessionCall[];
}

export type OutsideExecutionTimestampType = 'u128' | 'felt';

export interface OutsideExecutionHashParameters {
  accountAddress: string;
  chainId: string;
  outsideExecution: OutsideExecution;
  /** 'u128' (OpenZeppelin, the contract's primary hash, default) or 'felt' (Chipi's fallback). */
  timestampType?: OutsideExecutionTimestampType | undefined;
}

/** Direct-invoke session hash (spec §3.1): poseidon(account, chain, nonce, validUntil, calls…). */
export function computeSessionInvokeHash(parameters: SessionInvokeHashParameters): string {
  return toHex(sessionInvokeHash(parameters));
}

/** The same as computeSessionInvokeHash, as a bigint, for the signing path. */
export function sessionInvokeHash(parameters: SessionInvokeHashParameters): bigint {
  inputObject(parameters);
  const calls = normalizeCalls(parameters.calls);
  return sessionInvokeHashOf(
    toAddress(parameters.accountAddress, 'accountAddress'),
    toChainId(parameters.chainId),
    toFelt(parameters.nonce, 'nonce'),
    toUint(parameters.validUntil, U64_MAX, 'validUntil'),
    calls,
  );
}

/** Hash over already normalised inputs (no validation: callers did it). */
export function sessionInvokeHashOf(
  account: bigint,
  chainId: bigint,
  nonce: bigint,
  validUntil: bigint,
  calls: readonly NormalizedCall[],
): bigint {
  const data: bigint[] = [account, chainId, nonce, validUntil];
  for (const call of calls) {
    data.push(call.to, call.selector, BigInt(call.calldata.length));
    for (const felt of call.calldata) data.push(felt);
  }
  return poseidonHashMany(data);
}

/** SNIP-9 v2 outside-execution message hash (spec §3.2), what a session key signs for a paymaster. */
export function computeOutsideExecutionHash(parameters: OutsideExecutionHashParameters): string {
  return toHex(outsideExecutionHash(parameters));
}

export function outsideExecutionHash(parameters: OutsideExecutionHashParameters): bigint {
  inputObject(parameters);
  const oe = parameters.outsideExecution;
  if (oe === null || typeof oe !== 'object') {
    throw new InvalidInputError('outsideExecution', 'outsideExecution must be an object.');
  }
  const timestampType = parameters.timestampType ?? 'u128';
  if (timestampType !== 'u128' && timestampType !== 'felt') {
    throw new InvalidInputError('timestampType', "timestampType must be 'u128' or 'felt'.");
  }
  return outsideExecutionHashOf(
    toAddress(parameters.accountAddress, 'accountAddress'),
    toChainId(parameters.chainId),
    {
      caller:
        oe.caller === undefined ? BigInt(ANY_CALLER) : toAddress(oe.caller, 'outsideExecution.caller', true),
      nonce: toFelt(oe.nonce, 'outsideExecution.nonce'),
      executeAfter: toUint(oe.executeAfter, U64_MAX, 'outsideExecution.executeAfter'),
      executeBefore: toUint(oe.executeBefore, U64_MAX, 'outsideExecution.executeBefore'),
      calls: normalizeCalls(oe.calls, 'outsideExecution.calls'),
    },
    timestampType,
  );
}

export interface NormalizedOutsideExecution {
  caller: bigint;
  nonce: bigint;
  executeAfter: bigint;
  executeBefore: bigint;
  calls: readonly NormalizedCall[];
}

/** The SNIP-9 v2 Call type's members (paymaster.ts checks a paymaster's typed data against them). */
export const CALL_MEMBERS = [
  ['To', 'ContractAddress'],
  ['Selector', 'selector'],
  ['Calldata', 'felt*'],
];
/** The OutsideExecution type's members. */
export const outsideExecutionMembers = (timestamp: string) => [
  ['Caller', 'ContractAddress'],
  ['Nonce', 'felt'],
  ['Execute After', timestamp],
  ['Execute Before', timestamp],
  ['Calls', 'Call*'],
];
const encodeType = (name: string, members: string[][]) =>
  `"${name}"(${members.map(([n, t]) => `"${n}":"${t}"`).join()})`;
const CALL_TYPE = encodeType('Call', CALL_MEMBERS);
// SNIP-12 revision 1 type hashes: sn_keccak of the encoded types, at first use (the types cost a bundle
// less than their hashes; constants.ts has the hashes and constants.test.ts pins both).
const typeHashes: Record<string, bigint> = {};
const typeHash = (key: string, type: () => string) => (typeHashes[key] ??= hash.starknetKeccak(type()));
// The shortstrings STARKNET_MESSAGE_PREFIX and OUTSIDE_EXECUTION_DOMAIN_NAME, encoded from their text:
// shorter in a bundle than their hex (constants.test.ts and the hash vectors pin both).
const MESSAGE_PREFIX = BigInt(shortString.encodeShortString('StarkNet Message'));
const DOMAIN_NAME = BigInt(shortString.encodeShortString('Account.execute_from_outside'));
// Domain hashes depend only on the chain: computed once per chain.
const domainHashes = new Map<bigint, bigint>();

/** The SNIP-12 domain hash of 'Account.execute_from_outside' v2 (revision 1) on a chain. */
export function outsideExecutionDomainHash(chainId: bigint): bigint {
  let h = domainHashes.get(chainId);
  if (h === undefined) {
    // version and revision are the numbers 2 and 1, not the ASCII shortstrings.
    h = poseidonHashMany([
      hash.starknetKeccak(
        encodeType(
          'StarknetDomain',
          ['name', 'version', 'chainId', 'revision'].map((n) => [n, 'shortstring']),
        ),
      ),
      DOMAIN_NAME,
      2n,
      chainId,
      1n,
    ]);
    domainHashes.set(chainId, h);
  }
  return h;
}

export function outsideExecutionHashOf(
  account: bigint,
  chainId: bigint,
  oe: NormalizedOutsideExecution,
  timestampType: OutsideExecutionTimestampType,
): bigint {
  const callType = typeHash('call', () => CALL_TYPE);
  const callHashes = oe.calls.map((call) =>
    poseidonHashMany([callType, call.to, call.selector, poseidonHashMany(call.calldata)]),
  );
  const structHash = poseidonHashMany([
    typeHash(
      timestampType,
      () => encodeType('OutsideExecution', outsideExecutionMembers(timestampType)) + CALL_TYPE,
    ),
    oe.caller,
    oe.nonce,
    oe.executeAfter,
    oe.executeBefore,
    poseidonHashMany(callHashes),
  ]);
  return poseidonHashMany([MESSAGE_PREFIX, outsideExecutionDomainHash(chainId), account, structHash]);
}
