/**
 * The session account's own hashing, written from spec/session-keys.md §3 with nothing but
 * Poseidon and starknet keccak. It deliberately shares no code with src/core/hash.ts: if the
 * client hashes wrongly, the simulated account computes something else and rejects.
 */

import { encodeShortString } from '../../core/felt.js';
import { type CairoCall, type CairoOutsideExecution, snKeccak } from './cairo.js';
import { poseidonHashMany } from './hashing.js';

// SNIP-12 revision 1 type strings: names and types quoted, dependencies appended in order.
const DOMAIN_TYPE =
  '"StarknetDomain"("name":"shortstring","version":"shortstring","chainId":"shortstring","revision":"shortstring")';
const CALL_TYPE = '"Call"("To":"ContractAddress","Selector":"selector","Calldata":"felt*")';
const oeType = (timestamp: 'u128' | 'felt') =>
  `"OutsideExecution"("Caller":"ContractAddress","Nonce":"felt","Execute After":"${timestamp}","Execute Before":"${timestamp}","Calls":"Call*")${CALL_TYPE}`;

let typeHashes: { domain: bigint; call: bigint; oeU128: bigint; oeFelt: bigint } | undefined;

/** The SNIP-12 type hashes, from their type strings (computed on first use). */
export function snip12TypeHashes() {
  typeHashes ??= {
    domain: snKeccak(DOMAIN_TYPE),
    call: snKeccak(CALL_TYPE),
    oeU128: snKeccak(oeType('u128')),
    oeFelt: snKeccak(oeType('felt')),
  };
  return typeHashes;
}

const domainCache = new Map<bigint, bigint>();

/** Domain hash of { name: 'Account.execute_from_outside', version: 2, chainId, revision: 1 }. */
export function outsideExecutionDomainHash(chainId: bigint): bigint {
  let h = domainCache.get(chainId);
  if (h === undefined) {
    const name = encodeShortString('Account.execute_from_outside');
    // version and revision are the numbers 2 and 1, not the characters '2' and '1'.
    h = poseidonHashMany([snip12TypeHashes().domain, name, 2n, chainId, 1n]);
    domainCache.set(chainId, h);
  }
  return h;
}

/** SNIP-9 v2 message hash of an outside execution, in OZ's u128 form or Chipi's felt form. */
export function outsideExecutionMessageHash(
  account: bigint,
  chainId: bigint,
  oe: CairoOutsideExecution,
  timestamps: 'u128' | 'felt',
): bigint {
  const t = snip12TypeHashes();
  const callHashes = oe.calls.map((c) =>
    poseidonHashMany([t.call, c.to, c.selector, poseidonHashMany(c.calldata)]),
  );
  const struct = poseidonHashMany([
    timestamps === 'u128' ? t.oeU128 : t.oeFelt,
    oe.caller,
    oe.nonce,
    oe.executeAfter,
    oe.executeBefore,
    poseidonHashMany(callHashes),
  ]);
  return poseidonHashMany([
    encodeShortString('StarkNet Message'),
    outsideExecutionDomainHash(chainId),
    account,
    struct,
  ]);
}

/** §3.1 session_message_hash: poseidon(account, chain_id, nonce, valid_until, (to, selector, len, calldata…)…). */
export function sessionMessageHash(
  account: bigint,
  chainId: bigint,
  nonce: bigint,
  validUntil: bigint,
  calls: readonly CairoCall[],
): bigint {
  const data = [account, chainId, nonce, validUntil];
  for (const c of calls) data.push(c.to, c.selector, BigInt(c.calldata.length), ...c.calldata);
  return poseidonHashMany(data);
}
