import { hash } from 'starknet';
import { ADMIN_SELECTORS, SPENDING_TRACKED_SELECTORS } from './constants.js';
import { InvalidPolicyError } from './errors/index.js';
import {
  ACCOUNT_SELECTOR_NAMES,
  ADMIN_NAMES,
  adminSelectorName,
  formatAmount,
  normalizeSessionPolicy,
  parseAmount,
  type SessionPolicy,
  sessionCoversPolicy,
} from './policy.js';

const NOW = 1_767_225_600;
const GAME = '0x1234';
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const base: SessionPolicy = {
  actions: [{ entrypoint: 'attack', contractAddress: GAME, label: 'Attack' }, { entrypoint: 'transfer' }],
  durationSeconds: 3600,
  maxCalls: 50,
};

function reasonOf(policy: SessionPolicy): string {
  try {
    normalizeSessionPolicy(policy, { now: NOW });
    return 'ok';
  } catch (error) {
    if (error instanceof InvalidPolicyError) return error.reason;
    throw error;
  }
}

describe('normalizeSessionPolicy', () => {
  it('turns a human policy into on-chain values', () => {
    const n = normalizeSessionPolicy(
      {
        ...base,
        spendingLimits: [
          {
            token: USDC,
            symbol: 'USDC',
            decimals: 6,
            maxPerCall: '1',
            maxPerWindow: '50.5',
            windowSeconds: 86400,
          },
        ],
      },
      { now: NOW },
    );
    expect(n).toEqual({
      validUntil: NOW + 3600,
      maxCalls: 50,
      allowedSelectors: [
        `0x${BigInt(hash.getSelectorFromName('attack')).toString(16)}`,
        SPENDING_TRACKED_SELECTORS.transfer,
      ],
      spendingLimits: [
        { token: USDC, maxPerCall: 1_000_000n, maxPerWindow: 50_500_000n, windowSeconds: 86400 },
      ],
    });
  });

  it('accepts an absolute validUntil', () => {
    expect(
      normalizeSessionPolicy({ ...base, durationSeconds: undefined, validUntil: NOW + 600 }, { now: NOW })
        .validUntil,
    ).toBe(NOW + 600);
  });

  it.each<[string, Partial<SessionPolicy>, string]>([
    ['an expiry in the past', { durationSeconds: undefined, validUntil: NOW - 1 }, 'expiry-in-past'],
    ['an expiry within the minimum', { durationSeconds: 10 }, 'expiry-in-past'],
    ['an absurdly far expiry', { durationSeconds: 10 * 365 * 86400 }, 'expiry-too-far'],
    ['both duration and validUntil', { validUntil: NOW + 100 }, 'duration-invalid'],
    ['neither duration nor validUntil', { durationSeconds: undefined }, 'duration-invalid'],
    ['a fractional duration', { durationSeconds: 100.5 }, 'duration-invalid'],
    ['maxCalls 0', { maxCalls: 0 }, 'max-calls-out-of-range'],
    ['maxCalls above u32', { maxCalls: 2 ** 32 }, 'max-calls-out-of-range'],
    ['maxCalls not an integer', { maxCalls: 1.5 }, 'max-calls-out-of-range'],
    ['an admin selector by name', { actions: [{ entrypoint: 'upgrade' }] }, 'account-selector'],
    [
      'an admin selector as hex',
      { actions: [{ entrypoint: ADMIN_SELECTORS.set_public_key }] },
      'account-selector',
    ],
    [
      'register_interfaces (never on a contract blocklist)',
      { actions: [{ entrypoint: 'register_interfaces' }] },
      'account-selector',
    ],
    ['__validate__', { actions: [{ entrypoint: '__validate__' }] }, 'account-selector'],
    [
      'a duplicate selector (name and hex)',
      { actions: [{ entrypoint: 'transfer' }, { entrypoint: SPENDING_TRACKED_SELECTORS.transfer }] },
      'duplicate-selector',
    ],
    ['a zero selector', { actions: [{ entrypoint: '0x0' }] }, 'zero-selector'],
    ['a malformed entrypoint', { actions: [{ entrypoint: 'do it!' }] }, 'invalid-entrypoint'],
    [
      'a malformed contract address',
      { actions: [{ entrypoint: 'attack', contractAddress: '0xnothex' }] },
      'invalid-address',
    ],
    ['an empty whitelist without opt-in', { actions: [] }, 'empty-whitelist'],
  ])('refuses %s', (_, patch, reason) => {
    expect(reasonOf({ ...base, ...patch })).toBe(reason);
  });

  it('allows an empty whitelist only with the explicit opt-in', () => {
    expect(
      normalizeSessionPolicy({ ...base, actions: [], allowAnyAction: true }, { now: NOW }).allowedSelectors,
    ).toEqual([]);
  });

  it('refuses every selector of the account itself, the v33 admin ones and more', () => {
    for (const name of ACCOUNT_SELECTOR_NAMES) {
      expect(reasonOf({ ...base, actions: [{ entrypoint: name }] }), name).toBe('account-selector');
    }
    expect(ACCOUNT_SELECTOR_NAMES).toEqual(expect.arrayContaining(Object.keys(ADMIN_SELECTORS)));
  });

  it('knows every admin selector of v33 by its selector, named as ADMIN_SELECTORS names it', () => {
    expect(ADMIN_NAMES).toEqual(Object.keys(ADMIN_SELECTORS));
    for (const [name, selector] of Object.entries(ADMIN_SELECTORS)) {
      expect(adminSelectorName(BigInt(selector))).toBe(name);
      expect(reasonOf({ ...base, actions: [{ entrypoint: selector }] }), name).toBe('account-selector');
    }
    expect(adminSelectorName(BigInt(SPENDING_TRACKED_SELECTORS.transfer))).toBeUndefined();
  });

  const limit = { token: USDC, maxPerWindow: 100n, windowSeconds: 60 };
  it.each<[string, object, string]>([
    ['a malformed token address', { token: 'USDC' }, 'invalid-address'],
    ['a zero token address', { token: '0x0' }, 'invalid-address'],
    ['an amount above u256', { maxPerWindow: 2n ** 256n }, 'amount-out-of-range'],
    ['a negative amount', { maxPerWindow: -1n }, 'amount-out-of-range'],
    ['more decimals than the token has', { decimals: 2, maxPerWindow: '1.001' }, 'amount-out-of-range'],
    ['a non-numeric amount', { maxPerWindow: '1e6' }, 'amount-out-of-range'],
    ['maxPerWindow 0 (which means "no policy" on chain)', { maxPerWindow: 0n }, 'amount-out-of-range'],
    ['maxPerCall above maxPerWindow', { maxPerCall: 101n }, 'max-per-call-above-window'],
    ['a zero window', { windowSeconds: 0 }, 'window-invalid'],
    ['a window above u64', { windowSeconds: 2 ** 64 }, 'window-invalid'],
    ['bad decimals', { decimals: -1 }, 'invalid-decimals'],
  ])('refuses a spending limit with %s', (_, patch, reason) => {
    expect(reasonOf({ ...base, spendingLimits: [{ ...limit, ...patch }] })).toBe(reason);
  });

  it('refuses two limits on the same token', () => {
    expect(
      reasonOf({ ...base, spendingLimits: [limit, { ...limit, token: USDC.replace('0x', '0x000') }] }),
    ).toBe('duplicate-token');
  });

  it('defaults maxPerCall to maxPerWindow', () => {
    const n = normalizeSessionPolicy({ ...base, spendingLimits: [limit] }, { now: NOW });
    expect(n.spendingLimits[0]!.maxPerCall).toBe(100n);
  });
});

describe('amounts', () => {
  it('parses token units with decimals and formats them back', () => {
    expect(parseAmount('12.5', 6, 'x')).toBe(12_500_000n);
    expect(parseAmount('7', undefined, 'x')).toBe(7n);
    expect(formatAmount(12_500_000n, 6)).toBe('12.5');
    expect(formatAmount(5n, 6)).toBe('0.000005');
    expect(formatAmount(1_000_000n, 6)).toBe('1');
  });
});

describe('sessionCoversPolicy (policy drift)', () => {
  const requested = normalizeSessionPolicy(base, { now: NOW });
  const live = {
    validUntil: NOW + 3600,
    maxCalls: 50,
    callsUsed: 0,
    allowedSelectors: requested.allowedSelectors,
    spendingLimits: [],
  };
  it('reuses a live session that grants the same or more', () => {
    expect(sessionCoversPolicy(live, requested, NOW)).toBe(true);
    expect(
      sessionCoversPolicy({ ...live, allowedSelectors: [...live.allowedSelectors, '0x99'] }, requested, NOW),
    ).toBe(true);
  });
  it('asks for new consent when the dApp wants more, or the session is spent', () => {
    expect(
      sessionCoversPolicy({ ...live, allowedSelectors: [live.allowedSelectors[0]!] }, requested, NOW),
    ).toBe(false);
    expect(sessionCoversPolicy({ ...live, callsUsed: 50 }, requested, NOW)).toBe(false);
    expect(sessionCoversPolicy({ ...live, validUntil: NOW }, requested, NOW)).toBe(false);
    const withCap = normalizeSessionPolicy(
      { ...base, spendingLimits: [{ token: USDC, maxPerWindow: 5n, windowSeconds: 60 }] },
      { now: NOW },
    );
    expect(sessionCoversPolicy(live, withCap, NOW)).toBe(false);
  });
});
