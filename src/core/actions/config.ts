import type { FeeMode } from '../paymaster.js';
import { createDefaultStorage } from '../storage/index.js';
import type { SessionStorage } from '../storage/types.js';
import type { PaymasterLike, SessionProviderLike } from './types.js';

export interface SessionConfigParameters {
  /** Your app's id: sessions of two apps on the same account never mix. Default: the page origin, or 'default'. */
  appId?: string | undefined;
  /**
   * Where keys live. Default: encrypted IndexedDB in browsers, memory on the server and in Node
   * (`createDefaultStorage()`).
   */
  storage?: SessionStorage | undefined;
  /** Used when an action is not given one (in React, starknet-react's provider is used). */
  provider?: SessionProviderLike | undefined;
  /** SNIP-29 paymaster (starknet.js PaymasterRpc). Without one, actions are sent directly and the account pays. */
  paymaster?: PaymasterLike | undefined;
  /** Who pays gas through the paymaster: sponsored (default) or the account, in a gas token. */
  feeMode?: FeeMode | undefined;
  /** Refuse to sign this many seconds before expiry (default 30). */
  expiryMarginSeconds?: number | undefined;
  /** Report `expiring` this many seconds before expiry (default 300). */
  renewBeforeSeconds?: number | undefined;
  /** Longest session a policy may ask for (default 30 days). */
  maxDurationSeconds?: number | undefined;
  /** Opt-in fallbacks when the paymaster is unavailable. */
  fallback?: { ownerWallet?: boolean | undefined; direct?: boolean | undefined } | undefined;
  /** Paymaster retries on retryable failures (default 2, with backoff). */
  paymasterRetries?: number | undefined;
  /** A paymaster request that takes longer fails as unavailable (default 20 000 ms; 0 = no limit). */
  paymasterTimeoutMs?: number | undefined;
  /**
   * Unix seconds: a function, or a clock that also tells when it moves (`testnet.clock`), so hooks and
   * components re-render as it passes expiring or expired. Default: the system clock.
   */
  now?: (() => number) | SessionClock | undefined;
}

/** A clock that says when it moves (a simulated chain's): hooks re-render on it instead of on timers. */
export interface SessionClock {
  /** Unix seconds. */
  now(): number;
  /** Called after every move; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * What this context has sent per session, so parallel executes never exceed maxCalls and are never
 * counted twice: `expected` is the calls_used the chain will show once everything sent has landed.
 * The chain's own value is folded in with max(), so a transaction that already landed is not added
 * again, and another tab's transactions are picked up.
 */
export interface InflightTracker {
  /** Sent by this context and not yet visible in `chainCallsUsed`. */
  pending(key: string, chainCallsUsed: number): number;
  /** Counts one more transaction; returns calls_used once it lands, and `fail()` to take it back. */
  reserve(key: string, chainCallsUsed: number): { callsUsed: number; fail(): void };
}

export interface SessionConfig {
  readonly appId: string;
  readonly storage: SessionStorage;
  readonly provider: SessionProviderLike | undefined;
  readonly paymaster: PaymasterLike | undefined;
  readonly feeMode: FeeMode;
  readonly expiryMarginSeconds: number;
  readonly renewBeforeSeconds: number;
  readonly maxDurationSeconds: number | undefined;
  readonly fallback: { ownerWallet: boolean; direct: boolean };
  readonly paymasterRetries: number;
  readonly paymasterTimeoutMs: number;
  readonly now: () => number;
  /** The clock given as `now`, when it can be subscribed to; undefined for a plain function or the system clock. */
  readonly clock: SessionClock | undefined;
  /** @internal */
  readonly inflight: InflightTracker;
}

/** Creates the configuration every action (and the React provider) reads. */
export function createSessionConfig(parameters: SessionConfigParameters = {}): SessionConfig {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  // The inflight tracker: calls_used expected per session once what this context sent has landed.
  const expected = new Map<string, number>();
  const current = (key: string, chain: number) => Math.max(expected.get(key) ?? 0, chain);
  const given = parameters.now;
  const clock = typeof given === 'object' ? given : undefined;
  const now =
    typeof given === 'object' ? () => given.now() : (given ?? (() => Math.floor(Date.now() / 1000)));
  return {
    appId: parameters.appId ?? (origin && origin !== 'null' ? origin : 'default'),
    storage: parameters.storage ?? createDefaultStorage({ now }),
    provider: parameters.provider,
    paymaster: parameters.paymaster,
    feeMode: parameters.feeMode ?? { mode: 'sponsored' },
    expiryMarginSeconds: parameters.expiryMarginSeconds ?? 30,
    renewBeforeSeconds: parameters.renewBeforeSeconds ?? 300,
    maxDurationSeconds: parameters.maxDurationSeconds,
    fallback: {
      ownerWallet: !!parameters.fallback?.ownerWallet,
      direct: !!parameters.fallback?.direct,
    },
    paymasterRetries: parameters.paymasterRetries ?? 2,
    paymasterTimeoutMs: parameters.paymasterTimeoutMs ?? 20_000,
    now,
    clock,
    inflight: {
      pending: (key, chain) => current(key, chain) - chain,
      reserve(key, chain) {
        const callsUsed = current(key, chain) + 1;
        expected.set(key, callsUsed);
        // Taken back once (later calls take back 0). Each reservation raised the count by at least
        // one, so it never goes below zero.
        let count = 1;
        return {
          callsUsed,
          fail() {
            expected.set(key, expected.get(key)! - count);
            count = 0;
          },
        };
      },
    },
  };
}
