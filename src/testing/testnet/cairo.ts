import { hash } from 'starknet';
import {
  decodeShortString,
  encodeShortString,
  STARK_PRIME,
  toHex,
  U32_MAX,
  U64_MAX,
  U128_MAX,
} from '../../core/felt.js';
import { ContractPanicError } from '../errors.js';

/** Cairo's ByteArray Serde starts panic data with this magic felt. */
export const BYTE_ARRAY_MAGIC = 0x46a6158a16a947e5916b2a2ca68501a45e93d7110e81aa2d6438b1c57c879a3n;
/** 'VALID', what __validate__ and is_valid_signature return on success. */
export const VALID = 0x56414c4944n;
/** What the sequencer appends to a failed inner call's panic data. */
export const ENTRYPOINT_FAILED = encodeShortString('ENTRYPOINT_FAILED');
export const ENTRYPOINT_NOT_FOUND = encodeShortString('ENTRYPOINT_NOT_FOUND');

const selectorCache = new Map<string, bigint>();
/** sn_keccak selector of an entrypoint or event name (memoised; computed on first use, never at import). */
export function sel(name: string): bigint {
  let s = selectorCache.get(name);
  if (s === undefined) {
    s = BigInt(hash.getSelectorFromName(name));
    selectorCache.set(name, s);
  }
  return s;
}

/** Starknet keccak of an arbitrary string (type hashes are computed with it). */
export function snKeccak(text: string): bigint {
  return BigInt(hash.starknetKeccak(text));
}

/** Throws the Cairo panic `panic_with_felt252('reason')` (one or more shortstrings). */
export function panic(...reasons: string[]): never {
  const data = reasons.map((r) => encodeShortString(r));
  throw new ContractPanicError(data, formatPanicData(data));
}

/** Throws `panic!("message")`: a ByteArray in the panic data. */
export function panicMessage(message: string): never {
  const data = [BYTE_ARRAY_MAGIC, ...serializeByteArray(message)];
  throw new ContractPanicError(data, formatPanicData(data));
}

/** Re-throws panic data as is (an inner call's failure propagated by unwrap_syscall). */
export function panicWith(data: bigint[]): never {
  throw new ContractPanicError(data, formatPanicData(data));
}

function serializeByteArray(text: string): bigint[] {
  const bytes = new TextEncoder().encode(text);
  const full = Math.floor(bytes.length / 31);
  const words: bigint[] = [BigInt(full)];
  const word = (from: number, to: number) => {
    let n = 0n;
    for (let i = from; i < to; i++) n = (n << 8n) | BigInt(bytes[i]!);
    return n;
  };
  for (let i = 0; i < full; i++) words.push(word(i * 31, i * 31 + 31));
  words.push(word(full * 31, bytes.length), BigInt(bytes.length - full * 31));
  return words;
}

function decodeByteArray(data: bigint[]): string | undefined {
  const full = Number(data[0] ?? -1n);
  if (full < 0 || data.length !== full + 3) return undefined;
  const bytes: number[] = [];
  const push = (w: bigint, len: number) => {
    for (let i = len - 1; i >= 0; i--) bytes.push(Number((w >> BigInt(8 * i)) & 0xffn));
  };
  for (let i = 0; i < full; i++) push(data[1 + i]!, 31);
  push(data[full + 1]!, Number(data[full + 2]!));
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Panic data as a Starknet node prints it: `0x… ('reason')`, a tuple for several felts, or "text". */
export function formatPanicData(data: bigint[]): string {
  if (data[0] === BYTE_ARRAY_MAGIC) {
    const text = decodeByteArray(data.slice(1));
    if (text !== undefined) return `${toHex(BYTE_ARRAY_MAGIC)} ("${text}")`;
  }
  const one = (f: bigint) => {
    const s = f === 0n ? undefined : decodeShortString(f);
    return s ? `${toHex(f)} ('${s}')` : toHex(f);
  };
  if (data.length === 1) return one(data[0]!);
  return `(${data.map(one).join(', ')})`;
}

/** The readable reasons inside panic data: every shortstring felt, or the ByteArray message. */
export function panicReasons(data: bigint[]): string[] {
  if (data[0] === BYTE_ARRAY_MAGIC) {
    const text = decodeByteArray(data.slice(1));
    return text === undefined ? [] : [text];
  }
  return data.map((f) => (f === 0n ? undefined : decodeShortString(f))).filter((s): s is string => !!s);
}

/** A call as the account's Serde sees it (`starknet::account::Call`). */
export interface CairoCall {
  to: bigint;
  selector: bigint;
  calldata: bigint[];
}

export interface CairoOutsideExecution {
  caller: bigint;
  nonce: bigint;
  executeAfter: bigint;
  executeBefore: bigint;
  calls: CairoCall[];
}

/**
 * Reads an entrypoint's calldata the way the Cairo entrypoint wrapper deserialises it: each
 * top-level read is one parameter; a failure panics 'Failed to deserialize param #N'.
 */
export class CalldataReader {
  private pos = 0;
  private param = 0;
  constructor(private readonly data: readonly bigint[]) {}

  private fail(): never {
    return panic(`Failed to deserialize param #${this.param}`);
  }
  private take(): bigint {
    if (this.pos >= this.data.length) this.fail();
    return this.data[this.pos++]!;
  }
  private bounded(max: bigint): bigint {
    const v = this.take();
    if (v > max) this.fail();
    return v;
  }
  private readCalls(): CairoCall[] {
    const n = Number(this.bounded(U32_MAX));
    const calls: CairoCall[] = [];
    for (let i = 0; i < n; i++) {
      const to = this.take();
      const selector = this.take();
      const len = Number(this.bounded(U32_MAX));
      const calldata: bigint[] = [];
      for (let j = 0; j < len; j++) calldata.push(this.take());
      calls.push({ to, selector, calldata });
    }
    return calls;
  }
  private begin(): void {
    this.param++;
  }

  felt(): bigint {
    this.begin();
    return this.take();
  }
  u8(): number {
    this.begin();
    return Number(this.bounded(255n));
  }
  u32(): bigint {
    this.begin();
    return this.bounded(U32_MAX);
  }
  u64(): bigint {
    this.begin();
    return this.bounded(U64_MAX);
  }
  u128(): bigint {
    this.begin();
    return this.bounded(U128_MAX);
  }
  u256(): bigint {
    this.begin();
    const low = this.bounded(U128_MAX);
    const high = this.bounded(U128_MAX);
    return low + (high << 128n);
  }
  bool(): boolean {
    this.begin();
    const v = this.bounded(1n);
    return v === 1n;
  }
  feltArray(): bigint[] {
    this.begin();
    const n = Number(this.bounded(U32_MAX));
    const out: bigint[] = [];
    for (let i = 0; i < n; i++) out.push(this.take());
    return out;
  }
  calls(): CairoCall[] {
    this.begin();
    return this.readCalls();
  }
  outsideExecution(): CairoOutsideExecution {
    this.begin();
    const caller = this.take();
    const nonce = this.take();
    const executeAfter = this.bounded(U64_MAX);
    const executeBefore = this.bounded(U64_MAX);
    return { caller, nonce, executeAfter, executeBefore, calls: this.readCalls() };
  }
  /** The wrapper refuses calldata longer than the parameters. */
  end(): void {
    if (this.pos !== this.data.length) panic('Input too long for arguments');
  }
}

/** Cairo Serde of a u256 as [low, high]. */
export function u256(value: bigint): bigint[] {
  return [value & U128_MAX, value >> 128n];
}

export function bool(value: boolean): bigint[] {
  return [value ? 1n : 0n];
}

/** Parses a JSON felt ('0x…' hex or decimal string, or number). Undefined when it is not one. */
export function parseFelt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n && value < STARK_PRIME ? value : undefined;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return undefined;
  const n = BigInt(v);
  return n < STARK_PRIME ? n : undefined;
}
