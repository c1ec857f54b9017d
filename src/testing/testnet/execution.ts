import { toHex } from '../../core/felt.js';
import { ContractPanicError } from '../errors.js';
import {
  CalldataReader,
  ENTRYPOINT_FAILED,
  ENTRYPOINT_NOT_FOUND,
  formatPanicData,
  panic,
  panicWith,
} from './cairo.js';
import type { WorldState } from './state.js';
import type { CallNode, CallOutcome, Ctx, EmittedEvent, InnerCallRecord, Phase, TxInfo } from './types.js';

/** One frame of a failure, outermost first, as a node reports it. */
export interface ErrorFrame {
  contractAddress: bigint;
  classHash: bigint;
  selector: bigint;
}

/** `node` is the call tree of a top-level run (absent when the target is not deployed). */
export type RunOutcome =
  | { ok: true; retdata: bigint[]; node?: CallNode | undefined }
  | { ok: false; panicData: bigint[]; reason: string; frames: ErrorFrame[]; node?: CallNode | undefined };

export interface ExecutionOptions {
  tx: TxInfo;
  /** Exact block timestamp; the validate phase sees it rounded down to the hour. */
  timestamp: bigint;
  blockNumber: bigint;
  /** Asked before each call of the execute phase; true makes that call panic (a fault). */
  forceRevert?: ((to: bigint, selector: bigint) => boolean) | undefined;
}

export const FORCED_REVERT_REASON = 'Testnet: forced revert';

const frames = new WeakMap<ContractPanicError, ErrorFrame[]>();

function framesOf(error: ContractPanicError): ErrorFrame[] {
  return frames.get(error) ?? [];
}

/**
 * Runs contract code for one transaction (or one view call): dispatches calls to the class
 * models, gives them a Ctx, rolls back the state of failed calls, and collects events.
 */
export class Execution {
  readonly events: EmittedEvent[] = [];
  readonly innerCalls: InnerCallRecord[] = [];
  /** The call trees of the top-level runs (one per phase), for traces. */
  readonly roots: CallNode[] = [];
  private readonly stack: CallNode[] = [];

  constructor(
    readonly world: WorldState,
    readonly options: ExecutionOptions,
  ) {}

  /** Runs an entrypoint as the top-level call of a phase. State changes of a failure are undone. */
  run(phase: Phase, caller: bigint, to: bigint, selector: bigint, calldata: bigint[]): RunOutcome {
    const cp = this.world.checkpoint();
    const events = this.events.length;
    const inner = this.innerCalls.length;
    const roots = this.roots.length;
    // Only a top-level run starts a tree; a nested one hangs its node under the caller's.
    const nodeOf = () => (this.stack.length === 0 ? this.roots[roots] : undefined);
    try {
      const retdata = this.invoke(phase, caller, to, selector, calldata);
      return { ok: true, retdata, node: nodeOf() };
    } catch (error) {
      if (!(error instanceof ContractPanicError)) throw error;
      this.world.rollback(cp);
      this.events.length = events;
      this.innerCalls.length = inner;
      return {
        ok: false,
        panicData: error.panicData,
        reason: error.reason,
        frames: framesOf(error),
        node: nodeOf(),
      };
    }
  }

  /** Dispatches one call; panics (ContractPanicError) propagate with this frame recorded. */
  invoke(phase: Phase, caller: bigint, to: bigint, selector: bigint, calldata: bigint[]): bigint[] {
    const classHash = this.world.classHashAt(to);
    if (classHash === undefined) return panic('CONTRACT_NOT_DEPLOYED');
    const frame: ErrorFrame = { contractAddress: to, classHash, selector };
    const node: CallNode = {
      caller,
      to,
      classHash,
      selector,
      calldata: calldata.slice(),
      result: [],
      reverted: false,
      events: [],
      calls: [],
    };
    (this.stack[this.stack.length - 1]?.calls ?? this.roots).push(node);
    this.stack.push(node);
    try {
      const entry = this.world.entrypoint(classHash, selector);
      if (!entry) return panicWith([ENTRYPOINT_NOT_FOUND]);
      // Faults hit inner calls only, never the protocol's own call of __execute__.
      if (phase === 'execute' && caller !== 0n && this.options.forceRevert?.(to, selector))
        panic(FORCED_REVERT_REASON);
      const args = new CalldataReader(calldata);
      const ctx = new FrameCtx(this, phase, to, caller, node);
      const out = entry.handler(ctx, args);
      args.end();
      node.result = out.slice();
      return out;
    } catch (error) {
      if (error instanceof ContractPanicError) {
        frames.set(error, [frame, ...framesOf(error)]);
        node.reverted = true;
        node.result = error.panicData.slice();
        dropEvents(node);
      }
      throw error;
    } finally {
      this.stack.pop();
    }
  }

  /** Runs `body` with a Ctx of the contract at `self` (constructors and test cheats). */
  withCtx<T>(self: bigint, body: (ctx: Ctx) => T): T {
    return body(new FrameCtx(this, 'execute', self, 0n));
  }

  /** A call from inside a contract: failures come back as data, their state undone. */
  tryCall(phase: Phase, caller: bigint, to: bigint, selector: bigint, calldata: bigint[]): CallOutcome {
    const out = this.run(phase, caller, to, selector, calldata);
    if (out.ok) return out;
    const panicData = [...out.panicData, ENTRYPOINT_FAILED];
    return { ok: false, panicData, reason: formatPanicData(panicData) };
  }
}

/** A panicked call's events are undone with its state: the trace shows none under it. */
function dropEvents(node: CallNode): void {
  node.events.length = 0;
  for (const child of node.calls) dropEvents(child);
}

class FrameCtx implements Ctx {
  constructor(
    private readonly execution: Execution,
    readonly phase: Phase,
    readonly self: bigint,
    readonly caller: bigint,
    private readonly node?: CallNode,
  ) {}

  get tx(): TxInfo {
    return this.execution.options.tx;
  }
  get timestamp(): bigint {
    const t = this.execution.options.timestamp;
    // Starknet hides the exact time from __validate__: it sees the block time rounded down to the hour.
    return this.phase === 'validate' ? t - (t % 3600n) : t;
  }
  get blockNumber(): bigint {
    const n = this.execution.options.blockNumber;
    return this.phase === 'validate' ? n - (n % 100n) : n;
  }
  read(field: string): bigint {
    return this.execution.world.read(this.self, field);
  }
  write(field: string, value: bigint): void {
    this.execution.world.write(this.self, field, value);
  }
  emit(keys: bigint[], data: bigint[]): void {
    this.node?.events.push({ order: this.execution.events.length, keys, data });
    this.execution.events.push({ fromAddress: this.self, keys, data });
  }
  call(to: bigint, selector: bigint, calldata: bigint[]): bigint[] {
    const out = this.tryCall(to, selector, calldata);
    if (out.ok) return out.retdata;
    return panicWith(out.panicData);
  }
  tryCall(to: bigint, selector: bigint, calldata: bigint[]): CallOutcome {
    return this.execution.tryCall(this.phase, this.self, to, selector, calldata);
  }
  recordInnerCall(index: number, call: { to: bigint; selector: bigint }, outcome: CallOutcome): void {
    this.execution.innerCalls.push({
      account: toHex(this.self),
      index,
      to: toHex(call.to),
      selector: toHex(call.selector),
      ok: outcome.ok,
      retdata: outcome.ok ? outcome.retdata.map(toHex) : [],
      revertReason: outcome.ok ? undefined : outcome.reason,
    });
  }
  replaceClass(classHash: bigint): void {
    if (!this.execution.world.classByHash(classHash)) panic('CLASS_HASH_NOT_FOUND');
    this.execution.world.deploy(this.self, classHash);
  }
  classHashAt(address: bigint): bigint | undefined {
    return this.execution.world.classHashAt(address);
  }
}
