import { sel } from './cairo.js';
import type { ContractClass, Handler } from './types.js';

type JournalEntry = [key: string, previous: bigint | undefined];

/** A point the world can be rolled back to (a reverted call, a simulation, a reverted tx). */
export interface Checkpoint {
  readonly journal: number;
}

const CLASS_FIELD = '__class_hash';
const NONCE_FIELD = '__nonce';

const key = (address: bigint, field: string) => `${address.toString(16)}:${field}`;

/**
 * The whole chain state as one flat key-value store (contract address + field name), with an
 * undo journal: every write is recorded so a failed call, a reverted transaction or a simulation
 * can be undone exactly. Class hashes and nonces live in the same store, so they roll back too.
 */
export class WorldState {
  private readonly storage = new Map<string, bigint>();
  private readonly journal: JournalEntry[] = [];
  /** Committed writes per block, oldest first: what a node lagging behind, or a pinned read, undoes. */
  private readonly history: { block: number; journal: JournalEntry[] }[] = [];
  /** The block the next commit belongs to (set by the chain as it mines). */
  block = 0;
  private readonly classes = new Map<bigint, ContractClass>();
  private readonly dispatch = new Map<bigint, Map<bigint, { name: string; handler: Handler }>>();

  declare(contractClass: ContractClass): void {
    this.classes.set(contractClass.classHash, contractClass);
  }

  classByHash(classHash: bigint): ContractClass | undefined {
    return this.classes.get(classHash);
  }

  /** The entrypoint table of a class, by selector (built on first use). */
  entrypoint(classHash: bigint, selector: bigint): { name: string; handler: Handler } | undefined {
    let table = this.dispatch.get(classHash);
    if (!table) {
      const cls = this.classes.get(classHash);
      if (!cls) return undefined;
      table = new Map();
      for (const [name, handler] of Object.entries(cls.entrypoints)) table.set(sel(name), { name, handler });
      this.dispatch.set(classHash, table);
    }
    return table.get(selector);
  }

  deploy(address: bigint, classHash: bigint): void {
    this.write(address, CLASS_FIELD, classHash);
  }

  classHashAt(address: bigint): bigint | undefined {
    const h = this.storage.get(key(address, CLASS_FIELD));
    return h === undefined || h === 0n ? undefined : h;
  }

  deployedAddresses(): bigint[] {
    const out: bigint[] = [];
    for (const [k, v] of this.storage) {
      if (v !== 0n && k.endsWith(`:${CLASS_FIELD}`)) out.push(BigInt(`0x${k.slice(0, k.indexOf(':'))}`));
    }
    return out;
  }

  read(address: bigint, field: string): bigint {
    return this.storage.get(key(address, field)) ?? 0n;
  }

  write(address: bigint, field: string, value: bigint): void {
    const k = key(address, field);
    this.journal.push([k, this.storage.get(k)]);
    if (value === 0n) this.storage.delete(k);
    else this.storage.set(k, value);
  }

  nonceOf(address: bigint): bigint {
    return this.read(address, NONCE_FIELD);
  }

  setNonce(address: bigint, nonce: bigint): void {
    this.write(address, NONCE_FIELD, nonce);
  }

  checkpoint(): Checkpoint {
    return { journal: this.journal.length };
  }

  rollback(cp: Checkpoint): void {
    while (this.journal.length > cp.journal) {
      const [k, previous] = this.journal.pop()!;
      if (previous === undefined) this.storage.delete(k);
      else this.storage.set(k, previous);
    }
  }

  /** Forgets the undo history up to now (after a transaction is final), keeping memory flat. */
  commit(): void {
    if (this.journal.length > 0) this.history.push({ block: this.block, journal: this.journal.slice() });
    this.journal.length = 0;
  }

  /** Runs `body` on the state as it was at the end of `block`, then restores the present. */
  viewAt<T>(block: number, body: () => T): T {
    const cp = this.checkpoint();
    try {
      for (let i = this.history.length - 1; i >= 0 && this.history[i]!.block > block; i--) {
        const undo = this.history[i]!.journal;
        for (let e = undo.length - 1; e >= 0; e--) this.put(undo[e]![0], undo[e]![1]);
      }
      return body();
    } finally {
      this.rollback(cp);
    }
  }

  /** A journaled raw write (undefined deletes). */
  private put(k: string, value: bigint | undefined): void {
    this.journal.push([k, this.storage.get(k)]);
    if (value === undefined) this.storage.delete(k);
    else this.storage.set(k, value);
  }

  /** The declared class hashes, in declaration order. */
  declaredClasses(): bigint[] {
    return [...this.classes.keys()];
  }

  /** Every stored value, sorted by key so equal states export equally (taken between transactions). */
  entries(): [string, bigint][] {
    return [...this.storage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Fills an empty world with exported values (createTestnet({ state })). */
  load(entries: readonly (readonly [string, bigint])[]): void {
    this.storage.clear();
    this.journal.length = 0;
    this.history.length = 0;
    for (const [k, v] of entries) if (v !== 0n) this.storage.set(k, v);
  }
}
