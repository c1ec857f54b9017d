/**
 * Tiny JSON codecs: one schema per type gives both the encoder (bigints as 0x hex, keys in the
 * schema's order, so an export is deterministic) and a validating decoder (any mismatch throws
 * TestnetUsageError naming the path), so a restored state is exactly the exported one or nothing.
 */

import { toHex } from '../../core/felt.js';
import { TestnetUsageError } from '../errors.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface Codec<T> {
  encode(value: T): Json;
  decode(json: unknown, path: string): T;
}

export function corrupted(path: string, what: string): never {
  throw new TestnetUsageError('The testnet state is corrupted or was not exported by exportState().', {
    details: `${path}: ${what}`,
  });
}

const HEX = /^0x(0|[1-9a-f][0-9a-f]*)$/;

export const big: Codec<bigint> = {
  encode: (v) => toHex(v),
  decode: (j, path) =>
    typeof j === 'string' && HEX.test(j) ? BigInt(j) : corrupted(path, 'not a 0x hex number'),
};

export const int: Codec<number> = {
  encode: (v) => v,
  decode: (j, path) =>
    typeof j === 'number' && Number.isSafeInteger(j) && j >= 0 ? j : corrupted(path, 'not a whole number'),
};

export const str: Codec<string> = {
  encode: (v) => v,
  decode: (j, path) => (typeof j === 'string' ? j : corrupted(path, 'not a string')),
};

export const bool: Codec<boolean> = {
  encode: (v) => v,
  decode: (j, path) => (typeof j === 'boolean' ? j : corrupted(path, 'not a boolean')),
};

export function literal<T extends string>(...values: readonly T[]): Codec<T> {
  return {
    encode: (v) => v,
    decode: (j, path) =>
      values.includes(j as T) ? (j as T) : corrupted(path, `not one of ${values.join(', ')}`),
  };
}

/** An optional value: omitted from the JSON when undefined. */
export interface OptionalCodec<T> extends Codec<T | undefined> {
  readonly optional: true;
}

export function optional<T>(codec: Codec<T>): OptionalCodec<T> {
  return {
    optional: true,
    encode: (v) => (v === undefined ? null : codec.encode(v)),
    decode: (j, path) => (j === undefined ? undefined : codec.decode(j, path)),
  };
}

export function array<T>(codec: Codec<T>): Codec<T[]> {
  return {
    encode: (v) => v.map((x) => codec.encode(x)),
    decode: (j, path) =>
      Array.isArray(j) ? j.map((x, i) => codec.decode(x, `${path}[${i}]`)) : corrupted(path, 'not an array'),
  };
}

export function tuple<A, B>(a: Codec<A>, b: Codec<B>): Codec<[A, B]> {
  return {
    encode: ([x, y]) => [a.encode(x), b.encode(y)],
    decode: (j, path) =>
      Array.isArray(j) && j.length === 2
        ? [a.decode(j[0], `${path}[0]`), b.decode(j[1], `${path}[1]`)]
        : corrupted(path, 'not a pair'),
  };
}

type Shape<T> = { [K in keyof T]-?: Codec<T[K]> };

export function object<T extends object>(shape: Shape<T>): Codec<T> {
  const keys = Object.keys(shape) as (keyof T & string)[];
  return {
    encode(value) {
      const out: { [key: string]: Json } = {};
      for (const k of keys) {
        const codec = shape[k];
        if ((codec as Partial<OptionalCodec<unknown>>).optional && value[k] === undefined) continue;
        out[k] = codec.encode(value[k]);
      }
      return out;
    },
    decode(j, path) {
      if (j === null || typeof j !== 'object' || Array.isArray(j)) return corrupted(path, 'not an object');
      const o = j as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!(k in shape)) corrupted(`${path}.${k}`, 'unknown field');
      const out = {} as T;
      for (const k of keys) out[k] = shape[k].decode(o[k], `${path}.${k}`);
      return out;
    },
  };
}

/** A recursive codec (a call tree). */
export function lazy<T>(make: () => Codec<T>): Codec<T> {
  let codec: Codec<T> | undefined;
  const get = () => {
    codec ??= make();
    return codec;
  };
  return { encode: (v) => get().encode(v), decode: (j, path) => get().decode(j, path) };
}

/** cyrb53: a fast 53-bit string hash, to notice a state string damaged in storage (not a MAC). */
export function checksum(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}
