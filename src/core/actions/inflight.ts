/** One transaction this context signed, held against the session's budget until its outcome is known. */
export interface InflightHold {
  /** calls_used the chain will show once this transaction has landed. */
  readonly callsUsed: number;
  /** Its spend per token (0x hex or any felt form), reserved like its call. Replaces what was set. */
  setSpend(spend: readonly { token: string; amount: bigint }[]): void;
  /** Known not to have executed (refused, reverted, expired unused): its call and spend come back. */
  fail(): void;
  /** Landed: the chain's spent_in_window now holds its spend (its call stays folded in with max()). */
  landed(): void;
  /** Outcome unknown, but it can no longer run after this unix time: released then, not before. */
  expireAt(unixSeconds: number): void;
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
  /** Spend per token (bigint address) of holds whose outcome is unknown, but `except`'s own. */
  pendingSpend(key: string, now?: number, except?: InflightHold): Map<bigint, bigint>;
  /** Counts one more transaction, synchronously: call it right after the check it passed. */
  reserve(key: string, chainCallsUsed: number): InflightHold;
}

interface HoldState {
  hold: InflightHold;
  spend: Map<bigint, bigint>;
  expiresAt: number | undefined;
}

export function createInflightTracker(): InflightTracker {
  const expected = new Map<string, number>();
  const holds = new Map<string, Set<HoldState>>();
  const current = (key: string, chain: number) => Math.max(expected.get(key) ?? 0, chain);
  // Holds past their expiry can no longer run: whatever they did, the chain now shows.
  const sweep = (key: string, now: number | undefined) => {
    if (now === undefined) return;
    for (const h of [...(holds.get(key) ?? [])]) {
      if (h.expiresAt !== undefined && now > h.expiresAt) h.hold.fail();
    }
  };
  return {
    pending(key, chain, now) {
      sweep(key, now);
      return current(key, chain) - chain;
    },
    pendingSpend(key, now, except) {
      sweep(key, now);
      const total = new Map<bigint, bigint>();
      for (const h of holds.get(key) ?? []) {
        if (h.hold === except) continue;
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
        hold: {
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
            set.delete(state);
          },
          expireAt(unixSeconds) {
            state.expiresAt = unixSeconds;
          },
        },
      };
      set.add(state);
      return state.hold;
    },
  };
}
