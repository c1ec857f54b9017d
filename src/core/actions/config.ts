import { InvalidInputError } from '../errors/index.js';
import { toAddress, toHex, U256_MAX } from '../felt.js';
import { inputObject } from '../input.js';
import { DEFAULT_MAX_EXECUTE_WINDOW_SECONDS, type FeeMode } from '../paymaster.js';
import { createDefaultStorage } from '../storage/index.js';
import type { SessionStorage } from '../storage/types.js';
import { createInflightTracker, type InflightTracker } from './inflight.js';
import type { PaymasterLike, SessionProviderLike } from './types.js';

export type { InflightHold, InflightTracker } from './inflight.js';

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
  /**
   * Gas-token mode: the most one fee transfer may take (base units of the gas token). Required in that mode
   * unless the session has a spending policy on the gas token; never taken from the paymaster's answer.
   */
  maxFeeInGasToken?: bigint | undefined;
  /** Your paymaster's forwarder (relayer) address: outside executions naming another Caller are refused. */
  paymasterForwarder?: string | undefined;
  /** Longest validity of a signed outside execution, asked of the paymaster and checked (default 300 s). */
  maxExecuteWindowSeconds?: number | undefined;
  /** Sign outside executions that anyone holding them may relay (Caller ANY_CALLER). Default false. */
  allowAnyCaller?: boolean | undefined;
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
  /**
   * Let sessions run on an account whose class hash is not a known session account (v29–v33). Off by
   * default (SESSION_NOT_SUPPORTED, reason 'unknown-account'); on, such an account gets the strictest
   * rules its ABI allows and never spending limits.
   */
  allowUnknownAccounts?: boolean | undefined;
}

/** A clock that says when it moves (a simulated chain's): hooks re-render on it instead of on timers. */
export interface SessionClock {
  /** Unix seconds. */
  now(): number;
  /** Called after every move; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export interface SessionConfig {
  readonly appId: string;
  readonly storage: SessionStorage;
  readonly provider: SessionProviderLike | undefined;
  readonly paymaster: PaymasterLike | undefined;
  readonly feeMode: FeeMode;
  readonly maxFeeInGasToken: bigint | undefined;
  readonly paymasterForwarder: string | undefined;
  readonly maxExecuteWindowSeconds: number;
  readonly allowAnyCaller: boolean;
  readonly expiryMarginSeconds: number;
  readonly renewBeforeSeconds: number;
  readonly maxDurationSeconds: number | undefined;
  readonly fallback: { ownerWallet: boolean; direct: boolean };
  readonly paymasterRetries: number;
  readonly paymasterTimeoutMs: number;
  readonly now: () => number;
  readonly allowUnknownAccounts: boolean;
  /** The clock given as `now`, when it can be subscribed to; undefined for a plain function or the system clock. */
  readonly clock: SessionClock | undefined;
  /** @internal */
  readonly inflight: InflightTracker;
}

/** Creates the configuration every action (and the React provider) reads. */
export function createSessionConfig(parameters: SessionConfigParameters = {}): SessionConfig {
  inputObject(parameters);
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const forwarder = parameters.paymasterForwarder;
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
    maxFeeInGasToken: feeBound(parameters.maxFeeInGasToken),
    paymasterForwarder:
      forwarder === undefined ? undefined : toHex(toAddress(forwarder, 'paymasterForwarder')),
    maxExecuteWindowSeconds: executeWindow(parameters.maxExecuteWindowSeconds),
    allowAnyCaller: parameters.allowAnyCaller === true,
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
    allowUnknownAccounts: !!parameters.allowUnknownAccounts,
    inflight: createInflightTracker(),
  };
}

/** A fee bound given by the app (config or call): a bigint of base units, or a typed refusal. */
export function feeBound(value: unknown): bigint | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'bigint' || value < 0n || value > U256_MAX) {
    throw new InvalidInputError(
      'maxFeeInGasToken',
      'maxFeeInGasToken must be a bigint from 0 to 2^256 - 1.',
      { details: typeof value === 'bigint' ? value.toString() : typeof value },
    );
  }
  return value;
}

function executeWindow(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_EXECUTE_WINDOW_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 86_400) {
    throw new InvalidInputError(
      'maxExecuteWindowSeconds',
      'maxExecuteWindowSeconds must be a whole number from 1 to 86400.',
      { details: String(value) },
    );
  }
  return value;
}
