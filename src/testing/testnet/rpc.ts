/**
 * Starknet JSON-RPC (spec 0.10) over the simulated chain: the methods starknet.js 10 and
 * starknet-react call, answered in the spec's shapes and with the spec's error codes.
 */

import { toHex } from '../../core/felt.js';
import { JsonRpcError } from '../errors.js';
import { parseFelt, sel } from './cairo.js';
import {
  type BlockRecord,
  type Chain,
  type DaMode,
  describeFailure,
  GAS_PRICES,
  type InvokeTransaction,
  type ResourceBound,
  STARKNET_VERSION,
  structuredError,
  type TransactionRecord,
  WEI_PER_FRI_DIVISOR,
} from './chain.js';
import type { Faults } from './faults.js';
import { invocationJson, resourcesJson, transactionTraceJson } from './trace.js';

/** What `starknet_specVersion` answers: the RPC version starknet.js 10.8 defaults to. */
export const RPC_SPEC_VERSION = '0.10.0';

type Params = Record<string, unknown>;
type Method = (params: Params) => unknown;

const invalidParams = (detail: string): never => {
  throw new JsonRpcError(-32602, 'Invalid params', detail);
};

function felt(value: unknown, field: string): bigint {
  const n = parseFelt(value);
  return n === undefined ? invalidParams(`${field} is not a felt: ${JSON.stringify(value)}`) : n;
}

function feltList(value: unknown, field: string): bigint[] {
  if (!Array.isArray(value)) return invalidParams(`${field} must be an array of felts`);
  return value.map((v, i) => felt(v, `${field}[${i}]`));
}

function daMode(value: unknown, field: string): DaMode {
  if (value === undefined || value === 'L1') return 'L1';
  if (value === 'L2') return 'L2';
  return invalidParams(`${field} must be L1 or L2`);
}

function bound(value: unknown, field: string): ResourceBound {
  const v = (value ?? {}) as Record<string, unknown>;
  return {
    maxAmount: felt(v.max_amount ?? '0x0', `${field}.max_amount`),
    maxPricePerUnit: felt(v.max_price_per_unit ?? '0x0', `${field}.max_price_per_unit`),
  };
}

/** BROADCASTED_INVOKE_TXN_V3 → InvokeTransaction. */
export function parseInvoke(value: unknown, field = 'invoke_transaction'): InvokeTransaction {
  if (value === null || typeof value !== 'object') return invalidParams(`${field} is missing`);
  const t = value as Record<string, unknown>;
  if (t.type !== undefined && t.type !== 'INVOKE') return invalidParams(`${field}.type must be INVOKE`);
  const rb = (t.resource_bounds ?? {}) as Record<string, unknown>;
  return {
    senderAddress: felt(t.sender_address, `${field}.sender_address`),
    calldata: feltList(t.calldata, `${field}.calldata`),
    signature: feltList(t.signature ?? [], `${field}.signature`),
    nonce: felt(t.nonce, `${field}.nonce`),
    version: felt(t.version, `${field}.version`),
    resourceBounds: {
      l1Gas: bound(rb.l1_gas, 'resource_bounds.l1_gas'),
      l2Gas: bound(rb.l2_gas, 'resource_bounds.l2_gas'),
      l1DataGas: bound(rb.l1_data_gas, 'resource_bounds.l1_data_gas'),
    },
    tip: felt(t.tip ?? '0x0', `${field}.tip`),
    paymasterData: feltList(t.paymaster_data ?? [], `${field}.paymaster_data`),
    accountDeploymentData: feltList(t.account_deployment_data ?? [], `${field}.account_deployment_data`),
    nonceDataAvailabilityMode: daMode(t.nonce_data_availability_mode, 'nonce_data_availability_mode'),
    feeDataAvailabilityMode: daMode(t.fee_data_availability_mode, 'fee_data_availability_mode'),
  };
}

const price = (fri: bigint) => ({ price_in_fri: toHex(fri), price_in_wei: toHex(fri / WEI_PER_FRI_DIVISOR) });

function header(chain: Chain, b: BlockRecord) {
  return {
    block_hash: toHex(b.hash),
    parent_hash: toHex(b.parentHash),
    block_number: b.number,
    new_root: toHex(b.hash >> 8n),
    timestamp: b.timestamp,
    sequencer_address: toHex(chain.sequencerAddress),
    l1_gas_price: price(GAS_PRICES.l1Gas),
    l2_gas_price: price(GAS_PRICES.l2Gas),
    l1_data_gas_price: price(GAS_PRICES.l1DataGas),
    l1_da_mode: 'BLOB',
    starknet_version: STARKNET_VERSION,
    event_commitment: '0x0',
    transaction_commitment: '0x0',
    receipt_commitment: '0x0',
    state_diff_commitment: '0x0',
    event_count: b.transactions.reduce((n, h) => n + (chain.transactions.get(h)?.events.length ?? 0), 0),
    transaction_count: b.transactions.length,
    state_diff_length: 0,
  };
}

function preConfirmedHeader(chain: Chain) {
  return {
    block_number: chain.latest.number + 1,
    timestamp: chain.clock.now(),
    sequencer_address: toHex(chain.sequencerAddress),
    l1_gas_price: price(GAS_PRICES.l1Gas),
    l2_gas_price: price(GAS_PRICES.l2Gas),
    l1_data_gas_price: price(GAS_PRICES.l1DataGas),
    l1_da_mode: 'BLOB',
    starknet_version: STARKNET_VERSION,
  };
}

const boundJson = (b: ResourceBound) => ({
  max_amount: toHex(b.maxAmount),
  max_price_per_unit: toHex(b.maxPricePerUnit),
});

export function transactionJson(r: TransactionRecord) {
  const t = r.transaction;
  return {
    transaction_hash: toHex(r.hash),
    type: 'INVOKE',
    version: toHex(t.version),
    sender_address: toHex(t.senderAddress),
    calldata: t.calldata.map(toHex),
    signature: t.signature.map(toHex),
    nonce: toHex(t.nonce),
    resource_bounds: {
      l1_gas: boundJson(t.resourceBounds.l1Gas),
      l2_gas: boundJson(t.resourceBounds.l2Gas),
      l1_data_gas: boundJson(t.resourceBounds.l1DataGas),
    },
    tip: toHex(t.tip),
    paymaster_data: t.paymasterData.map(toHex),
    account_deployment_data: t.accountDeploymentData.map(toHex),
    nonce_data_availability_mode: t.nonceDataAvailabilityMode,
    fee_data_availability_mode: t.feeDataAvailabilityMode,
  };
}

export function receiptJson(chain: Chain, r: TransactionRecord) {
  const block = chain.blocks[r.blockNumber]!;
  return {
    type: 'INVOKE',
    transaction_hash: toHex(r.hash),
    actual_fee: { amount: toHex(r.actualFee), unit: 'FRI' },
    execution_status: r.status,
    finality_status: 'ACCEPTED_ON_L2',
    block_hash: toHex(block.hash),
    block_number: block.number,
    messages_sent: [],
    ...(r.status === 'REVERTED' ? { revert_reason: r.revertReason ?? '' } : {}),
    events: r.events.map((e) => ({
      from_address: toHex(e.fromAddress),
      keys: e.keys.map(toHex),
      data: e.data.map(toHex),
    })),
    execution_resources: {
      l1_gas: Number(r.gas.l1Gas),
      l1_data_gas: Number(r.gas.l1DataGas),
      l2_gas: Number(r.gas.l2Gas),
    },
  };
}

/**
 * A block id as the spec writes it: tag, { block_number } or { block_hash }, as seen by a node whose
 * newest block is `head` (the latest, or older on a lagging node: newer blocks are not found there).
 */
function resolveBlock(chain: Chain, id: unknown, head = chain.latest): BlockRecord | 'pre_confirmed' {
  if (id === undefined || id === 'latest' || id === 'l1_accepted') return head;
  if (id === 'pre_confirmed' || id === 'pending') return 'pre_confirmed';
  if (id && typeof id === 'object') {
    const o = id as Record<string, unknown>;
    let b: BlockRecord | undefined;
    if (typeof o.block_number === 'number') b = chain.blocks[o.block_number];
    else if (o.block_hash !== undefined) {
      const h = parseFelt(o.block_hash);
      b = chain.blocks.find((x) => x.hash === h);
    }
    if (b && b.number <= head.number) return b;
  }
  throw new JsonRpcError(24, 'Block not found');
}

/** The newest block of the node answering `method`: the chain's, or a lagging node's (faults.staleNode). */
function headOf(chain: Chain, faults: Faults | undefined, method: string): BlockRecord {
  const lag = faults?.takeStaleRead(method);
  return lag === undefined ? chain.latest : chain.blocks[Math.min(lag, chain.latest.number)]!;
}

/** The state a read sees: the block's own, or the latest for pre_confirmed. */
const stateBlock = (chain: Chain, b: BlockRecord | 'pre_confirmed') =>
  b === 'pre_confirmed' ? chain.latest : b;

function record(chain: Chain, hash: unknown): TransactionRecord {
  const r = chain.transactions.get(felt(hash, 'transaction_hash'));
  if (!r) throw new JsonRpcError(29, 'Transaction hash not found');
  return r;
}

function deployedClass(chain: Chain, address: unknown) {
  const a = felt(address, 'contract_address');
  const classHash = chain.world.classHashAt(a);
  if (classHash === undefined) throw new JsonRpcError(20, 'Contract not found');
  return { address: a, classHash };
}

/** The class as a node returns it: a Sierra-shaped object whose `abi` lists the entrypoints. */
export function classJson(chain: Chain, classHash: bigint) {
  const cls = chain.world.classByHash(classHash);
  if (!cls) throw new JsonRpcError(28, 'Class hash not found');
  const external = Object.keys(cls.entrypoints)
    .map((name, i) => ({ selector: toHex(sel(name)), function_idx: i }))
    .sort((a, b) => (BigInt(a.selector) < BigInt(b.selector) ? -1 : 1));
  return {
    sierra_program: ['0x1', '0x7', '0x0', toHex(classHash)],
    contract_class_version: '0.1.0',
    entry_points_by_type: { CONSTRUCTOR: [], EXTERNAL: external, L1_HANDLER: [] },
    abi: JSON.stringify(cls.abi),
  };
}

function feeEstimateJson(gas: { l1Gas: bigint; l1DataGas: bigint; l2Gas: bigint }, fee: bigint) {
  return {
    l1_gas_consumed: toHex(gas.l1Gas),
    l1_gas_price: toHex(GAS_PRICES.l1Gas),
    l2_gas_consumed: toHex(gas.l2Gas),
    l2_gas_price: toHex(GAS_PRICES.l2Gas),
    l1_data_gas_consumed: toHex(gas.l1DataGas),
    l1_data_gas_price: toHex(GAS_PRICES.l1DataGas),
    overall_fee: toHex(fee),
    unit: 'FRI',
  };
}

function simulationFlags(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return invalidParams('simulation_flags must be an array');
  return value as string[];
}

function invokeList(value: unknown, field: string): InvokeTransaction[] {
  if (!Array.isArray(value)) return invalidParams(`${field} must be an array`);
  return value.map((t, i) => {
    const type = (t as { type?: unknown } | null)?.type;
    if (type !== 'INVOKE') {
      throw new JsonRpcError(
        63,
        'An unexpected error occurred',
        `The testnet only runs INVOKE transactions (${field}[${i}])`,
      );
    }
    return parseInvoke(t, `${field}[${i}]`);
  });
}

function eventsPage(chain: Chain, filter: Record<string, unknown>, head = chain.latest) {
  const from = filter.from_block === undefined ? 0 : blockNumberOf(chain, filter.from_block, head);
  const to = filter.to_block === undefined ? head.number : blockNumberOf(chain, filter.to_block, head);
  const addresses =
    filter.address === undefined
      ? undefined
      : (Array.isArray(filter.address) ? filter.address : [filter.address]).map((a, i) =>
          felt(a, `address[${i}]`),
        );
  const keys = Array.isArray(filter.keys)
    ? (filter.keys as unknown[]).map((k, i) => feltList(k, `keys[${i}]`))
    : [];
  const chunk = typeof filter.chunk_size === 'number' ? filter.chunk_size : 100;
  if (chunk > 1024) throw new JsonRpcError(31, 'Requested page size is too big');
  let start = 0;
  if (filter.continuation_token !== undefined) {
    start = Number(filter.continuation_token);
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new JsonRpcError(33, 'The supplied continuation token is invalid or unknown');
    }
  }
  const matches: unknown[] = [];
  for (let n = from; n <= to && n < chain.blocks.length; n++) {
    const block = chain.blocks[n]!;
    block.transactions.forEach((h, txIndex) => {
      const r = chain.transactions.get(h);
      r?.events.forEach((e, eventIndex) => {
        if (addresses && !addresses.includes(e.fromAddress)) return;
        if (
          keys.some(
            (allowed, i) => allowed.length > 0 && (e.keys[i] === undefined || !allowed.includes(e.keys[i]!)),
          )
        )
          return;
        matches.push({
          from_address: toHex(e.fromAddress),
          keys: e.keys.map(toHex),
          data: e.data.map(toHex),
          block_hash: toHex(block.hash),
          block_number: block.number,
          transaction_hash: toHex(h),
          transaction_index: txIndex,
          event_index: eventIndex,
        });
      });
    });
  }
  const page = matches.slice(start, start + chunk);
  return start + chunk < matches.length
    ? { events: page, continuation_token: String(start + chunk) }
    : { events: page };
}

function blockNumberOf(chain: Chain, id: unknown, head = chain.latest): number {
  const b = resolveBlock(chain, id, head);
  return b === 'pre_confirmed' ? head.number : b.number;
}

/** SIMULATE_TRANSACTIONS_RESULT item: the trace of a simulated run (no fee transfer: nothing was charged). */
function simulatedTrace(out: ReturnType<Chain['simulate']>[number]) {
  const ex = out.execute;
  return {
    transaction_trace: {
      type: 'INVOKE',
      ...(out.validate ? { validate_invocation: invocationJson(out.validate) } : {}),
      execute_invocation:
        ex.ok && ex.node
          ? invocationJson(ex.node)
          : { revert_reason: ex.ok ? '' : describeFailure(ex.frames, ex.reason) },
      execution_resources: resourcesJson(out.gas),
    },
    fee_estimation: feeEstimateJson(out.gas, out.fee),
  };
}

type MethodTable = Record<string, { names: string[]; run: Method }>;
type HeadOf = (method: string) => BlockRecord;
const m = (names: string[], run: Method) => ({ names, run });

/** The method table (chain and blocks, state, transactions). Positional params map to names in the spec's order. */
export function rpcMethods(chain: Chain, faults?: Faults): MethodTable {
  const head: HeadOf = (method) => headOf(chain, faults, method);
  return { ...blockMethods(chain, head), ...stateMethods(chain, head), ...transactionMethods(chain, head) };
}

/** The chain's identity, its head and its blocks. */
function blockMethods(chain: Chain, head: HeadOf): MethodTable {
  return {
    starknet_specVersion: m([], () => RPC_SPEC_VERSION),
    starknet_chainId: m([], () => toHex(chain.chainId)),
    starknet_syncing: m([], () => false),
    starknet_blockNumber: m([], () => head('starknet_blockNumber').number),
    starknet_blockHashAndNumber: m([], () => {
      const b = head('starknet_blockHashAndNumber');
      return { block_hash: toHex(b.hash), block_number: b.number };
    }),
    starknet_getBlockWithTxHashes: m(['block_id'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      if (b === 'pre_confirmed') return { ...preConfirmedHeader(chain), transactions: [] };
      return { status: 'ACCEPTED_ON_L2', ...header(chain, b), transactions: b.transactions.map(toHex) };
    }),
    starknet_getBlockWithTxs: m(['block_id'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      if (b === 'pre_confirmed') return { ...preConfirmedHeader(chain), transactions: [] };
      const transactions = b.transactions.map((h) => transactionJson(chain.transactions.get(h)!));
      return { status: 'ACCEPTED_ON_L2', ...header(chain, b), transactions };
    }),
    starknet_getBlockWithReceipts: m(['block_id'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      if (b === 'pre_confirmed') return { ...preConfirmedHeader(chain), transactions: [] };
      const transactions = b.transactions.map((h) => {
        const r = chain.transactions.get(h)!;
        const { block_hash: _h, block_number: _n, ...receipt } = receiptJson(chain, r);
        return { transaction: transactionJson(r), receipt };
      });
      return { status: 'ACCEPTED_ON_L2', ...header(chain, b), transactions };
    }),
    starknet_getBlockTransactionCount: m(['block_id'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      return b === 'pre_confirmed' ? 0 : b.transactions.length;
    }),
  };
}

/** Reads of contract state at a block: nonces, storage, calls, classes. */
function stateMethods(chain: Chain, head: HeadOf): MethodTable {
  return {
    starknet_getNonce: m(['block_id', 'contract_address'], (p) => {
      const b = stateBlock(chain, resolveBlock(chain, p.block_id, head('starknet_getNonce')));
      const { address } = deployedClass(chain, p.contract_address);
      return toHex(chain.world.viewAt(b.number, () => chain.nonceOf(address)));
    }),
    starknet_getStorageAt: m(['contract_address', 'key', 'block_id'], (p) => {
      deployedClass(chain, p.contract_address);
      return '0x0';
    }),
    starknet_call: m(['request', 'block_id'], (p) => {
      const b = stateBlock(chain, resolveBlock(chain, p.block_id, head('starknet_call')));
      const req = (p.request ?? {}) as Record<string, unknown>;
      const { address, classHash } = deployedClass(chain, req.contract_address);
      const selector = felt(req.entry_point_selector, 'entry_point_selector');
      if (!chain.world.entrypoint(classHash, selector)) {
        throw new JsonRpcError(21, 'Requested entry point does not exist in the contract');
      }
      const out = chain.call(address, selector, feltList(req.calldata ?? [], 'calldata'), b);
      if (!out.ok)
        throw new JsonRpcError(40, 'Contract error', {
          revert_error: structuredError(out.frames, out.panicData),
        });
      return out.retdata.map(toHex);
    }),
    starknet_getClassHashAt: m(['block_id', 'contract_address'], (p) => {
      resolveBlock(chain, p.block_id);
      return toHex(deployedClass(chain, p.contract_address).classHash);
    }),
    starknet_getClassAt: m(['block_id', 'contract_address'], (p) => {
      resolveBlock(chain, p.block_id);
      return classJson(chain, deployedClass(chain, p.contract_address).classHash);
    }),
    starknet_getClass: m(['block_id', 'class_hash'], (p) => {
      resolveBlock(chain, p.block_id);
      return classJson(chain, felt(p.class_hash, 'class_hash'));
    }),
  };
}

/** Fee estimates, simulation, sending, and what became of a transaction (receipts, traces, events). */
function transactionMethods(chain: Chain, head: HeadOf): MethodTable {
  return {
    starknet_estimateFee: m(['request', 'simulation_flags', 'block_id'], (p) => {
      resolveBlock(chain, p.block_id);
      const txs = invokeList(p.request, 'request');
      const skipValidate = simulationFlags(p.simulation_flags).includes('SKIP_VALIDATE');
      return chain
        .simulate(txs, { skipValidate, failOnRevert: true })
        .map((o) => feeEstimateJson(o.gas, o.fee));
    }),
    starknet_simulateTransactions: m(['block_id', 'transactions', 'simulation_flags'], (p) => {
      resolveBlock(chain, p.block_id);
      const txs = invokeList(p.transactions, 'transactions');
      const skipValidate = simulationFlags(p.simulation_flags).includes('SKIP_VALIDATE');
      return chain.simulate(txs, { skipValidate, failOnRevert: false }).map(simulatedTrace);
    }),
    starknet_addInvokeTransaction: m(['invoke_transaction'], (p) => {
      const r = chain.addInvoke(parseInvoke(p.invoke_transaction));
      return { transaction_hash: toHex(r.hash) };
    }),
    starknet_getTransactionReceipt: m(['transaction_hash'], (p) =>
      receiptJson(chain, record(chain, p.transaction_hash)),
    ),
    starknet_getTransactionByHash: m(['transaction_hash'], (p) =>
      transactionJson(record(chain, p.transaction_hash)),
    ),
    starknet_getTransactionByBlockIdAndIndex: m(['block_id', 'index'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      const h = b === 'pre_confirmed' ? undefined : b.transactions[Number(p.index)];
      if (h === undefined) throw new JsonRpcError(27, 'Invalid transaction index in a block');
      return transactionJson(chain.transactions.get(h)!);
    }),
    starknet_getTransactionStatus: m(['transaction_hash'], (p) => {
      const r = record(chain, p.transaction_hash);
      return {
        finality_status: 'ACCEPTED_ON_L2',
        execution_status: r.status,
        ...(r.status === 'REVERTED' ? { failure_reason: r.revertReason } : {}),
      };
    }),
    starknet_traceTransaction: m(['transaction_hash'], (p) =>
      transactionTraceJson(record(chain, p.transaction_hash)),
    ),
    starknet_traceBlockTransactions: m(['block_id', 'trace_flags'], (p) => {
      const b = resolveBlock(chain, p.block_id);
      if (b === 'pre_confirmed') return [];
      return b.transactions.map((h) => ({
        transaction_hash: toHex(h),
        trace_root: transactionTraceJson(chain.transactions.get(h)!),
      }));
    }),
    starknet_getEvents: m(['filter'], (p) =>
      eventsPage(chain, (p.filter ?? {}) as Record<string, unknown>, head('starknet_getEvents')),
    ),
  };
}
