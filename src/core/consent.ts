import { type AccountVersion, accountRules } from './accountRules.js';
import { isSelectorString, selectorsOf, trackedSelectors } from './call.js';
import type { AdminSelectorName } from './constants.js';
import { ADDRESS_BOUND, parseBigInt, toAddress, toHex } from './felt.js';
import type { FeeMode } from './paymaster.js';
import {
  ADMIN_NAMES,
  isTokenDecimals,
  type NormalizePolicyOptions,
  normalizeSessionPolicy,
  type SessionPolicy,
} from './policy.js';

/**
 * What a consent screen must tell the user about a policy, derived from the protocol rules (selector-only
 * whitelist, admin blocklist, which selectors the spending caps count, ERC-1271 signing). Pure: components
 * render it, they never re-derive it.
 */
export interface SessionConsentSummary {
  actions: ConsentAction[];
  /** Empty whitelist: every non-admin entrypoint, on every contract except the account. */
  anyAction: boolean;
  /** Transactions the session may send. */
  maxCalls: number;
  /** Unix seconds. */
  validUntil: number;
  durationSeconds: number;
  spendingLimits: ConsentSpendingLimit[];
  fees: ConsentFees;
  /** The account version the summary was made for (undefined: not given, no version rules applied). */
  accountVersion: AccountVersion | undefined;
  /** Most severe first. */
  warnings: ConsentWarning[];
}

export interface ConsentAction {
  /** 0x hex selector. */
  selector: string;
  /** The entrypoint name when known (given, or a well-known token selector); undefined for a bare selector. */
  name: string | undefined;
  label: string | undefined;
  contractLabel: string | undefined;
  /** 0x hex address of the contract the dApp means (display only). */
  contractAddress: string | undefined;
  /** True when the entrypoint moves tokens (transfer, approve, increase_allowance, transfer_from). */
  movesTokens: boolean;
}

export interface ConsentSpendingLimit {
  /** 0x hex token address. */
  token: string;
  symbol: string | undefined;
  decimals: number | undefined;
  /** Base units. */
  maxPerCall: bigint;
  maxPerWindow: bigint;
  windowSeconds: number;
}

export type ConsentFees =
  | { mode: 'sponsored' }
  /** The account pays the paymaster in `gasToken` with a trailing `transfer` call. */
  | {
      mode: 'gas-token';
      gasToken: string;
      capped: boolean;
      transferAllowed: boolean;
      /**
       * The most one fee transfer may take (base units): the app's maxFeeInGasToken, else the gas token's
       * per-call cap. Undefined: no bound, and creating the session is refused.
       */
      maxFee: bigint | undefined;
    };

export type ConsentWarningSeverity = 'danger' | 'caution' | 'info';

export type ConsentWarning =
  /** Empty whitelist. `blocked` lists the admin entrypoints that stay forbidden. */
  | { kind: 'any-action'; severity: 'danger'; blocked: AdminSelectorName[] }
  /**
   * Token-moving actions with tokens that have no cap. `tokens`: the named ones without a cap (0x hex);
   * `otherTokens`: true because the whitelist has no contract dimension, so any other token is movable too.
   */
  | {
      kind: 'uncapped-spend';
      severity: 'danger';
      entrypoints: string[];
      tokens: string[];
      otherTokens: boolean;
    }
  /** The whitelist is by entrypoint name only: each action works on every contract. */
  | { kind: 'every-contract'; severity: 'caution'; entrypoints: string[] }
  /** transfer_from-style calls move tokens without being counted by any spending cap. */
  | { kind: 'cap-not-counted'; severity: 'caution'; entrypoints: string[] }
  /** Gas-token fees need a `transfer` the whitelist does not allow: every action would be refused. */
  | { kind: 'fee-transfer-blocked'; severity: 'caution'; gasToken: string }
  /** A live session key can sign messages (ERC-1271 `is_valid_signature`) as the account. */
  | { kind: 'signs-messages'; severity: 'info' }
  /** v28: every session key can act as the owner there; the library refuses to create the session. */
  | { kind: 'unsafe-version'; severity: 'danger'; accountVersion: AccountVersion }
  /** Not a known session-account class: only the strictest rules apply (the app opted in). */
  | { kind: 'unknown-account'; severity: 'danger' }
  /** v29–v31 with an empty whitelist: the session could replace the owner key; creation is refused. */
  | { kind: 'owner-equivalent'; severity: 'danger'; accountVersion: AccountVersion }
  /** The account has no spending policies (before v33): nothing caps what the session moves. */
  | { kind: 'cannot-cap-spending'; severity: 'danger' | 'caution'; accountVersion: AccountVersion }
  /** v29/v30: a gasless action needs two calls left, so the last transaction goes direct or not at all. */
  | { kind: 'last-call-not-gasless'; severity: 'info'; accountVersion: AccountVersion };

export interface DescribeSessionPolicyOptions extends NormalizePolicyOptions {
  /** How the session's transactions pay gas (default sponsored). */
  feeMode?: FeeMode | undefined;
  /** The app's bound on one gas-token fee (createSessionConfig's `maxFeeInGasToken`), shown to the user. */
  maxFeeInGasToken?: bigint | undefined;
  /** The account's version (`useSessionSupport().data.accountVersion`): adds what that version cannot do. */
  accountVersion?: AccountVersion | undefined;
}

/** Selectors of the ERC-20 entrypoints that move tokens but are NOT counted by spending caps (spec §7). */
export const UNCOUNTED_TOKEN_SELECTORS = {
  transfer_from: '0x3704ffe8fba161be0e994951751a5033b1462b918ff785c0a636be718dfdb68',
  transferFrom: '0x41b033f4a31df8067c24d1e9b550a2ce75fd4a29e1147af9752174f0e6cb20',
} as const;

const uncountedSelectors = /* @__PURE__ */ selectorsOf(['transfer_from', 'transferFrom']);

/**
 * Validates the policy (throws what normalizeSessionPolicy throws) and says, in protocol terms, what it
 * grants and what the user must be warned about.
 */
export function describeSessionPolicy(
  policy: SessionPolicy,
  options: DescribeSessionPolicyOptions = {},
): SessionConsentSummary {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const normalized = normalizeSessionPolicy(policy, { ...options, now });

  const TRACKED = trackedSelectors();
  const UNCOUNTED = uncountedSelectors();
  const actions: ConsentAction[] = policy.actions.map((action, i) => {
    const hex = normalized.allowedSelectors[i]!;
    const selector = BigInt(hex);
    const given = isSelectorString(action.entrypoint) ? undefined : action.entrypoint;
    return {
      selector: hex,
      name: given ?? TRACKED.get(selector) ?? UNCOUNTED.get(selector),
      label: action.label,
      contractLabel: action.contractLabel,
      contractAddress:
        action.contractAddress === undefined ? undefined : toHex(toAddress(action.contractAddress)),
      movesTokens: TRACKED.has(selector) || UNCOUNTED.has(selector),
    };
  });
  const anyAction = actions.length === 0;

  const spendingLimits: ConsentSpendingLimit[] = normalized.spendingLimits.map((limit, i) => {
    const { symbol, decimals } = policy.spendingLimits![i]!;
    return { ...limit, symbol, decimals };
  });
  // Addresses here are all normalized 0x hex: compared as strings.
  const capped = new Set(spendingLimits.map((l) => l.token));
  // A name is the given one or the selector's: only 'transfer' has transfer's selector.
  const canTransfer = anyAction || actions.some((a) => a.name === 'transfer');

  let fees: ConsentFees = { mode: 'sponsored' };
  if (options.feeMode?.mode === 'default') {
    const gasToken = toHex(toAddress(options.feeMode.gasToken, 'feeMode.gasToken'));
    const cap = spendingLimits.find((l) => l.token === gasToken);
    fees = {
      mode: 'gas-token',
      gasToken,
      capped: cap !== undefined,
      transferAllowed: canTransfer,
      maxFee: options.maxFeeInGasToken ?? cap?.maxPerCall,
    };
  }

  // Pushed most severe first: dangers, cautions, then the one info.
  const warnings: ConsentWarning[] = [];
  if (anyAction) {
    warnings.push({
      kind: 'any-action',
      severity: 'danger',
      blocked: [...ADMIN_NAMES],
    });
  }

  const movers = anyAction ? [] : actions.filter((a) => a.movesTokens);
  if (anyAction || movers.length > 0) {
    // Tokens the dApp named (targets of token-moving actions, the gas token) that have no cap.
    const named = new Set<string>();
    for (const a of movers) if (a.contractAddress) named.add(a.contractAddress);
    if (fees.mode === 'gas-token') named.add(fees.gasToken);
    const tokens = [...named].filter((t) => !capped.has(t));
    warnings.push({
      kind: 'uncapped-spend',
      severity: 'danger',
      entrypoints: movers.map(displayName),
      tokens,
      otherTokens: true,
    });
  }
  if (!anyAction) {
    warnings.push({ kind: 'every-contract', severity: 'caution', entrypoints: actions.map(displayName) });
  }
  const uncounted = movers.filter((a) => UNCOUNTED.has(BigInt(a.selector)));
  if (uncounted.length > 0 && spendingLimits.length > 0) {
    warnings.push({ kind: 'cap-not-counted', severity: 'caution', entrypoints: uncounted.map(displayName) });
  }
  if (fees.mode === 'gas-token' && !fees.transferAllowed) {
    warnings.push({ kind: 'fee-transfer-blocked', severity: 'caution', gasToken: fees.gasToken });
  }
  warnings.push({ kind: 'signs-messages', severity: 'info' });
  if (options.accountVersion) {
    warnings.push(...versionWarnings(options.accountVersion, anyAction, spendingLimits.length > 0));
    warnings.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]); // stable: most severe first
  }

  return {
    actions,
    anyAction,
    maxCalls: normalized.maxCalls,
    validUntil: normalized.validUntil,
    durationSeconds: normalized.validUntil - now,
    spendingLimits,
    fees,
    accountVersion: options.accountVersion,
    warnings,
  };
}

const SEVERITY = { danger: 0, caution: 1, info: 2 } as const;

/** What this account version adds to the consent (accountRules.ts says what it allows). */
function versionWarnings(
  accountVersion: AccountVersion,
  anyAction: boolean,
  limits: boolean,
): ConsentWarning[] {
  const rules = accountRules(accountVersion, { allowUnknownAccounts: true });
  const known = accountVersion !== 'unknown';
  const out: ConsentWarning[] = [];
  if (accountVersion === 'v28') out.push({ kind: 'unsafe-version', severity: 'danger', accountVersion });
  if (!known) out.push({ kind: 'unknown-account', severity: 'danger' });
  if (known && anyAction && !rules.emptyWhitelistSafe)
    out.push({ kind: 'owner-equivalent', severity: 'danger', accountVersion });
  if (!rules.spendingPolicy)
    out.push({ kind: 'cannot-cap-spending', severity: limits ? 'danger' : 'caution', accountVersion });
  if (known && rules.outsideExecutionCallsNeeded > 1)
    out.push({ kind: 'last-call-not-gasless', severity: 'info', accountVersion });
  return out;
}

function displayName(action: ConsentAction): string {
  return action.name ?? action.selector;
}

/** Token symbol and decimals for display. */
export interface TokenDisplayInfo {
  /** 0x hex address. */
  address: string;
  symbol?: string | undefined;
  decimals?: number | undefined;
}

/**
 * Symbols and decimals of the capped tokens of a stored policy (`StoredSession.policy` is opaque JSON):
 * what a status card needs to show "12.5 USDC left". Malformed input gives an empty list, never a throw.
 */
export function spendingTokenInfo(policy: unknown): TokenDisplayInfo[] {
  const limits = (policy as { spendingLimits?: unknown } | null | undefined)?.spendingLimits;
  if (!Array.isArray(limits)) return [];
  const out: TokenDisplayInfo[] = [];
  for (const limit of limits as unknown[]) {
    // A limit that is no object has no token: skipped like any limit whose token is no address.
    const { token, symbol, decimals } = (limit ?? {}) as Record<string, unknown>;
    const address = parseBigInt(token);
    if (!address || address >= ADDRESS_BOUND) continue;
    out.push({
      address: toHex(address),
      symbol: typeof symbol === 'string' ? symbol : undefined,
      // Range-checked: a stored policy is data from storage, and 80 000 decimals would stall a render.
      decimals: isTokenDecimals(decimals) ? decimals : undefined,
    });
  }
  return out;
}

/** The info for `token` (any address form) from `tokens`, or undefined. */
export function findTokenInfo(
  tokens: readonly TokenDisplayInfo[] | undefined,
  token: string,
): TokenDisplayInfo | undefined {
  // Never a throw in a render: an unparsable address matches nothing.
  const wanted = parseBigInt(token);
  if (wanted === undefined || !Array.isArray(tokens)) return undefined;
  return tokens.find((t) => parseBigInt(t?.address) === wanted);
}
