/** Pieces the OpenZeppelin account component gives both account models (owner key, SRC-5, SNIP-9 nonces). */

import { encodeShortString } from '../../../core/felt.js';
import { type CairoCall, panic, panicWith, sel, VALID } from '../cairo.js';
import { checkEcdsaSignature } from '../ecdsa.js';
import { poseidonHashMany } from '../hashing.js';
import type { Ctx, Handler } from '../types.js';

export const ISRC5_ID = 0x3f918d17e5ee77373b56385708f855659a07f75997f365cf87748628532a055n;
export const ISRC6_ID = 0x2ceccef7f994940b3962a6c67e0ba4fcd37df7d131417c604f91e03caecc1cdn;
export const SRC9_V2_ID = 0x1d1144bb2138366ff28d8e9ab57456b1d332ac42196230c3a602003c89872n;
export const ANY_CALLER = encodeShortString('ANY_CALLER');

export function registerInterface(ctx: Ctx, id: bigint): void {
  ctx.write(`src5:${id.toString(16)}`, 1n);
}

export function supportsInterface(ctx: Ctx, id: bigint): boolean {
  // OZ's SRC5 component always answers true for ISRC5 itself.
  return id === ISRC5_ID || ctx.read(`src5:${id.toString(16)}`) === 1n;
}

/** OZ `assert_only_self`: owner-only entrypoints are reached through the account's own __execute__. */
export function assertOnlySelf(ctx: Ctx): void {
  if (ctx.caller !== ctx.self) panic('Account: unauthorized');
}

export function ownerKey(ctx: Ctx): bigint {
  return ctx.read('public_key');
}

/** OZ `_is_valid_signature`: exactly [r, s] by the owner key. */
export function isValidOwnerSignature(ctx: Ctx, hash: bigint, signature: readonly bigint[]): boolean {
  if (signature.length !== 2) return false;
  return checkEcdsaSignature(hash, ownerKey(ctx), signature[0]!, signature[1]!);
}

/** OZ `validate_transaction`: the owner's [r, s] over the protocol transaction hash, else panic. */
export function validateTransaction(ctx: Ctx): bigint[] {
  if (!isValidOwnerSignature(ctx, ctx.tx.transactionHash, ctx.tx.signature))
    panic('Account: invalid signature');
  return [VALID];
}

/** Serialises Array<Span<felt252>>. */
export function serializeResults(results: bigint[][]): bigint[] {
  const out: bigint[] = [BigInt(results.length)];
  for (const r of results) out.push(BigInt(r.length), ...r);
  return out;
}

/** OZ `execute_calls`: atomic, a failing call panics the whole execution. */
export function executeCallsAtomic(ctx: Ctx, calls: readonly CairoCall[]): bigint[] {
  const results: bigint[][] = [];
  calls.forEach((call, i) => {
    const out = ctx.tryCall(call.to, call.selector, call.calldata);
    ctx.recordInnerCall(i, call, out);
    if (!out.ok) panicWith(out.panicData);
    results.push(out.retdata);
  });
  return serializeResults(results);
}

export function isNonceUsed(ctx: Ctx, nonce: bigint): boolean {
  return ctx.read(`src9_nonce:${nonce.toString(16)}`) === 1n;
}

export function useNonce(ctx: Ctx, nonce: bigint): void {
  ctx.write(`src9_nonce:${nonce.toString(16)}`, 1n);
}

/** get_public_key / set_public_key (OZ v3: the new key signs an 'accept_ownership' message). */
export function publicKeyEntrypoints(): Record<string, Handler> {
  const getPublicKey: Handler = (ctx) => [ownerKey(ctx)];
  const setPublicKey: Handler = (ctx, args) => {
    const newKey = args.felt();
    const signature = args.feltArray();
    assertOnlySelf(ctx);
    const current = ownerKey(ctx);
    const message = poseidonHashMany([
      encodeShortString('StarkNet Message'),
      encodeShortString('accept_ownership'),
      ctx.self,
      current,
    ]);
    const ok = signature.length === 2 && checkEcdsaSignature(message, newKey, signature[0]!, signature[1]!);
    if (!ok) panic('Account: invalid signature');
    ctx.emit([sel('OwnerRemoved'), current], []);
    ctx.write('public_key', newKey);
    ctx.emit([sel('OwnerAdded'), newKey], []);
    return [];
  };
  return { get_public_key: getPublicKey, getPublicKey, set_public_key: setPublicKey, setPublicKey };
}
