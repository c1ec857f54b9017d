/**
 * What each session-account version allows, in one place (spec/account-versions.md §7–§8): the rules
 * createSession, the preflight, the consent text and execute read. The version itself comes from the
 * exact class hash (support.ts).
 */

import { InvalidInputError, InvalidPolicyError, SessionNotSupportedError } from './errors/index.js';
import { parseBigInt } from './felt.js';
import { describeInput, inputObject } from './input.js';
import type { NormalizedSessionPolicy } from './policy.js';

export type KnownAccountVersion = 'v28' | 'v29' | 'v30' | 'v31' | 'v32' | 'v33';
export type AccountVersion = KnownAccountVersion | 'unknown';

/** Mainnet class hashes (§0); compare as numbers, some sources drop the leading zero. */
export const ACCOUNT_CLASS_HASHES: Readonly<Record<KnownAccountVersion, string>> = {
  v28: '0x02de1565226d5215a38b68c4d9a4913989b54edff64c68c45e453c417b44cd83',
  v29: '0x053f4f8791ed5bed0fddaa553d180c664e32cfaf8316bb232ae77bb08f459f2a',
  v30: '0x072b77b033a874fa1b8f7ff52e18be8fb5ce01a00c59cd184ae15f5b29bc0e57',
  v31: '0x0254f6dd0427319ec614c29e4e3929500d1ba95d0da87ff81d67051ce572667',
  v32: '0x035a2251aca25daba18a5d8950deffa8372a7d84774554e75283cb85552eebc9',
  v33: '0x0484bbd2404b3c7264bea271f7267d6d4004821ac7787a9eed7f472e79ef40d1',
};

/** get_contract_info per version (§1.2): a cross-check only, v29 and v30 answer the same. */
export function contractInfoOf(version: KnownAccountVersion): string {
  assertVersion(version);
  return version === 'v28' ? 'v27_custom_snip9v2' : version < 'v31' ? 'v26_audit_fixes' : version;
}

function assertVersion(version: unknown): asserts version is KnownAccountVersion {
  if (!(typeof version === 'string' && Object.hasOwn(ACCOUNT_CLASS_HASHES, version)))
    throw new InvalidInputError('version', 'Unknown account version.', {
      details: describeInput(version),
    });
}

/** The version of a class hash, compared as numbers; anything else is 'unknown'. */
export function accountVersionOf(classHash: unknown): AccountVersion {
  const n = parseBigInt(classHash);
  const versions = Object.keys(ACCOUNT_CLASS_HASHES) as KnownAccountVersion[];
  return versions.find((version) => BigInt(ACCOUNT_CLASS_HASHES[version]) === n) ?? 'unknown';
}

/** The rules the library applies to one account. */
export interface AccountRules {
  version: AccountVersion;
  /** Why no session may be created or used here, if so. */
  refused: 'unsafe-version' | 'unknown-account' | undefined;
  /** An empty whitelist is safe (v32+: blocklist + self-call rule); else it is owner-equivalent. */
  emptyWhitelistSafe: boolean;
  /** set/get/remove_spending_policy exist (v33 only). */
  spendingPolicy: boolean;
  /** Calls that must be left for an outside execution to succeed (v29/v30 use one before the check). */
  outsideExecutionCallsNeeded: 1 | 2;
  /** The account checks sig[3] <= the stored valid_until on the outside path (v32+). */
  bindsValidUntil: boolean;
}

/**
 * The rules for a version. v28 is refused (every session key is owner-equivalent there); an unknown
 * class is refused unless the app opted in, and then gets the strictest rules, never spending limits.
 */
export function accountRules(
  version: AccountVersion,
  options: { allowUnknownAccounts?: boolean } = {},
): AccountRules {
  const unknown = version === 'unknown';
  if (!unknown) assertVersion(version);
  // Versions compare as strings ('v28' < 'v33'; 'unknown' sorts below every 'v…', so an unknown class
  // gets the strictest rules). v32+: blocklist + self-call rule, sig[3] bound; v33: spending policies;
  // v29/v30 (and, to be safe, an unknown class): a call used before the outside signature check.
  return {
    version,
    refused:
      version === 'v28'
        ? 'unsafe-version'
        : unknown && !options.allowUnknownAccounts
          ? 'unknown-account'
          : undefined,
    emptyWhitelistSafe: version >= 'v32',
    spendingPolicy: version === 'v33',
    outsideExecutionCallsNeeded: unknown || version === 'v29' || version === 'v30' ? 2 : 1,
    bindsValidUntil: version >= 'v32',
  };
}

/** How the policy will be used, for the rules that depend on the route. */
export interface PolicyUse {
  accountAddress: string;
  /** Actions will go through a paymaster (outside executions). */
  viaPaymaster: boolean;
  /** The app lets execute fall back to a direct invoke (fallback.direct). */
  fallbackDirect: boolean;
}

/**
 * Refuses, before any prompt, a policy this account version cannot hold safely (§7–§8): no sessions on
 * v28 or an unknown class (unless opted in), no empty whitelist where it is owner-equivalent (v29–v31),
 * no spending limits before v33, no maxCalls 1 for paymaster use on v29/v30 (unless direct is allowed).
 */
export function assertPolicyAllowed(
  rules: AccountRules,
  policy: NormalizedSessionPolicy,
  use: PolicyUse,
): void {
  inputObject(rules, 'rules');
  inputObject(use, 'use');
  if (!Array.isArray(inputObject(policy, 'policy').allowedSelectors))
    throw new InvalidInputError('policy.allowedSelectors', 'allowedSelectors must be an array.');
  enforcePolicyRules(rules, policy, use);
}

/**
 * assertPolicyAllowed's refusals without its input checks, for a caller whose values are well-formed by
 * construction (createSession: rules from accountRules, a normalized policy): an app that never calls the
 * public check does not bundle it.
 */
export function enforcePolicyRules(
  rules: AccountRules,
  policy: NormalizedSessionPolicy,
  use: PolicyUse,
): void {
  if (rules.refused)
    throw new SessionNotSupportedError(use.accountAddress, 'session-keys', rules.version, rules.refused);
  if (policy.allowedSelectors.length === 0 && !rules.emptyWhitelistSafe) {
    throw new InvalidPolicyError(
      'owner-equivalent',
      'actions',
      `On ${rules.version}, allowing any action hands over the account.`,
    );
  }
  if (policy.spendingLimits.length > 0 && !rules.spendingPolicy) {
    throw new SessionNotSupportedError(use.accountAddress, 'spending-policy', rules.version);
  }
  if (policy.maxCalls < rules.outsideExecutionCallsNeeded && use.viaPaymaster && !use.fallbackDirect) {
    throw new InvalidPolicyError(
      'paymaster-needs-two-calls',
      'maxCalls',
      `On ${rules.version}, a gasless action needs two calls left.`,
    );
  }
}
