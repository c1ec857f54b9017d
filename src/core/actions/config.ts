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
  /** Unix seconds. Default: the system clock. Tests pass the simulated network's clock. */
  now?: (() => number) | undefined;
}

/** Transactions signed with a session but not yet confirmed, per session: keeps parallel executes exact. */
export interface InflightTracker {
  count(key: string): number;
  add(key: string): () => void;
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
  /** @internal */
  readonly inflight: InflightTracker;
}

/** Creates the configuration every action (and the React provider) reads. */
export function createSessionConfig(parameters: SessionConfigParameters = {}): SessionConfig {
  return {
    appId: parameters.appId ?? defaultAppId(),
    storage: parameters.storage ?? createDefaultStorage({ now: parameters.now }),
    provider: parameters.provider,
    paymaster: parameters.paymaster,
    feeMode: parameters.feeMode ?? { mode: 'sponsored' },
    expiryMarginSeconds: parameters.expiryMarginSeconds ?? 30,
    renewBeforeSeconds: parameters.renewBeforeSeconds ?? 300,
    maxDurationSeconds: parameters.maxDurationSeconds,
    fallback: {
      ownerWallet: parameters.fallback?.ownerWallet ?? false,
      direct: parameters.fallback?.direct ?? false,
    },
    paymasterRetries: parameters.paymasterRetries ?? 2,
    paymasterTimeoutMs: parameters.paymasterTimeoutMs ?? 20_000,
    now: parameters.now ?? (() => Math.floor(Date.now() / 1000)),
    inflight: createInflightTracker(),
  };
}

function defaultAppId(): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  return origin && origin !== 'null' ? origin : 'default';
}

function createInflightTracker(): InflightTracker {
  const counts = new Map<string, number>();
  return {
    count: (key) => counts.get(key) ?? 0,
    add(key) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const n = (counts.get(key) ?? 1) - 1;
        if (n <= 0) counts.delete(key);
        else counts.set(key, n);
      };
    },
  };
}
