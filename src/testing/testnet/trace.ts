/**
 * Transaction traces in the JSON-RPC 0.10 shapes (INVOKE_TXN_TRACE, FUNCTION_INVOCATION), built
 * from the call trees the execution recorded. A reverted inner call is a node with
 * `is_reverted: true` and its panic data as `result`, as a node reports it.
 */
import { toHex } from '../../core/felt.js';
import type { TransactionRecord } from './chain.js';
import type { CallNode } from './types.js';

export interface FunctionInvocationJson {
  contract_address: string;
  entry_point_selector: string;
  calldata: string[];
  caller_address: string;
  class_hash: string;
  entry_point_type: 'EXTERNAL';
  call_type: 'CALL';
  result: string[];
  calls: FunctionInvocationJson[];
  events: { order: number; keys: string[]; data: string[] }[];
  messages: never[];
  execution_resources: { l1_gas: number; l2_gas: number };
  is_reverted: boolean;
}

export interface ExecutionResourcesJson {
  l1_gas: number;
  l1_data_gas: number;
  l2_gas: number;
}

/** The simulated gas of a call tree: deterministic, not metered (the root includes its children). */
function l2GasOf(node: CallNode): number {
  return node.calls.reduce((sum, c) => sum + l2GasOf(c), 10_000 + 1_000 * node.calldata.length);
}

export function invocationJson(node: CallNode): FunctionInvocationJson {
  return {
    contract_address: toHex(node.to),
    entry_point_selector: toHex(node.selector),
    calldata: node.calldata.map(toHex),
    caller_address: toHex(node.caller),
    class_hash: toHex(node.classHash),
    entry_point_type: 'EXTERNAL',
    call_type: 'CALL',
    result: node.result.map(toHex),
    calls: node.calls.map(invocationJson),
    events: node.events.map((e) => ({ order: e.order, keys: e.keys.map(toHex), data: e.data.map(toHex) })),
    messages: [],
    execution_resources: { l1_gas: 0, l2_gas: l2GasOf(node) },
    is_reverted: node.reverted,
  };
}

export function resourcesJson(gas: {
  l1Gas: bigint;
  l1DataGas: bigint;
  l2Gas: bigint;
}): ExecutionResourcesJson {
  return { l1_gas: Number(gas.l1Gas), l1_data_gas: Number(gas.l1DataGas), l2_gas: Number(gas.l2Gas) };
}

/**
 * INVOKE_TXN_TRACE of an included transaction. No `state_diff` (optional in the spec): the
 * simulated state is keyed by field names, not storage addresses, so it has none to report truly.
 */
export function transactionTraceJson(r: TransactionRecord) {
  const { validate, execute, feeTransfer } = r.trace;
  return {
    type: 'INVOKE' as const,
    ...(validate ? { validate_invocation: invocationJson(validate) } : {}),
    execute_invocation: execute ? invocationJson(execute) : { revert_reason: r.revertReason ?? '' },
    fee_transfer_invocation: invocationJson(feeTransfer),
    execution_resources: resourcesJson(r.gas),
  };
}
