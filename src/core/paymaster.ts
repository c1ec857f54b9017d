import { type NormalizedCall, toSelector } from './call.js';
import { u256FromCalldata } from './calls.js';
import { toChainId } from './chain.js';
import { ANY_CALLER } from './constants.js';
import { InvalidInputError, PaymasterResponseMismatchError } from './errors/index.js';
import { parseBigInt, STARK_PRIME, toAddress, toHex, U64_MAX } from './felt.js';
import { CALL_MEMBERS, type NormalizedOutsideExecution, outsideExecutionMembers } from './hash.js';
import { describeInput, inputObject } from './input.js';

/** SNIP-29 fee modes (starknet.js shape). */
export type FeeMode = { mode: 'sponsored' } | { mode: 'default'; gasToken: string };

/** The outside-execution typed data a SNIP-29 paymaster returns from paymaster_buildTransaction. */
export interface PaymasterTypedData {
  types: Record<string, readonly { name: string; type: string }[]>;
  primaryType: string;
  domain: { name?: unknown; version?: unknown; chainId?: unknown; revision?: unknown };
  message: Record<string, unknown>;
}

export interface VerifyPaymasterTypedDataParameters {
  typedData: PaymasterTypedData;
  accountAddress: bigint;
  chainId: bigint;
  /** The calls we asked for, normalised. */
  calls: readonly NormalizedCall[];
  feeMode: FeeMode;
  /**
   * Gas-token mode: the app's bound on the fee transfer (base units), from the config, the call, or the
   * chain's spending policy on the gas token. Never the paymaster's own figure; required in that mode.
   */
  maxFeeInGasToken?: bigint | undefined;
  /** The answer's `fee` object: in gas-token mode an answer without `suggested_max_fee_in_gas_token` is refused. */
  fee?: unknown;
  /** Unix seconds: Execute After must be reached, Execute Before later than this and within the window. */
  now: number;
  /** Longest Execute Before accepted, in seconds from `now` (default 300). */
  maxExecuteWindowSeconds?: number | undefined;
  /** The paymaster's forwarder the app configured: the Caller must be it. */
  paymasterForwarder?: bigint | undefined;
  /** Accept a Caller of ANY_CALLER (or zero): anyone holding the signed payload may relay it. Default false. */
  allowAnyCaller?: boolean | undefined;
}

/** Gas-token mode without a bound the app set: refused before any prompt or signature. */
export function feeBoundMissing(gasToken?: bigint): InvalidInputError {
  return new InvalidInputError(
    'maxFeeInGasToken',
    'Gas-token mode needs maxFeeInGasToken or a gas-token cap.',
    { details: gasToken === undefined ? undefined : `gas token ${toHex(gasToken)}` },
  );
}

/** Default cap on how long a signed outside execution stays valid (seconds). */
export const DEFAULT_MAX_EXECUTE_WINDOW_SECONDS = 300;

export interface VerifiedPaymasterExecution {
  outsideExecution: NormalizedOutsideExecution;
  /** The fee transfer the paymaster appended (gas-token mode), if any. */
  feeCall: NormalizedCall | undefined;
}

/**
 * Checks that a paymaster's typed data is the SNIP-9 v2 outside execution of exactly our calls, plus only
 * a fee `transfer` of the gas token in gas-token mode, and returns it normalised. We then hash what we
 * checked ourselves: what is signed is what was verified, never the paymaster's own encoding.
 */
export function verifyPaymasterTypedData(p: VerifyPaymasterTypedDataParameters): VerifiedPaymasterExecution {
  inputObject(p);
  const td = p.typedData;
  if (!td || typeof td !== 'object' || !td.message || !td.domain || !td.types) {
    mismatch('typed_data', 'missing typed data');
  }
  if (td.primaryType !== 'OutsideExecution') mismatch('primaryType', td.primaryType);
  sameType(td.types.OutsideExecution, outsideExecutionMembers('u128'), 'types.OutsideExecution');
  sameType(td.types.Call, CALL_MEMBERS, 'types.Call');
  const { domain } = td;
  // In the order the fields are checked; `version` and `revision` must first be felts.
  const domainIs: Record<string, (value: unknown, field: string) => boolean> = {
    name: (value) => value === 'Account.execute_from_outside',
    version: (value, field) => felt(value, field) === 2n,
    revision: (value, field) => felt(value, field) === 1n,
    chainId: (value) => chainFelt(value) === p.chainId,
  };
  for (const [key, is] of Object.entries(domainIs)) {
    const value = domain[key as keyof typeof domain];
    if (!is(value, `domain.${key}`)) mismatch(`domain.${key}`, value);
  }

  const m = td.message;
  const messageFelt = (key: string) => felt(m[key], `message.${key}`);
  const executeAfter = messageFelt('Execute After');
  const executeBefore = messageFelt('Execute Before');
  checkTimeBounds(executeAfter, executeBefore, p);
  const caller = messageFelt('Caller');
  const relayer = checkCaller(caller, p);
  const rawCalls = m.Calls;
  if (!Array.isArray(rawCalls)) mismatch('message.Calls', 'not an array');
  const calls = (rawCalls as (TypedCall | null)[]).map((c, i) => typedCall(c, i, p.calls[i]?.entrypoint));

  const { feeMode } = p;
  const count = p.calls.length + (feeMode.mode === 'default' ? 1 : 0);
  if (calls.length !== count) mismatch('message.Calls', `${calls.length} calls, not ${count}`);
  p.calls.forEach((want, i) => {
    if (callKey(calls[i]!) !== callKey(want)) mismatch(`message.Calls[${i}]`, 'not the requested call');
  });
  let feeCall: NormalizedCall | undefined;
  if (feeMode.mode === 'default') {
    feeCall = calls[count - 1]!;
    if (
      feeCall.to !== toAddress(feeMode.gasToken, 'feeMode.gasToken') ||
      feeCall.selector !== toSelector('transfer') ||
      feeCall.calldata.length !== 3
    ) {
      feeMismatch('not a gas token transfer');
    }
    checkFee(feeCall, relayer, p);
  }
  return {
    outsideExecution: { caller, nonce: messageFelt('Nonce'), executeAfter, executeBefore, calls },
    feeCall,
  };
}

/** A call as one comparable string: target, selector, then each calldata felt. */
function callKey(c: NormalizedCall): string {
  return [c.to, c.selector, ...c.calldata].join();
}

/** A u64 range; Execute After already reached; Execute Before ahead, within the window the app allows. */
function checkTimeBounds(after: bigint, before: bigint, p: VerifyPaymasterTypedDataParameters): void {
  if (after > U64_MAX || before > U64_MAX || before <= after)
    mismatch('message.Execute Before', `${after}..${before}`);
  const now = BigInt(p.now);
  const window = p.maxExecuteWindowSeconds ?? DEFAULT_MAX_EXECUTE_WINDOW_SECONDS;
  if (before <= now) mismatch('message.Execute Before', 'already past');
  // A signed payload that stays valid for long is a payload someone may keep and relay later.
  if (before > now + BigInt(window)) {
    mismatch('message.Execute Before', `${before - now} s, above the ${window} s allowed`);
  }
  // The account requires execute_after < now (v29+; v28 allows equal): a later start would revert.
  if (after >= now) mismatch('message.Execute After', `not reached until ${after}`);
}

/**
 * Who may relay: not anyone (unless the app opted in), and the forwarder the app named, if it did.
 * Returns the relayer a gas-token fee goes to: the Caller, or the forwarder when anyone may relay.
 */
function checkCaller(caller: bigint, p: VerifyPaymasterTypedDataParameters): bigint | undefined {
  // A Caller of zero or ANY_CALLER: anyone holding the signed payload may relay it.
  const anyone = caller === 0n || caller === BigInt(ANY_CALLER);
  if (anyone && !p.allowAnyCaller) {
    mismatch('message.Caller', 'anyone could relay it');
  }
  if (!anyone && p.paymasterForwarder !== undefined && caller !== p.paymasterForwarder) {
    mismatch('message.Caller', `${toHex(caller)}, not the paymasterForwarder`);
  }
  return anyone ? p.paymasterForwarder : caller;
}

/** The fee transfer is bounded by the app's figure (and the paymaster's own suggestion) and goes to the relayer. */
function checkFee(
  feeCall: NormalizedCall,
  relayer: bigint | undefined,
  p: VerifyPaymasterTypedDataParameters,
): void {
  if (p.maxFeeInGasToken === undefined) throw feeBoundMissing(feeCall.to);
  const raw = (p.fee as { suggested_max_fee_in_gas_token?: unknown } | null | undefined)
    ?.suggested_max_fee_in_gas_token;
  const suggested = parseBigInt(raw);
  if (suggested === undefined) mismatch('fee.suggested_max_fee_in_gas_token', raw ?? 'missing');
  const amount = u256FromCalldata(feeCall.calldata[1], feeCall.calldata[2]);
  if (amount === undefined) feeMismatch('not a u256');
  if (amount! > p.maxFeeInGasToken) {
    feeMismatch(`${amount} above the maximum ${p.maxFeeInGasToken}`);
  }
  if (amount! > suggested!) feeMismatch(`${amount} above its suggestion ${suggested}`);
  if (relayer === undefined || feeCall.calldata[0] !== relayer) {
    feeMismatch(`paid to ${toHex(feeCall.calldata[0]!)}, not to the relayer`);
  }
}

/** A call as the typed data's message holds it: anything, until checked. */
type TypedCall = { To?: unknown; Selector?: unknown; Calldata?: unknown };

/** A call of the typed data, normalised; `entrypoint` is the name of the call we asked for at that place. */
function typedCall(c: TypedCall | null, i: number, entrypoint: string | undefined): NormalizedCall {
  const field = `message.Calls[${i}]`;
  if (!c || typeof c !== 'object' || !Array.isArray(c.Calldata)) mismatch(field, 'malformed call');
  let selector: bigint;
  try {
    selector = toSelector(String(c!.Selector));
  } catch {
    mismatch(`${field}.Selector`, String(c!.Selector));
  }
  return {
    to: felt(c!.To, `${field}.To`),
    selector: selector!,
    calldata: (c!.Calldata as unknown[]).map((v, j) => felt(v, `${field}.Calldata[${j}]`)),
    entrypoint,
  };
}

/** A typed-data type's members, exactly as expected (the paymaster's object, unchecked until here). */
function sameType(
  members: readonly { name?: unknown; type?: unknown }[] | undefined,
  expected: string[][],
  field: string,
): void {
  if (
    !Array.isArray(members) ||
    members.length !== expected.length ||
    members.some((e, i) => e?.name !== expected[i]![0] || e?.type !== expected[i]![1])
  ) {
    mismatch(field, members);
  }
}

function felt(value: unknown, field: string): bigint {
  const n = parseBigInt(value);
  if (n === undefined || n >= STARK_PRIME) mismatch(field, describeInput(value));
  return n!;
}

function chainFelt(value: unknown): bigint | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return toChainId(value);
  } catch {
    return undefined;
  }
}

function feeMismatch(details: string): never {
  mismatch('message.Calls[fee]', details);
}

function mismatch(field: string, details: unknown): never {
  let text = 'an unreadable value';
  try {
    // Typed data built in JS may carry bigints (or cycles): the refusal must stay typed either way.
    text =
      typeof details === 'string'
        ? details
        : JSON.stringify(details, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {}
  throw new PaymasterResponseMismatchError(field, text);
}
