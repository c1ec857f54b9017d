import { selectorsOf, toSelector } from './call.js';
import type { AdminSelectorName } from './constants.js';
import { InvalidInputError, InvalidPolicyError, type InvalidPolicyReason } from './errors/index.js';
import { toAddress, toHex, U256_MAX } from './felt.js';
import { inputObject } from './input.js';

/** One action the session may perform, in human terms. */
export interface SessionPolicyAction {
  /** Entrypoint name (`'attack'`) or hex selector. */
  entrypoint: string;
  /**
   * The contract the dApp means. Display only: on chain the whitelist is by selector, so the action is
   * allowed on EVERY contract (the consent component says so).
   */
  contractAddress?: string | undefined;
  /** What the user reads, e.g. "Attack a monster". */
  label?: string | undefined;
  /** e.g. "Dragon Game". */
  contractLabel?: string | undefined;
}

/** A per-token spending cap (enforced on transfer / approve / increase_allowance by the contract). */
export interface SpendingLimit {
  token: string;
  symbol?: string | undefined;
  /** When set, string amounts are in token units ("12.5"); bigints are always base units. */
  decimals?: number | undefined;
  /** Defaults to maxPerWindow. */
  maxPerCall?: string | bigint | undefined;
  maxPerWindow: string | bigint;
  /** Length of the tumbling window, in seconds. */
  windowSeconds: number;
}

/** What a dApp asks the user to approve. Give exactly one of durationSeconds and validUntil. */
export interface SessionPolicy {
  actions: readonly SessionPolicyAction[];
  /**
   * Required to pass an empty `actions` list, which on chain means "every selector except the admin
   * ones, on every contract except the account itself". Say yes only if you mean it.
   */
  allowAnyAction?: boolean | undefined;
  durationSeconds?: number | undefined;
  /** Unix seconds. */
  validUntil?: number | undefined;
  /** Transactions (not calls) the session may send. */
  maxCalls: number;
  spendingLimits?: readonly SpendingLimit[] | undefined;
}

/** A policy in on-chain terms. */
export interface NormalizedSessionPolicy {
  validUntil: number;
  maxCalls: number;
  /** 0x hex selectors; [] = any non-admin selector. */
  allowedSelectors: string[];
  spendingLimits: NormalizedSpendingLimit[];
}

export interface NormalizedSpendingLimit {
  token: string;
  maxPerCall: bigint;
  maxPerWindow: bigint;
  windowSeconds: number;
}

export interface NormalizePolicyOptions {
  /** Unix seconds; defaults to the system clock. */
  now?: number | undefined;
  /** Refuse sessions longer than this (default 30 days). */
  maxDurationSeconds?: number | undefined;
  /** Refuse sessions shorter than this (default 60 s): they would expire before they are used. */
  minDurationSeconds?: number | undefined;
}

export const DEFAULT_MAX_SESSION_SECONDS = 30 * 24 * 3600;
export const DEFAULT_MIN_SESSION_SECONDS = 60;

/** The v33 admin blocklist by name, in ADMIN_SELECTORS' order. */
export const ADMIN_NAMES: readonly AdminSelectorName[] = [
  'upgrade',
  'add_or_update_session_key',
  'revoke_session_key',
  '__execute__',
  'set_public_key',
  'setPublicKey',
  'execute_from_outside_v2',
  'set_spending_policy',
  'remove_spending_policy',
];
const adminBySelector = /* @__PURE__ */ selectorsOf(ADMIN_NAMES);

/**
 * Selectors of the account's own state-changing entrypoints (spec/account-versions.md §8.2): no
 * whitelist may hold one, on any version. Wider than ADMIN_SELECTORS (the contract's v33 blocklist):
 * older versions block fewer, and register_interfaces / __validate__* are never blocked.
 */
export const ACCOUNT_SELECTOR_NAMES: readonly string[] = [
  ...ADMIN_NAMES,
  'register_interfaces',
  '__validate__',
  '__validate_declare__',
  '__validate_deploy__',
];
const accountSelectorByName = /* @__PURE__ */ selectorsOf(ACCOUNT_SELECTOR_NAMES);

/** The admin entrypoint name when `selector` is one of the 9 blocked selectors. */
export function adminSelectorName(selector: bigint): AdminSelectorName | undefined {
  return adminBySelector().get(selector);
}

/**
 * Validates a policy and turns it into on-chain values. Throws InvalidPolicyError for a policy that could
 * never work or would hand the session an account entrypoint, before anything reaches a wallet. The
 * per-version rules (accountRules.ts) come on top, once the account is known.
 */
export function normalizeSessionPolicy(
  policy: SessionPolicy,
  options: NormalizePolicyOptions = {},
): NormalizedSessionPolicy {
  if (policy === null || typeof policy !== 'object') {
    throw new InvalidPolicyError('invalid-entrypoint', 'policy', 'policy must be an object.');
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const validUntil = resolveValidUntil(policy, now, options);

  if (!Number.isSafeInteger(policy.maxCalls) || policy.maxCalls < 1 || policy.maxCalls > 2 ** 32 - 1) {
    throw new InvalidPolicyError(
      'max-calls-out-of-range',
      'maxCalls',
      'maxCalls must be a whole number from 1 to 4294967295.',
    );
  }

  const allowedSelectors = normalizeActions(policy);
  const spendingLimits = (policy.spendingLimits ?? []).map(normalizeSpendingLimit);
  const tokens = new Set<string>();
  spendingLimits.forEach((limit, i) => {
    if (tokens.has(limit.token)) {
      throw new InvalidPolicyError(
        'duplicate-token',
        `spendingLimits[${i}].token`,
        'A token may have only one limit.',
      );
    }
    tokens.add(limit.token);
  });
  return { validUntil, maxCalls: policy.maxCalls, allowedSelectors, spendingLimits };
}

function resolveValidUntil(policy: SessionPolicy, now: number, options: NormalizePolicyOptions): number {
  const maxDuration = options.maxDurationSeconds ?? DEFAULT_MAX_SESSION_SECONDS;
  const minDuration = options.minDurationSeconds ?? DEFAULT_MIN_SESSION_SECONDS;
  const hasDuration = policy.durationSeconds !== undefined;
  const hasValidUntil = policy.validUntil !== undefined;
  if (hasDuration === hasValidUntil) {
    throw new InvalidPolicyError(
      'duration-invalid',
      'durationSeconds',
      'Give exactly one of durationSeconds and validUntil.',
    );
  }
  const field = hasDuration ? 'durationSeconds' : 'validUntil';
  const given = hasDuration ? policy.durationSeconds : policy.validUntil;
  // Any safe integer fits the contract's u64; a non-number (a bigint, a string) is refused too.
  const value = typeof given !== 'number' ? Number.NaN : hasDuration ? now + given : given;
  if (!Number.isSafeInteger(value)) {
    throw new InvalidPolicyError('duration-invalid', field, `${field} must be a whole number of seconds.`);
  }
  if (value < now + minDuration) {
    throw new InvalidPolicyError('expiry-in-past', field, 'The session would expire before use.');
  }
  if (value > now + maxDuration) {
    throw new InvalidPolicyError(
      'expiry-too-far',
      field,
      `The session would last over ${Math.round(maxDuration / 3600)} hours.`,
    );
  }
  return value;
}

function normalizeActions(policy: SessionPolicy): string[] {
  if (!Array.isArray(policy.actions)) {
    throw new InvalidPolicyError('invalid-entrypoint', 'actions', 'actions must be an array.');
  }
  if (policy.actions.length === 0 && policy.allowAnyAction !== true) {
    throw new InvalidPolicyError(
      'empty-whitelist',
      'actions',
      'No actions means any action on any contract: set allowAnyAction: true.',
    );
  }
  const seen = new Set<bigint>();
  return policy.actions.map((action, i) => {
    const field = `actions[${i}].entrypoint`;
    const selector = asPolicyError('invalid-entrypoint', field, () => toSelector(action?.entrypoint, field));
    if (selector === 0n)
      throw new InvalidPolicyError('zero-selector', field, 'The zero selector is not allowed.');
    const own = accountSelectorByName().get(selector);
    if (own) {
      throw new InvalidPolicyError(
        'account-selector',
        field,
        `${own} would let the session act as the owner.`,
      );
    }
    if (seen.has(selector))
      throw new InvalidPolicyError('duplicate-selector', field, 'This action is listed twice.');
    seen.add(selector);
    if (action.contractAddress !== undefined) {
      checkAddress(action.contractAddress, `actions[${i}].contractAddress`);
    }
    return toHex(selector);
  });
}

function normalizeSpendingLimit(limit: SpendingLimit, i: number): NormalizedSpendingLimit {
  const at = `spendingLimits[${i}]`;
  const token = toHex(checkAddress(limit?.token, `${at}.token`));
  const decimals = limit.decimals;
  checkDecimals(decimals, `${at}.decimals`);
  const maxPerWindow = amountOf(limit.maxPerWindow, decimals, `${at}.maxPerWindow`);
  const maxPerCall =
    limit.maxPerCall === undefined ? maxPerWindow : amountOf(limit.maxPerCall, decimals, `${at}.maxPerCall`);
  if (maxPerWindow === 0n) {
    throw new InvalidPolicyError(
      'amount-out-of-range',
      `${at}.maxPerWindow`,
      'maxPerWindow 0 means no limit on chain.',
    );
  }
  if (maxPerCall > maxPerWindow) {
    throw new InvalidPolicyError(
      'max-per-call-above-window',
      `${at}.maxPerCall`,
      'maxPerCall cannot be above maxPerWindow.',
    );
  }
  const w = limit.windowSeconds;
  if (!Number.isSafeInteger(w) || w < 1) {
    throw new InvalidPolicyError(
      'window-invalid',
      `${at}.windowSeconds`,
      'windowSeconds must be at least 1.',
    );
  }
  return { token, maxPerCall, maxPerWindow, windowSeconds: w };
}

/** Token decimals a u256 amount can have: 0 to 77 (10^78 > 2^256). */
export const MAX_TOKEN_DECIMALS = 77;

/** True for decimals a token can have (a whole number from 0 to MAX_TOKEN_DECIMALS). */
export function isTokenDecimals(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TOKEN_DECIMALS;
}

const DECIMALS_MESSAGE = 'decimals must be a whole number from 0 to 77.';

function checkDecimals(decimals: number | undefined, field: string): void {
  if (decimals !== undefined && !isTokenDecimals(decimals))
    throw new InvalidPolicyError('invalid-decimals', field, DECIMALS_MESSAGE);
}

/** Parses a token amount: bigint = base units; string = base units, or token units when decimals is set. */
export function parseAmount(value: unknown, decimals: number | undefined, field: string): bigint {
  checkDecimals(decimals, field);
  return amountOf(value, decimals, field);
}

/** parseAmount with `decimals` already checked (normalizeSpendingLimit checks them first, once). */
function amountOf(value: unknown, decimals: number | undefined, field: string): bigint {
  const amount =
    typeof value === 'bigint'
      ? value
      : typeof value === 'string'
        ? fromText(value, decimals ?? 0)
        : undefined;
  if (amount === undefined || amount < 0n || amount > U256_MAX) {
    throw new InvalidPolicyError('amount-out-of-range', field, 'The amount is not a valid u256.');
  }
  return amount;
}

// Anchored, with no nested repetition: linear even on a long run of digits.
const AMOUNT_RE = /^(\d+)(?:\.(\d+))?$/;

/** "12.5" in token units as base units, in linear time; undefined when malformed or beyond a u256. */
function fromText(value: string, places: number): bigint | undefined {
  const [, whole, frac = ''] = AMOUNT_RE.exec(value.trim()) ?? [];
  // Digits past `places` must be zeros; more than 78 significant digits is beyond a u256: both refused
  // before any big number is built (a linear scan each: /0+$/ would be quadratic on a long run).
  if (whole === undefined || /[^0]/.test(frac.slice(places)) || whole.length - whole.search(/[^0]|$/) > 78)
    return undefined;
  return BigInt(whole) * 10n ** BigInt(places) + BigInt(frac.slice(0, places).padEnd(places, '0') || '0');
}

/** Formats base units as token units ("12.5") for display. Throws InvalidInputError on bad input. */
export function formatAmount(amount: bigint, decimals = 0): string {
  if (typeof amount !== 'bigint') throw new InvalidInputError('amount', 'amount must be a bigint.');
  if (!isTokenDecimals(decimals)) throw new InvalidInputError('decimals', DECIMALS_MESSAGE);
  if (amount < 0n) return `-${formatAmount(-amount, decimals)}`;
  const digits = amount.toString().padStart(decimals + 1, '0');
  const point = digits.length - decimals;
  // At most 77 places: trimming them with a regex is cheap.
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${digits.slice(0, point)}.${frac}` : digits.slice(0, point);
}

function checkAddress(value: unknown, field: string): bigint {
  return asPolicyError('invalid-address', field, () => toAddress(value, field));
}

/**
 * What `read` returns; the InvalidInputError it throws (toAddress and toSelector throw nothing else, with
 * a message naming the field) as InvalidPolicyError(reason, field).
 */
function asPolicyError<T>(reason: InvalidPolicyReason, field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new InvalidPolicyError(reason, field, (error as InvalidInputError).shortMessage, { cause: error });
  }
}

/** The arrays the coverage check walks, checked first (a TypeError is no answer). */
function coverageInput(value: SessionCoverageState | NormalizedSessionPolicy, field: string): void {
  const { allowedSelectors, spendingLimits } = inputObject(value, field);
  if (!Array.isArray(allowedSelectors) || !Array.isArray(spendingLimits))
    throw new InvalidInputError(field, `${field} needs allowedSelectors and spendingLimits arrays.`);
}

/** What a live session looks like for the coverage check. */
export interface SessionCoverageState {
  validUntil: number;
  maxCalls: number;
  callsUsed: number;
  allowedSelectors: readonly string[];
  spendingLimits: readonly NormalizedSpendingLimit[];
}

/**
 * True when an existing session grants at least what `requested` asks (no policy drift): every requested
 * selector allowed, enough calls left, and it lives at least `minRemainingSeconds` more. Spending caps must
 * be the same (a looser or tighter cap is a different consent).
 */
export function sessionCoversPolicy(
  session: SessionCoverageState,
  requested: NormalizedSessionPolicy,
  now: number,
  minRemainingSeconds = 0,
): boolean {
  coverageInput(session, 'session');
  coverageInput(requested, 'requested');
  return coversPolicy(session, requested, now, minRemainingSeconds);
}

/**
 * sessionCoversPolicy without its input checks, for a caller whose values are well-formed by construction
 * (ensureSession: a stored record, a normalized policy).
 */
export function coversPolicy(
  session: SessionCoverageState,
  requested: NormalizedSessionPolicy,
  now: number,
  minRemainingSeconds: number,
): boolean {
  if (session.validUntil <= now + minRemainingSeconds) return false;
  if (session.callsUsed >= session.maxCalls) return false;
  const allowed = new Set(session.allowedSelectors.map(BigInt));
  if (allowed.size > 0) {
    if (requested.allowedSelectors.length === 0) return false;
    if (!requested.allowedSelectors.every((s) => allowed.has(BigInt(s)))) return false;
  }
  if (session.spendingLimits.length !== requested.spendingLimits.length) return false;
  return requested.spendingLimits.every((r) =>
    session.spendingLimits.some(
      (s) =>
        BigInt(s.token) === BigInt(r.token) &&
        s.maxPerCall === r.maxPerCall &&
        s.maxPerWindow === r.maxPerWindow &&
        s.windowSeconds === r.windowSeconds,
    ),
  );
}
