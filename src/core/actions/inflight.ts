/** One transaction this context signed, held against the session's budget until its outcome is known. */
export interface InflightHold {
  /** calls_used the chain will show once this transaction has landed. */
  readonly callsUsed: number;
  /** Its spend per token (0x hex or any felt form), reserved like its call. Replaces what was set. */
  setSpend(spend: readonly { token: string; amount: bigint }[]): void;
  /** Known not to have executed (refused, reverted, expired unused): its call and spend come back. */
  fail(): void;
  /**
   * Landed: chain reads that begin from now on hold its spend (its call stays folded in with max()).
   * Reads begun earlier still count it (see `mark`).
   */
  landed(): void;
  /**
   * It can no longer run after this unix time: released then if its outcome is still unknown (the chain
   * shows whatever it did). `undefined`: no such time (a transaction sent some other way).
   */
  expireAt(unixSeconds: number | undefined): void;
}

/**
 * What this context has sent per session, so parallel executes never exceed maxCalls or a spending cap
 * and are never counted twice: `expected` is the calls_used the chain will show once everything sent has
 * landed. The chain's own value is folded in with max(), so a transaction that already landed is not
 * added again, and another tab's transactions are picked up.
 */
export interface InflightTracker {
  /** Sent by this context and not yet visible in `chainCallsUsed`. */
  pending(key: string, chainCallsUsed: number, now?: number): number;
  /** Stamps the start of a chain read, for `pendingSpend`. */
  mark(): number;
  /**
   * Spend per token (bigint address) this context has in flight, but `except`'s own: the holds whose
   * outcome is unknown, and those that landed after `readFrom` (a chain read begun before a transaction
   * landed does not show its spend). Without `readFrom`, landed holds are not counted.
   */
  pendingSpend(key: string, now?: number, except?: InflightHold, readFrom?: number): Map<bigint, bigint>;
  /** Counts one more transaction, synchronously: call it right after the check it passed. */
  reserve(key: string, chainCallsUsed: number): InflightHold;
}

/** A hold with its own state (not part of the InflightHold type its callers see). */
interface HoldState extends InflightHold {
  spend: Map<bigint, bigint>;
  expiresAt: number | undefined;
  /** The mark at which it landed. */
  landedAt: number | undefined;
}

/** Landed holds kept per session for reads begun before they landed (the oldest are dropped). */
const LANDED_KEPT = 64;

export function createInflightTracker(): InflightTracker {
  const expected = new Map<string, number>();
  const holds = new Map<string, Set<HoldState>>();
  let marks = 0;
  const current = (key: string, chain: number) => Math.max(expected.get(key) ?? 0, chain);
  // Holds past their expiry can no longer run: whatever they did, the chain now shows.
  const sweep = (key: string, now: number | undefined) => {
    if (now === undefined) return;
    // (A Set iterated may drop its current entry: fail() does.)
    for (const h of holds.get(key) ?? []) {
      if (h.landedAt === undefined && h.expiresAt !== undefined && now > h.expiresAt) h.fail();
    }
  };
  return {
    pending(key, chain, now) {
      sweep(key, now);
      return current(key, chain) - chain;
    },
    mark: () => ++marks,
    pendingSpend(key, now, except, readFrom) {
      sweep(key, now);
      const total = new Map<bigint, bigint>();
      for (const h of holds.get(key) ?? []) {
        if (h === except) continue;
        if (h.landedAt !== undefined && (readFrom === undefined || h.landedAt < readFrom)) continue;
        for (const [token, amount] of h.spend) total.set(token, (total.get(token) ?? 0n) + amount);
      }
      return total;
    },
    reserve(key, chain) {
      const callsUsed = current(key, chain) + 1;
      expected.set(key, callsUsed);
      const set = holds.get(key) ?? new Set<HoldState>();
      holds.set(key, set);
      // Taken back once. Each hold raised the count by at least one, so it never goes below zero.
      let count = 1;
      const state: HoldState = {
        spend: new Map(),
        expiresAt: undefined,
        landedAt: undefined,
        callsUsed,
        setSpend(spend) {
          state.spend = new Map();
          for (const { token, amount } of spend) {
            state.spend.set(BigInt(token), (state.spend.get(BigInt(token)) ?? 0n) + amount);
          }
        },
        fail() {
          expected.set(key, expected.get(key)! - count);
          count = 0;
          set.delete(state);
        },
        landed() {
          if (state.landedAt !== undefined || !set.has(state)) return;
          state.landedAt = ++marks;
          const landed = [...set].filter((h) => h.landedAt !== undefined);
          // Insertion order is not landing order: drop the earliest landed.
          landed.sort((a, b) => a.landedAt! - b.landedAt!);
          for (const h of landed.slice(0, -LANDED_KEPT)) set.delete(h); // all but the newest kept
        },
        expireAt(unixSeconds) {
          state.expiresAt = unixSeconds;
        },
      };
      set.add(state);
      return state;
    },
  };
}
