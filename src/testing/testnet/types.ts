import type { CalldataReader } from './cairo.js';

/** The transaction fields a contract can read (Cairo `get_tx_info`). */
export interface TxInfo {
  accountAddress: bigint;
  nonce: bigint;
  chainId: bigint;
  signature: bigint[];
  transactionHash: bigint;
  version: bigint;
}

export type Phase = 'validate' | 'execute' | 'view';

export interface EmittedEvent {
  fromAddress: bigint;
  keys: bigint[];
  data: bigint[];
}

/** One call run by an account's __execute__ / execute_from_outside_v2 loop, kept for assertions. */
export interface InnerCallRecord {
  /** The account that ran the call. */
  account: string;
  index: number;
  to: string;
  selector: string;
  /** false when the call panicked: the account got an empty result and went on (non-atomic). */
  ok: boolean;
  retdata: string[];
  revertReason?: string | undefined;
}

/** An event as one call emitted it, with its position among the transaction's events. */
export interface OrderedEvent {
  order: number;
  keys: bigint[];
  data: bigint[];
}

/**
 * One call of a call tree (a FUNCTION_INVOCATION of a trace), recorded while the contracts run.
 * A call that panicked keeps its panic data as `result` and shows no events (they were undone).
 */
export interface CallNode {
  caller: bigint;
  to: bigint;
  classHash: bigint;
  selector: bigint;
  calldata: bigint[];
  /** The returned felts, or the panic data when `reverted`. */
  result: bigint[];
  reverted: boolean;
  events: OrderedEvent[];
  calls: CallNode[];
}

/** What a contract model sees while it runs: its address, the caller, the tx and the block. */
export interface Ctx {
  readonly self: bigint;
  readonly caller: bigint;
  readonly tx: TxInfo;
  /** Block timestamp as the contract reads it (rounded down to the hour in the validate phase). */
  readonly timestamp: bigint;
  readonly blockNumber: bigint;
  readonly phase: Phase;
  /** Storage of this contract, by field name. Unset fields read 0. */
  read(field: string): bigint;
  write(field: string, value: bigint): void;
  emit(keys: bigint[], data: bigint[]): void;
  /** call_contract_syscall(...).unwrap_syscall(): a failure re-panics in the caller. */
  call(to: bigint, selector: bigint, calldata: bigint[]): bigint[];
  /** call_contract_syscall without unwrap: the failure is returned, its state changes undone. */
  tryCall(to: bigint, selector: bigint, calldata: bigint[]): CallOutcome;
  /** Records an inner call of an account's execution loop. */
  recordInnerCall(index: number, call: { to: bigint; selector: bigint }, outcome: CallOutcome): void;
  /** Swaps the class of this contract (replace_class_syscall). */
  replaceClass(classHash: bigint): void;
  /** The class hash of a deployed contract, or undefined. */
  classHashAt(address: bigint): bigint | undefined;
}

export type CallOutcome =
  | { ok: true; retdata: bigint[] }
  | { ok: false; panicData: bigint[]; reason: string };

export type Handler = (ctx: Ctx, args: CalldataReader) => bigint[];

export type AbiEntry = Record<string, unknown>;

/** A contract class model: its entrypoints by name, its ABI, its class hash. */
export interface ContractClass {
  readonly name: string;
  readonly classHash: bigint;
  readonly abi: readonly AbiEntry[];
  readonly entrypoints: Readonly<Record<string, Handler>>;
}
