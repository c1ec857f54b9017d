import { hash } from 'starknet';
import { InvalidInputError } from './errors/index.js';
import { type BigNumberish, toAddress, toFelt } from './felt.js';
import { HEX_RE } from './input.js';

/**
 * A call as starknet.js writes it. `entrypoint` is a name (`'transfer'`) or an already computed
 * selector (`'0x83af…'`); `calldata` is the compiled felt array.
 */
export interface SessionCall {
  contractAddress: string;
  entrypoint: string;
  calldata?: readonly BigNumberish[] | undefined;
}

/** A call reduced to felts, the form the contract hashes. */
export interface NormalizedCall {
  to: bigint;
  selector: bigint;
  calldata: bigint[];
  /** The name the caller used, if it was a name. */
  entrypoint: string | undefined;
}

const IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const selectorCache = new Map<string, bigint>();

/** The selector of an entrypoint given by name or as a hex selector. Cached: keccak is not free. */
export function toSelector(entrypoint: string, field = 'entrypoint'): bigint {
  if (typeof entrypoint !== 'string') {
    throw new InvalidInputError(field, `${field} must be a string.`);
  }
  const cached = selectorCache.get(entrypoint);
  if (cached !== undefined) return cached;
  let selector: bigint;
  if (HEX_RE.test(entrypoint)) {
    selector = toFelt(entrypoint, field);
  } else if (IDENTIFIER_RE.test(entrypoint)) {
    selector = BigInt(hash.getSelectorFromName(entrypoint));
  } else {
    throw new InvalidInputError(field, `${field} is not an entrypoint name or selector.`, {
      details: entrypoint,
    });
  }
  if (selectorCache.size > 4096) selectorCache.clear();
  selectorCache.set(entrypoint, selector);
  return selector;
}

/**
 * Entrypoint names by selector for a list of names, hashed at first use: names cost an app's bundle
 * less than their selectors (constants.ts keeps the selectors; constants.test.ts pins both).
 */
export function selectorsOf<TName extends string>(names: readonly TName[]): () => Map<bigint, TName> {
  let map: Map<bigint, TName> | undefined;
  return () => (map ??= new Map(names.map((name) => [toSelector(name), name])));
}

/** The ERC-20 entrypoints whose amount the spending policy counts (SPENDING_TRACKED_SELECTORS). */
export const trackedSelectors = /* @__PURE__ */ selectorsOf([
  'transfer',
  'approve',
  'increase_allowance',
  'increaseAllowance',
]);

/** True when `entrypoint` is written as a selector rather than a name. */
export function isSelectorString(entrypoint: string): boolean {
  return HEX_RE.test(entrypoint);
}

/** Validates and reduces calls to felts. Throws InvalidInputError naming the bad field. */
export function normalizeCalls(calls: readonly SessionCall[], field = 'calls'): NormalizedCall[] {
  if (!Array.isArray(calls)) throw new InvalidInputError(field, `${field} must be an array of calls.`);
  return Array.from(calls, (call, i) => {
    const at = `${field}[${i}]`;
    if (call === null || typeof call !== 'object') throw new InvalidInputError(at, `${at} is not a call.`);
    // Refused first, as toSelector refuses it: "<field> must be a string".
    if (typeof call.entrypoint !== 'string') toSelector(call.entrypoint, `${at}.entrypoint`);
    const raw = call.calldata ?? [];
    if (!Array.isArray(raw)) {
      throw new InvalidInputError(`${at}.calldata`, `${at}.calldata must be a compiled felt array.`);
    }
    const calldata = Array.from(raw, (v, j) => toFelt(v, `${at}.calldata[${j}]`));
    return {
      to: toAddress(call.contractAddress, `${at}.contractAddress`),
      selector: toSelector(call.entrypoint, `${at}.entrypoint`),
      calldata,
      entrypoint: isSelectorString(call.entrypoint) ? undefined : call.entrypoint,
    };
  });
}
