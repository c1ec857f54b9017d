/**
 * The simulated sequencer: state, blocks, transactions, receipts and the fee model. Transactions
 * go through the protocol's phases exactly as on Starknet: nonce and resource checks, `__validate__`
 * (rejected = never included), nonce bump, `__execute__` (a failure = included as REVERTED, its state
 * undone, the fee still charged), fee transfer in STRK. Every accepted transaction gets its own block.
 */
import { hash as snHash } from 'starknet';
import { toHex } from '../../core/felt.js';
import { JsonRpcError } from '../errors.js';
import { formatPanicData, sel, u256, VALID } from './cairo.js';
import { Clock } from './clock.js';
import { balanceOf, transferTokens } from './contracts/erc20.js';
import { type ErrorFrame, Execution, type RunOutcome } from './execution.js';
import { poseidonHashMany } from './hashing.js';
import { type Checkpoint, WorldState } from './state.js';
import type { CallNode, ContractClass, Ctx, EmittedEvent, InnerCallRecord, TxInfo } from './types.js';

export type DaMode = 'L1' | 'L2';

export interface ResourceBound {
  maxAmount: bigint;
  maxPricePerUnit: bigint;
}

export interface ResourceBounds {
  l1Gas: ResourceBound;
  l2Gas: ResourceBound;
  l1DataGas: ResourceBound;
}

/** An INVOKE v3 transaction, parsed from its JSON-RPC form. */
export interface InvokeTransaction {
  senderAddress: bigint;
  calldata: bigint[];
  signature: bigint[];
  nonce: bigint;
  version: bigint;
  resourceBounds: ResourceBounds;
  tip: bigint;
  paymasterData: bigint[];
  accountDeploymentData: bigint[];
  nonceDataAvailabilityMode: DaMode;
  feeDataAvailabilityMode: DaMode;
}

export interface GasUsage {
  l1Gas: bigint;
  l1DataGas: bigint;
  l2Gas: bigint;
}

export interface BlockRecord {
  number: number;
  hash: bigint;
  parentHash: bigint;
  timestamp: number;
  transactions: bigint[];
}

export type ExecutionStatus = 'SUCCEEDED' | 'REVERTED';

/** The call trees of an included transaction (what starknet_traceTransaction answers). */
export interface TransactionTrace {
  validate: CallNode | undefined;
  /** Absent when the transaction reverted (the trace then carries the revert reason). */
  execute: CallNode | undefined;
  feeTransfer: CallNode;
}

/** Everything the testnet keeps about an accepted transaction. */
export interface TransactionRecord {
  hash: bigint;
  transaction: InvokeTransaction;
  blockNumber: number;
  index: number;
  status: ExecutionStatus;
  revertReason: string | undefined;
  events: EmittedEvent[];
  /** Calls the account's execution loop ran, with their outcome (non-atomic failures show here). */
  innerCalls: InnerCallRecord[];
  gas: GasUsage;
  actualFee: bigint;
  /** Returned data of __execute__ (Array<Span<felt252>>), when it succeeded. */
  result: bigint[];
  trace: TransactionTrace;
}

/** Gas prices of every block (FRI; WEI is shown as a fixed fraction). */
export const GAS_PRICES = { l1Gas: 50_000_000_000_000n, l1DataGas: 100_000n, l2Gas: 3_000_000_000n } as const;
export const WEI_PER_FRI_DIVISOR = 10_000n;
export const STARKNET_VERSION = '0.14.1';
/** The query-version flag starknet.js sets on estimate/simulate transactions (2^128 + 3). */
export const QUERY_VERSION_BASE = 1n << 128n;
const QUERY_VERSION = QUERY_VERSION_BASE + 3n;

export interface ChainOptions {
  chainId: bigint;
  startTime: number;
  feeToken: bigint;
  sequencerAddress: bigint;
  /** A chain restored from an export: its history replaces the genesis block. */
  history?: { blocks: BlockRecord[]; transactions: TransactionRecord[] } | undefined;
}

export interface RunHooks {
  /** Called for each call of a committed execute phase; true forces that call to panic. */
  forceRevert?: ((to: bigint, selector: bigint) => boolean) | undefined;
}

export class Chain {
  readonly world = new WorldState();
  readonly clock: Clock;
  readonly chainId: bigint;
  readonly feeToken: bigint;
  readonly sequencerAddress: bigint;
  readonly blocks: BlockRecord[] = [];
  readonly transactions = new Map<bigint, TransactionRecord>();
  hooks: RunHooks = {};
  private readonly blockListeners = new Set<(block: BlockRecord) => void>();

  constructor(options: ChainOptions) {
    this.chainId = options.chainId;
    this.feeToken = options.feeToken;
    this.sequencerAddress = options.sequencerAddress;
    this.clock = new Clock(options.startTime);
    if (options.history) {
      this.blocks.push(...options.history.blocks);
      for (const t of options.history.transactions) this.transactions.set(t.hash, t);
    } else {
      this.mineBlock([]);
    }
    // The chain keeps producing blocks: moving the clock shows up as a new (empty) block.
    this.clock.onChange(() => this.announce(this.mineBlock([])));
  }

  /** Called after every new block (a transaction, a clock move, a consumed nonce), once it is filed. */
  onBlock(listener: (block: BlockRecord) => void): void {
    this.blockListeners.add(listener);
  }

  private announce(block: BlockRecord): void {
    for (const listener of this.blockListeners) listener(block);
  }

  // ---- genesis helpers -------------------------------------------------------------------

  /** Puts a contract at an address with its constructor run (genesis state, no transaction). */
  deploy(address: bigint, cls: ContractClass, construct?: (ctx: Ctx) => void): void {
    this.world.declare(cls);
    this.world.deploy(address, cls.classHash);
    if (construct) this.asContract(address, construct);
    this.world.commit();
  }

  /** Runs code as the contract at `address` (constructors, faucet and cheat codes). */
  asContract<T>(address: bigint, body: (ctx: Ctx) => T): T {
    const ex = new Execution(this.world, {
      tx: this.emptyTx(),
      timestamp: BigInt(this.clock.now()),
      blockNumber: 0n,
    });
    const result = ex.withCtx(address, body);
    this.world.commit();
    return result;
  }

  // ---- blocks ----------------------------------------------------------------------------

  get latest(): BlockRecord {
    return this.blocks[this.blocks.length - 1]!;
  }

  private mineBlock(transactions: bigint[]): BlockRecord {
    const parent = this.blocks[this.blocks.length - 1];
    const number = this.blocks.length;
    const timestamp = this.clock.now();
    const parentHash = parent?.hash ?? 0n;
    const block: BlockRecord = {
      number,
      parentHash,
      timestamp,
      transactions,
      hash: poseidonHashMany([BigInt(number), BigInt(timestamp), parentHash, ...transactions]),
    };
    this.blocks.push(block);
    this.world.block = number;
    return block;
  }

  // ---- reads -----------------------------------------------------------------------------

  private emptyTx(): TxInfo {
    return {
      accountAddress: 0n,
      nonce: 0n,
      chainId: this.chainId,
      signature: [],
      transactionHash: 0n,
      version: 0n,
    };
  }

  /** starknet_call: runs a view on the state at `block` (default: the latest) and throws the change away. */
  call(to: bigint, selector: bigint, calldata: bigint[], block = this.latest): RunOutcome {
    const view = () => {
      const ex = new Execution(this.world, {
        tx: this.emptyTx(),
        timestamp: BigInt(block === this.latest ? this.clock.now() : block.timestamp),
        blockNumber: BigInt(block.number),
      });
      return ex.run('view', 0n, to, selector, calldata);
    };
    return this.world.viewAt(block.number, view);
  }

  nonceOf(address: bigint): bigint {
    return this.world.nonceOf(address);
  }

  isAccount(address: bigint): boolean {
    const classHash = this.world.classHashAt(address);
    return classHash !== undefined && this.world.entrypoint(classHash, sel('__validate__')) !== undefined;
  }

  // ---- transactions ----------------------------------------------------------------------

  transactionHash(tx: InvokeTransaction): bigint {
    const bound = (b: ResourceBound) => ({ max_amount: b.maxAmount, max_price_per_unit: b.maxPricePerUnit });
    return BigInt(
      snHash.calculateInvokeTransactionHash({
        senderAddress: toHex(tx.senderAddress),
        version: toHex(tx.version) as '0x3',
        compiledCalldata: tx.calldata.map(toHex),
        chainId: toHex(this.chainId) as `0x${string}`,
        nonce: tx.nonce,
        accountDeploymentData: tx.accountDeploymentData,
        nonceDataAvailabilityMode: tx.nonceDataAvailabilityMode === 'L1' ? 0 : 1,
        feeDataAvailabilityMode: tx.feeDataAvailabilityMode === 'L1' ? 0 : 1,
        resourceBounds: {
          l1_gas: bound(tx.resourceBounds.l1Gas),
          l2_gas: bound(tx.resourceBounds.l2Gas),
          l1_data_gas: bound(tx.resourceBounds.l1DataGas),
        },
        tip: tx.tip,
        paymasterData: tx.paymasterData,
      } as unknown as Parameters<typeof snHash.calculateInvokeTransactionHash>[0]),
    );
  }

  /** Deterministic gas of a transaction: what estimates report and what inclusion charges. */
  gasOf(tx: InvokeTransaction): GasUsage {
    const calls = Number(tx.calldata[0] ?? 0n);
    return {
      l1Gas: 0n,
      l1DataGas: 128n + 32n * BigInt(calls),
      l2Gas: 400_000n + 180_000n * BigInt(calls) + 1_500n * BigInt(tx.calldata.length) + 240_000n,
    };
  }

  feeOf(gas: GasUsage, tip = 0n): bigint {
    return (
      gas.l1Gas * GAS_PRICES.l1Gas +
      gas.l1DataGas * GAS_PRICES.l1DataGas +
      gas.l2Gas * (GAS_PRICES.l2Gas + tip)
    );
  }

  private txInfo(tx: InvokeTransaction, txHash: bigint): TxInfo {
    return {
      accountAddress: tx.senderAddress,
      nonce: tx.nonce,
      chainId: this.chainId,
      signature: tx.signature,
      transactionHash: txHash,
      version: tx.version,
    };
  }

  private nonceMismatch(tx: InvokeTransaction): string | undefined {
    const current = this.world.nonceOf(tx.senderAddress);
    if (tx.nonce === current) return undefined;
    return `Invalid transaction nonce of contract at address ${toPaddedAddress(tx.senderAddress)}. Account nonce: ${toHex(current)}; got: ${toHex(tx.nonce)}.`;
  }

  /** Runs validate + execute on the current state; the caller decides to keep or roll back. */
  private runPhases(
    tx: InvokeTransaction,
    txHash: bigint,
    skipValidate: boolean,
    hooks: RunHooks,
  ): {
    ex: Execution;
    validateError?: string;
    validate?: CallNode | undefined;
    execute?: RunOutcome;
    beforeExecute?: Checkpoint;
  } {
    const ex = new Execution(this.world, {
      tx: this.txInfo(tx, txHash),
      timestamp: BigInt(this.clock.now()),
      blockNumber: BigInt(this.latest.number + 1),
      forceRevert: hooks.forceRevert,
    });
    let validate: CallNode | undefined;
    if (!skipValidate) {
      const v = ex.run('validate', 0n, tx.senderAddress, sel('__validate__'), tx.calldata);
      validate = v.node;
      if (!v.ok) return { ex, validateError: describeFailure(v.frames, v.reason) };
      if (v.retdata[0] !== VALID) {
        return {
          ex,
          validateError: `The 'validate' entry point should return 'VALID'. Got: ${toHex(v.retdata[0] ?? 0n)}.`,
        };
      }
    }
    this.world.setNonce(tx.senderAddress, tx.nonce + 1n);
    const beforeExecute = this.world.checkpoint();
    const out = ex.run('execute', 0n, tx.senderAddress, sel('__execute__'), tx.calldata);
    return { ex, validate, execute: out, beforeExecute };
  }

  /** starknet_estimateFee / simulateTransactions: runs the transactions in sequence, then undoes everything. */
  simulate(txs: InvokeTransaction[], options: { skipValidate: boolean; failOnRevert: boolean }) {
    const cp = this.world.checkpoint();
    try {
      return txs.map((tx, index) => {
        const fail = (error: unknown): never => {
          throw new JsonRpcError(41, 'Transaction execution error', {
            transaction_index: index,
            execution_error: error,
          });
        };
        if (!this.isAccount(tx.senderAddress))
          fail(`Requested contract address ${toPaddedAddress(tx.senderAddress)} is not an account.`);
        const nonceError = this.nonceMismatch(tx);
        if (nonceError) fail(nonceError);
        const txHash = this.transactionHash(tx);
        const run = this.runPhases(tx, txHash, options.skipValidate, {});
        if (run.validateError !== undefined) fail(run.validateError);
        const out = run.execute!;
        if (!out.ok && options.failOnRevert) fail(structuredError(out.frames, out.panicData));
        const gas = this.gasOf(tx);
        return {
          gas,
          fee: this.feeOf(gas, tx.tip),
          validate: run.validate,
          execute: out,
          events: run.ex.events,
        };
      });
    } finally {
      this.world.rollback(cp);
    }
  }

  /** starknet_addInvokeTransaction: checks, validates, includes (SUCCEEDED or REVERTED) in a new block. */
  addInvoke(tx: InvokeTransaction, options: { rejectIfReverted?: boolean } = {}): TransactionRecord {
    if (tx.version !== 3n) {
      throw new JsonRpcError(61, 'the transaction version is not supported');
    }
    if (!this.isAccount(tx.senderAddress))
      throw new JsonRpcError(58, 'Sender address is not an account contract');
    const nonceError = this.nonceMismatch(tx);
    if (nonceError) throw new JsonRpcError(52, 'Invalid transaction nonce', nonceError);
    const rb = tx.resourceBounds;
    if (rb.l2Gas.maxPricePerUnit < GAS_PRICES.l2Gas || rb.l1DataGas.maxPricePerUnit < GAS_PRICES.l1DataGas) {
      throw new JsonRpcError(65, 'Transaction fee below minimum');
    }
    const gas = this.gasOf(tx);
    if (rb.l2Gas.maxAmount < 100_000n) {
      throw new JsonRpcError(
        53,
        "The transaction's resources don't cover validation or the minimal transaction fee",
      );
    }
    const maxFee =
      rb.l1Gas.maxAmount * rb.l1Gas.maxPricePerUnit +
      rb.l1DataGas.maxAmount * rb.l1DataGas.maxPricePerUnit +
      rb.l2Gas.maxAmount * (rb.l2Gas.maxPricePerUnit + tx.tip);
    if (maxFee > balanceOf(this.tokenStore(), tx.senderAddress)) {
      throw new JsonRpcError(54, "Account balance is smaller than the transaction's max_fee");
    }
    const txHash = this.transactionHash(tx);
    if (this.transactions.has(txHash)) {
      throw new JsonRpcError(59, 'A transaction with the same hash already exists in the mempool');
    }

    const cp = this.world.checkpoint();
    const run = this.runPhases(tx, txHash, false, this.hooks);
    if (run.validateError !== undefined) {
      this.world.rollback(cp);
      throw new JsonRpcError(55, 'Account validation failed', run.validateError);
    }
    let out = run.execute!;
    if (!out.ok && options.rejectIfReverted) {
      // A relayer that simulates first never broadcasts this one: nothing happened.
      this.world.rollback(cp);
      throw new JsonRpcError(41, 'Transaction execution error', {
        transaction_index: 0,
        execution_error: structuredError(out.frames, out.panicData),
      });
    }
    let events = run.ex.events.slice();
    let revertReason = out.ok ? undefined : describeFailure(out.frames, out.reason);
    const exceeded = (['l1Gas', 'l1DataGas', 'l2Gas'] as const).find((r) => gas[r] > rb[r].maxAmount);
    if (out.ok && exceeded) {
      // Out of gas: the execution is undone, the fee for the bound is still charged.
      this.world.rollback(run.beforeExecute!);
      const label = { l1Gas: 'L1Gas', l1DataGas: 'L1DataGas', l2Gas: 'L2Gas' }[exceeded];
      revertReason = `Insufficient max ${label}: max amount: ${rb[exceeded].maxAmount}, actual used: ${gas[exceeded]}.`;
      out = { ok: false, panicData: [], reason: revertReason, frames: [] };
      events = [];
    }
    const charged = { ...gas };
    for (const r of ['l1Gas', 'l1DataGas', 'l2Gas'] as const) {
      if (charged[r] > rb[r].maxAmount) charged[r] = rb[r].maxAmount;
    }
    const fee = this.feeOf(charged, tx.tip);
    const store = this.tokenStore(events);
    const payable = balanceOf(store, tx.senderAddress);
    const paid = minBig(fee, payable);
    const feeEvent = events.length;
    transferTokens(store, tx.senderAddress, this.sequencerAddress, paid);
    const transferEvent = events[feeEvent]!;
    // The fee transfer as a trace shows it: the sender calling the fee token's transfer.
    const feeTransfer: CallNode = {
      caller: tx.senderAddress,
      to: this.feeToken,
      classHash: this.world.classHashAt(this.feeToken) ?? 0n,
      selector: sel('transfer'),
      calldata: [this.sequencerAddress, ...u256(paid)],
      result: [1n],
      reverted: false,
      events: [{ order: feeEvent, keys: transferEvent.keys, data: transferEvent.data }],
      calls: [],
    };

    const block = this.mineBlock([txHash]);
    const record: TransactionRecord = {
      hash: txHash,
      transaction: tx,
      blockNumber: block.number,
      index: 0,
      status: out.ok ? 'SUCCEEDED' : 'REVERTED',
      revertReason,
      events,
      innerCalls: out.ok ? run.ex.innerCalls.slice() : [],
      gas,
      actualFee: paid,
      result: out.ok ? out.retdata : [],
      trace: { validate: run.validate, execute: out.ok ? out.node : undefined, feeTransfer },
    };
    this.transactions.set(txHash, record);
    this.world.commit();
    this.announce(block);
    return record;
  }

  /** Another transaction of `account` lands: its nonce moves on (a fault for nonce races). */
  consumeNonce(account: bigint): void {
    this.world.setNonce(account, this.world.nonceOf(account) + 1n);
    const block = this.mineBlock([]);
    this.world.commit();
    this.announce(block);
  }

  /** Reads and writes an ERC-20's balances directly (the fee token by default). */
  tokenStore(events?: EmittedEvent[], token = this.feeToken): Pick<Ctx, 'read' | 'write' | 'emit'> {
    return {
      read: (f) => this.world.read(token, f),
      write: (f, v) => this.world.write(token, f, v),
      emit: (keys, data) => events?.push({ fromAddress: token, keys, data }),
    };
  }
}

/** Math.min for bigints (fees are bigints). */
const minBig = (a: bigint, b: bigint) => (a < b ? a : b);

const toPaddedAddress = (a: bigint) => `0x${a.toString(16).padStart(64, '0')}`;

/** CONTRACT_EXECUTION_ERROR: nested frames, the innermost being the panic data as a node prints it. */
export function structuredError(frames: ErrorFrame[], panicData: bigint[]): unknown {
  let inner: unknown = formatPanicData(panicData);
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    inner = {
      contract_address: toHex(f.contractAddress),
      class_hash: toHex(f.classHash),
      selector: toHex(f.selector),
      error: inner,
    };
  }
  return inner;
}

/** The revert_reason text of a receipt: the call stack, then the failure reason. */
export function describeFailure(frames: ErrorFrame[], reason: string): string {
  const lines = frames.map(
    (f, i) =>
      `${i}: Error in the called contract (contract address: ${toPaddedAddress(f.contractAddress)}, class hash: ${toPaddedAddress(f.classHash)}, selector: ${toPaddedAddress(f.selector)}):`,
  );
  return [...lines, `Execution failed. Failure reason:\n${reason}.`].join('\n');
}

export { QUERY_VERSION };
