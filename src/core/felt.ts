import { InvalidInputError } from './errors/index.js';
import { describeInput } from './input.js';

/** Anything that names a felt: a bigint, a safe integer, or a decimal / 0x-hex string. */
export type BigNumberish = string | number | bigint;

/** The Stark field prime, 2^251 + 17·2^192 + 1. */
export const STARK_PRIME = 2n ** 251n + 17n * 2n ** 192n + 1n;
/** Contract addresses are below 2^251 - 256. */
export const ADDRESS_BOUND = 2n ** 251n - 256n;
export const U32_MAX = 2n ** 32n - 1n;
export const U64_MAX = 2n ** 64n - 1n;
export const U128_MAX = 2n ** 128n - 1n;
export const U256_MAX = 2n ** 256n - 1n;

// A 0x-hex or a decimal number (BigInt reads both).
const NUMBER_RE = /^(?:0x[0-9a-f]+|[0-9]+)$/i;

/** Parses a BigNumberish into a non-negative bigint, or undefined when it is not one. */
export function parseBigInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n ? value : undefined;
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  }
  if (typeof value === 'string') {
    const v = value.trim();
    if (NUMBER_RE.test(v)) return BigInt(v);
  }
  return undefined;
}

/** A felt in [0, P). Throws InvalidInputError naming `field` otherwise. */
export function toFelt(value: unknown, field = 'value'): bigint {
  const n = parseBigInt(value);
  if (n === undefined || n >= STARK_PRIME) {
    throw new InvalidInputError(field, `${field} is not a valid felt.`, { details: describeInput(value) });
  }
  return n;
}

/** A contract address: a felt in [0, 2^251 - 256). Zero is refused unless allowZero. */
export function toAddress(value: unknown, field = 'address', allowZero = false): bigint {
  const n = parseBigInt(value);
  if (n === undefined || n >= ADDRESS_BOUND || (!allowZero && n === 0n)) {
    throw new InvalidInputError(field, `${field} is not a valid Starknet address.`, {
      details: describeInput(value),
    });
  }
  return n;
}

/** An unsigned integer below or at `max`. */
export function toUint(value: unknown, max: bigint, field = 'value'): bigint {
  if (typeof max !== 'bigint') throw new InvalidInputError('max', 'max must be a bigint.');
  const n = parseBigInt(value);
  if (n === undefined || n > max) {
    throw new InvalidInputError(field, `${field} is out of range.`, { details: describeInput(value) });
  }
  return n;
}

/** 0x-prefixed lowercase hex, no leading zeros (the library's felt format at the surface). */
export function toHex(value: bigint | number): string {
  return `0x${integer(value, 'value').toString(16)}`;
}

/** 0x-prefixed hex padded to 64 digits (for display and comparison of addresses). */
export function toPaddedHex(value: bigint): string {
  return `0x${integer(value, 'value').toString(16).padStart(64, '0')}`;
}

/** A bigint or a safe integer as it is (toString(16) of anything else is a TypeError or garbage). */
function integer(value: bigint | number, field: string): bigint | number {
  if (typeof value === 'bigint' || Number.isSafeInteger(value)) return value;
  throw new InvalidInputError(field, `${field} must be a bigint or a safe integer.`, {
    details: describeInput(value),
  });
}

/** Splits a u256 into [low, high] u128 words (the Cairo Serde order). */
export function splitU256(value: BigNumberish | bigint): { low: bigint; high: bigint } {
  const n = toUint(value, U256_MAX, 'u256');
  return { low: n & U128_MAX, high: n >> 128n };
}

/** Joins u128 words into a u256; throws if a word does not fit u128. */
export function joinU256(low: BigNumberish | bigint, high: BigNumberish | bigint): bigint {
  return toUint(low, U128_MAX, 'u256.low') + (toUint(high, U128_MAX, 'u256.high') << 128n);
}

/** Encodes an ASCII string of at most 31 characters as a felt (Cairo short string). */
export function encodeShortString(text: string): bigint {
  if (typeof text !== 'string' || text.length > 31 || [...text].some((c) => c.charCodeAt(0) > 0x7f)) {
    throw new InvalidInputError('shortString', 'Short strings are ASCII and at most 31 characters.', {
      details: describeInput(text),
    });
  }
  let n = 0n;
  for (let i = 0; i < text.length; i++) n = (n << 8n) | BigInt(text.charCodeAt(i));
  return n;
}

/** Decodes a Cairo short string felt; undefined if it holds non-printable bytes. */
export function decodeShortString(value: bigint): string | undefined {
  let out = '';
  let n = parseBigInt(value);
  if (n === undefined || n >= STARK_PRIME) return undefined;
  while (n > 0n) {
    const c = Number(n & 0xffn);
    if (c < 0x20 || c > 0x7e) return undefined;
    out = String.fromCharCode(c) + out;
    n >>= 8n;
  }
  return out;
}
