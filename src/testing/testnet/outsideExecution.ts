/**
 * What the simulated paymaster reads and writes: its request params, the SNIP-29 errors, the
 * OutsideExecution V2 typed data it builds, and the `execute_from_outside_v2` calldata it relays.
 */
import { decodeShortString, toHex, U128_MAX } from '../../core/felt.js';
import { JsonRpcError } from '../errors.js';
import { type CairoCall, parseFelt } from './cairo.js';

export type Params = Record<string, unknown>;

/** The SNIP-29 error codes the paymaster answers with. */
export const paymasterError = {
  invalidAddress: () => new JsonRpcError(150, 'An error occurred (INVALID_ADDRESS)'),
  tokenNotSupported: () => new JsonRpcError(151, 'An error occurred (TOKEN_NOT_SUPPORTED)'),
  maxAmountTooLow: () => new JsonRpcError(154, 'An error occurred (MAX_AMOUNT_TOO_LOW)'),
  classHashNotSupported: () => new JsonRpcError(155, 'An error occurred (CLASS_HASH_NOT_SUPPORTED)'),
  execution: (data: unknown) =>
    new JsonRpcError(156, 'An error occurred (TRANSACTION_EXECUTION_ERROR)', data),
  timeBounds: () => new JsonRpcError(157, 'An error occurred (INVALID_TIME_BOUNDS)'),
  invalidId: () => new JsonRpcError(160, 'An error occurred (INVALID_ID)'),
  unknown: (data: string) => new JsonRpcError(163, 'An error occurred (UNKNOWN_ERROR)', data),
};

const invalidParams = (detail: string) => new JsonRpcError(-32602, 'Invalid params', detail);

export function feltParam(value: unknown, field: string): bigint {
  const n = parseFelt(value);
  if (n === undefined) throw invalidParams(`${field} is not a felt`);
  return n;
}

export function recordParam(value: unknown, field: string): Params {
  if (value === null || typeof value !== 'object') throw invalidParams(`${field} is missing`);
  return value as Params;
}

/** Calls as the request spells them: `to/selector/calldata` when built, `To/Selector/Calldata` in typed data. */
export function parseCalls(
  value: unknown,
  field: string,
  keys: { to: string; selector: string; calldata: string },
): CairoCall[] {
  if (!Array.isArray(value)) throw invalidParams(`${field} must be an array`);
  return value.map((c, i) => {
    const o = recordParam(c, `${field}[${i}]`);
    const data = o[keys.calldata] ?? [];
    if (!Array.isArray(data)) throw invalidParams(`${field}[${i}] calldata`);
    return {
      to: feltParam(o[keys.to], `${field}[${i}].to`),
      selector: feltParam(o[keys.selector], `${field}[${i}].selector`),
      calldata: data.map((d, j) => feltParam(d, `${field}[${i}].calldata[${j}]`)),
    };
  });
}

export function parseSignature(value: unknown): bigint[] {
  if (!Array.isArray(value)) throw invalidParams('signature must be an array of felts');
  return value.map((s, i) => feltParam(s, `signature[${i}]`));
}

/** The validity asked for (`time_bounds`), else a minute back from now to now + the default validity. */
export function timeBoundsOf(parameters: Params, now: bigint, validitySeconds: number) {
  if (parameters.time_bounds === undefined)
    return { after: now > 60n ? now - 60n : 0n, before: now + BigInt(validitySeconds) };
  const bounds = recordParam(parameters.time_bounds, 'time_bounds');
  const after = feltParam(bounds.execute_after ?? 0, 'execute_after');
  const before = feltParam(bounds.execute_before, 'execute_before');
  if (before <= now || after >= before || before > U128_MAX) throw paymasterError.timeBounds();
  return { after, before };
}

const OUTSIDE_EXECUTION_TYPES = {
  StarknetDomain: [
    { name: 'name', type: 'shortstring' },
    { name: 'version', type: 'shortstring' },
    { name: 'chainId', type: 'shortstring' },
    { name: 'revision', type: 'shortstring' },
  ],
  OutsideExecution: [
    { name: 'Caller', type: 'ContractAddress' },
    { name: 'Nonce', type: 'felt' },
    { name: 'Execute After', type: 'u128' },
    { name: 'Execute Before', type: 'u128' },
    { name: 'Calls', type: 'Call*' },
  ],
  Call: [
    { name: 'To', type: 'ContractAddress' },
    { name: 'Selector', type: 'selector' },
    { name: 'Calldata', type: 'felt*' },
  ],
};

export interface OutsideExecutionFields {
  chainId: bigint;
  caller: bigint;
  nonce: bigint;
  after: bigint;
  before: bigint;
  calls: readonly CairoCall[];
}

/** The SNIP-12 (revision 1) typed data of an OutsideExecution V2, as a paymaster answers it. */
export function outsideExecutionTypedData(fields: OutsideExecutionFields) {
  return {
    types: OUTSIDE_EXECUTION_TYPES,
    primaryType: 'OutsideExecution',
    domain: {
      name: 'Account.execute_from_outside',
      version: '2',
      chainId: decodeShortString(fields.chainId) ?? toHex(fields.chainId),
      revision: '1',
    },
    message: {
      Caller: toHex(fields.caller),
      Nonce: toHex(fields.nonce),
      'Execute After': toHex(fields.after),
      'Execute Before': toHex(fields.before),
      Calls: fields.calls.map((c) => ({
        To: toHex(c.to),
        Selector: toHex(c.selector),
        Calldata: c.calldata.map(toHex),
      })),
    },
  };
}

/** `execute_from_outside_v2`'s calldata: the signed message's fields, its calls, then the signature. */
export function outsideExecutionCalldata(message: Params, calls: readonly CairoCall[], signature: bigint[]) {
  return [
    feltParam(message.Caller, 'Caller'),
    feltParam(message.Nonce, 'Nonce'),
    feltParam(message['Execute After'], 'Execute After'),
    feltParam(message['Execute Before'], 'Execute Before'),
    BigInt(calls.length),
    ...calls.flatMap((c) => [c.to, c.selector, BigInt(c.calldata.length), ...c.calldata]),
    BigInt(signature.length),
    ...signature,
  ];
}
