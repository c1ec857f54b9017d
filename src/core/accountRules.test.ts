import { ACCOUNT_CLASS_HASHES, accountRules, accountVersionOf, assertPolicyAllowed } from './accountRules.js';
import { normalizeSessionPolicy, type SessionPolicy } from './policy.js';

const NOW = 1_767_225_600;
const use = { accountAddress: '0x123', viaPaymaster: true, fallbackDirect: false };
const policy = (p: Partial<SessionPolicy> = {}) =>
  normalizeSessionPolicy(
    { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 5, ...p },
    { now: NOW },
  );
const codeOf = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    const e = error as { code: string; reason?: string; missing?: string };
    return `${e.code}:${e.reason ?? e.missing}`;
  }
};

describe('accountVersionOf', () => {
  it('compares class hashes as numbers (a dropped leading zero still matches)', () => {
    expect(accountVersionOf(ACCOUNT_CLASS_HASHES.v29)).toBe('v29');
    expect(accountVersionOf(ACCOUNT_CLASS_HASHES.v29.replace('0x0', '0x'))).toBe('v29');
    expect(accountVersionOf(BigInt(ACCOUNT_CLASS_HASHES.v31))).toBe('v31');
  });

  it('calls anything else unknown, including older v24–v26 classes and garbage', () => {
    expect(accountVersionOf('0x3aa948f0')).toBe('unknown');
    expect(accountVersionOf('not a hash')).toBe('unknown');
    expect(accountVersionOf(undefined)).toBe('unknown');
  });
});

describe('accountRules', () => {
  it('refuses v28 always and an unknown class unless the app opted in', () => {
    expect(accountRules('v28').refused).toBe('unsafe-version');
    expect(accountRules('v28', { allowUnknownAccounts: true }).refused).toBe('unsafe-version');
    expect(accountRules('unknown').refused).toBe('unknown-account');
    expect(accountRules('unknown', { allowUnknownAccounts: true })).toMatchObject({
      refused: undefined,
      emptyWhitelistSafe: false,
      spendingPolicy: false,
      outsideExecutionCallsNeeded: 2,
    });
  });
});

describe('assertPolicyAllowed', () => {
  it.each([
    ['v28', 'a listed action', {}, 'SESSION_NOT_SUPPORTED:unsafe-version'],
    ['v29', 'any action', { actions: [], allowAnyAction: true }, 'INVALID_POLICY:owner-equivalent'],
    ['v31', 'any action', { actions: [], allowAnyAction: true }, 'INVALID_POLICY:owner-equivalent'],
    ['v32', 'any action', { actions: [], allowAnyAction: true }, 'ok'],
    [
      'v32',
      'a spending limit',
      { spendingLimits: [{ token: '0x1', maxPerWindow: 1n, windowSeconds: 1 }] },
      'SESSION_NOT_SUPPORTED:spending-policy',
    ],
    [
      'v33',
      'a spending limit',
      { spendingLimits: [{ token: '0x1', maxPerWindow: 1n, windowSeconds: 1 }] },
      'ok',
    ],
    ['v30', 'maxCalls 1', { maxCalls: 1 }, 'INVALID_POLICY:paymaster-needs-two-calls'],
    ['v31', 'maxCalls 1', { maxCalls: 1 }, 'ok'],
  ] as const)('%s with %s -> %s', (version, _label, patch, expected) => {
    expect(
      codeOf(() => assertPolicyAllowed(accountRules(version), policy(patch as Partial<SessionPolicy>), use)),
    ).toBe(expected);
  });

  it('lets maxCalls 1 through on v29/v30 when execute may go direct, or when no paymaster is used', () => {
    const one = policy({ maxCalls: 1 });
    expect(
      codeOf(() => assertPolicyAllowed(accountRules('v29'), one, { ...use, fallbackDirect: true })),
    ).toBe('ok');
    expect(codeOf(() => assertPolicyAllowed(accountRules('v29'), one, { ...use, viaPaymaster: false }))).toBe(
      'ok',
    );
  });
});
