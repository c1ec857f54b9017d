import { toSelector } from './call.js';
import { InvalidInputError } from './errors/index.js';
import {
  type BigNumberish,
  joinU256,
  splitU256,
  toAddress,
  toFelt,
  toHex,
  toUint,
  U32_MAX,
  U64_MAX,
} from './felt.js';
import { describeInput, inputObject } from './input.js';

/** A call ready for starknet.js / a wallet: entrypoint by name, calldata as 0x hex felts. */
export interface AccountCall {
  contractAddress: string;
  entrypoint: string;
  calldata: string[];
}

export interface AddSessionCallParameters {
  accountAddress: string;
  /** The session public key (x), as returned by generateSessionKey. */
  publicKey: BigNumberish;
  validUntil: BigNumberish;
  maxCalls: BigNumberish;
  /** Entrypoint names or hex selectors; empty = every non-admin selector (see policy.ts). */
  allowedEntrypoints: readonly string[];
}

/** `add_or_update_session_key(session_key, valid_until: u64, max_calls: u32, allowed_entrypoints: Array<felt252>)`. */
export function buildAddSessionCall(parameters: AddSessionCallParameters): AccountCall {
  inputObject(parameters);
  if (!Array.isArray(parameters.allowedEntrypoints))
    throw new InvalidInputError('allowedEntrypoints', 'allowedEntrypoints must be an array.');
  return addSessionCall(parameters);
}

/** buildAddSessionCall without its input checks, for createSession's parameters (an object, an array). */
export function addSessionCall(parameters: AddSessionCallParameters): AccountCall {
  const selectors = parameters.allowedEntrypoints.map((e, i) => toSelector(e, `allowedEntrypoints[${i}]`));
  return {
    contractAddress: toHex(toAddress(parameters.accountAddress, 'accountAddress')),
    entrypoint: 'add_or_update_session_key',
    calldata: [
      toHex(toFelt(parameters.publicKey, 'publicKey')),
      toHex(toUint(parameters.validUntil, U64_MAX, 'validUntil')),
      toHex(toUint(parameters.maxCalls, U32_MAX, 'maxCalls')),
      toHex(selectors.length),
      ...selectors.map(toHex),
    ],
  };
}

export interface SessionKeyCallParameters {
  accountAddress: string;
  publicKey: BigNumberish;
}

/** `revoke_session_key(session_key)`. */
export function buildRevokeSessionCall(parameters: SessionKeyCallParameters): AccountCall {
  inputObject(parameters);
  return {
    contractAddress: toHex(toAddress(parameters.accountAddress, 'accountAddress')),
    entrypoint: 'revoke_session_key',
    calldata: [toHex(toFelt(parameters.publicKey, 'publicKey'))],
  };
}

/** `get_session_data(session_key)`, for starknet_call. */
export function buildGetSessionDataCall(parameters: SessionKeyCallParameters): AccountCall {
  return { ...buildRevokeSessionCall(parameters), entrypoint: 'get_session_data' };
}

export interface SpendingPolicyCallParameters extends SessionKeyCallParameters {
  token: string;
  /** Base units (u256). */
  maxPerCall: BigNumberish;
  /** Base units (u256). */
  maxPerWindow: BigNumberish;
  windowSeconds: BigNumberish;
}

/** `set_spending_policy(session_key, token, max_per_call: u256, max_per_window: u256, window_seconds: u64)`. */
export function buildSetSpendingPolicyCall(parameters: SpendingPolicyCallParameters): AccountCall {
  inputObject(parameters);
  const perCall = splitU256(parameters.maxPerCall);
  const perWindow = splitU256(parameters.maxPerWindow);
  return {
    contractAddress: toHex(toAddress(parameters.accountAddress, 'accountAddress')),
    entrypoint: 'set_spending_policy',
    calldata: [
      toHex(toFelt(parameters.publicKey, 'publicKey')),
      toHex(toAddress(parameters.token, 'token')),
      toHex(perCall.low),
      toHex(perCall.high),
      toHex(perWindow.low),
      toHex(perWindow.high),
      toHex(toUint(parameters.windowSeconds, U64_MAX, 'windowSeconds')),
    ],
  };
}

export interface TokenCallParameters extends SessionKeyCallParameters {
  token: string;
}

/** `remove_spending_policy(session_key, token)`. */
export function buildRemoveSpendingPolicyCall(parameters: TokenCallParameters): AccountCall {
  inputObject(parameters);
  return {
    contractAddress: toHex(toAddress(parameters.accountAddress, 'accountAddress')),
    entrypoint: 'remove_spending_policy',
    calldata: [toHex(toFelt(parameters.publicKey, 'publicKey')), toHex(toAddress(parameters.token, 'token'))],
  };
}

/** `get_spending_policy(session_key, token)`, for starknet_call. */
export function buildGetSpendingPolicyCall(parameters: TokenCallParameters): AccountCall {
  return { ...buildRemoveSpendingPolicyCall(parameters), entrypoint: 'get_spending_policy' };
}

/** The contract's SessionData (4 felts, in this order). */
export interface SessionData {
  /** Unix seconds; 0 means the session does not exist (never added, or revoked). */
  validUntil: number;
  /** Transactions allowed (not individual calls). */
  maxCalls: number;
  callsUsed: number;
  /** 0 = no selector whitelist. */
  allowedEntrypointsLen: number;
  exists: boolean;
}

/** Parses `get_session_data`'s result: `[valid_until, max_calls, calls_used, allowed_entrypoints_len]`. */
export function parseSessionData(result: readonly BigNumberish[]): SessionData {
  if (!Array.isArray(result) || result.length !== 4) {
    throw new InvalidInputError('sessionData', 'get_session_data returns exactly 4 felts.', {
      details: describeInput(Array.isArray(result) ? result.map(describeInput) : result),
    });
  }
  const validUntil = Number(toUint(result[0], U64_MAX, 'sessionData.validUntil'));
  return {
    validUntil,
    maxCalls: Number(toUint(result[1], U32_MAX, 'sessionData.maxCalls')),
    callsUsed: Number(toUint(result[2], U32_MAX, 'sessionData.callsUsed')),
    allowedEntrypointsLen: Number(toUint(result[3], U32_MAX, 'sessionData.allowedEntrypointsLen')),
    exists: validUntil !== 0,
  };
}

/** The contract's SpendingPolicy (8 felts). */
export interface SpendingPolicyState {
  maxPerCall: bigint;
  /** 0 means "no policy" for this token. */
  maxPerWindow: bigint;
  windowSeconds: number;
  spentInWindow: bigint;
  /** Unix seconds of the last window reset (tumbling window). */
  windowStart: number;
  enabled: boolean;
  /** window_start + window_seconds passes u64::MAX: the contract's check panics on every tracked spend. */
  windowOverflows?: boolean | undefined;
}

/** Parses `get_spending_policy`'s result: `[mpc.low, mpc.high, mpw.low, mpw.high, window, spent.low, spent.high, start]`. */
export function parseSpendingPolicy(result: readonly BigNumberish[]): SpendingPolicyState {
  if (!Array.isArray(result) || result.length !== 8) {
    throw new InvalidInputError('spendingPolicy', 'get_spending_policy returns exactly 8 felts.');
  }
  const [a, b, c, d, e, f, g, h] = result as BigNumberish[];
  const maxPerWindow = joinU256(c!, d!);
  const windowSeconds = toUint(e, U64_MAX, 'spendingPolicy.windowSeconds');
  const windowStart = toUint(h, U64_MAX, 'spendingPolicy.windowStart');
  return {
    maxPerCall: joinU256(a!, b!),
    maxPerWindow,
    windowSeconds: Number(windowSeconds),
    spentInWindow: joinU256(f!, g!),
    windowStart: Number(windowStart),
    enabled: maxPerWindow > 0n,
    // Summed exactly here: as numbers, values near 2^64 round.
    windowOverflows: windowStart + windowSeconds > U64_MAX,
  };
}

/** Decodes two calldata words into a u256; undefined when either word is not a u128. */
export function u256FromCalldata(low: unknown, high: unknown): bigint | undefined {
  try {
    return joinU256(low as BigNumberish, high as BigNumberish);
  } catch {
    return undefined;
  }
}
