import fc from 'fast-check';
import { hash } from 'starknet';
import { codeOfSync as codeOf } from '../../test/helpers/codeOf.js';
import type { SpendingPolicyState } from './calls.js';
import { ADMIN_SELECTORS, SPENDING_TRACKED_SELECTORS } from './constants.js';
import { SpendLimitExceededError } from './errors/index.js';
import { checkSessionCalls, type PreflightSession } from './preflight.js';

const NOW = 1_800_000_000;
const ACCOUNT = '0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806';
const GAME = '0x4a11';
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const sel = (name: string) => `0x${BigInt(hash.getSelectorFromName(name)).toString(16)}`;

const session: PreflightSession = {
  publicKey: '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599',
  validUntil: NOW + 3600,
  maxCalls: 10,
  callsUsed: 0,
  allowedSelectors: [sel('attack'), sel('transfer')],
};
const attack = { contractAddress: GAME, entrypoint: 'attack', calldata: ['0x1'] };
const pay = (amount: bigint, token = USDC) => ({
  contractAddress: token,
  entrypoint: 'transfer',
  calldata: [
    '0xbeef',
    `0x${(amount & (2n ** 128n - 1n)).toString(16)}`,
    `0x${(amount >> 128n).toString(16)}`,
  ],
});
const policy = (p: Partial<SpendingPolicyState> = {}): SpendingPolicyState => ({
  maxPerCall: 100n,
  maxPerWindow: 250n,
  windowSeconds: 3600,
  spentInWindow: 0n,
  windowStart: NOW - 10,
  enabled: true,
  ...p,
});

describe('checkSessionCalls', () => {
  const check = (over: Partial<Parameters<typeof checkSessionCalls>[0]> = {}) =>
    codeOf(() => checkSessionCalls({ accountAddress: ACCOUNT, calls: [attack], session, now: NOW, ...over }));

  it('lets an allowed call through and reports what it spends', () => {
    const result = checkSessionCalls({
      accountAddress: ACCOUNT,
      calls: [attack, pay(40n), pay(60n)],
      session,
      now: NOW,
      spendingPolicies: { [USDC]: policy({ spentInWindow: 100n }) },
    });
    expect(result.calls).toHaveLength(3);
    expect(result.spending).toEqual([
      { token: USDC, amount: 100n, spentInWindow: 200n, windowStart: NOW - 10 },
    ]);
  });

  it('refuses to sign within the expiry margin, before anything else', () => {
    expect(check({ now: NOW + 3600 - 29 })).toBe('SESSION_EXPIRED');
    expect(check({ now: NOW + 3600 - 31 })).toBe('ok');
    expect(check({ now: NOW + 3600 - 5, expiryMarginSeconds: 0 })).toBe('ok');
    expect(check({ now: NOW + 4000, session: { ...session, exists: false, callsUsed: 99 } })).toBe(
      'SESSION_EXPIRED',
    );
  });

  it('refuses a session the chain does not know (revoked or never added)', () => {
    expect(check({ session: { ...session, exists: false } })).toBe('SESSION_NOT_FOUND');
  });

  it('refuses when the call budget is used, counting transactions still in flight', () => {
    expect(check({ session: { ...session, callsUsed: 10 } })).toBe('CALL_LIMIT_REACHED');
    expect(check({ session: { ...session, callsUsed: 8 }, pendingTransactions: 2 })).toBe(
      'CALL_LIMIT_REACHED',
    );
    expect(check({ session: { ...session, callsUsed: 8 }, pendingTransactions: 1 })).toBe('ok');
  });

  it('refuses an admin selector on any contract, even when whitelisted', () => {
    const upgradeElsewhere = { contractAddress: GAME, entrypoint: 'upgrade', calldata: ['0x1'] };
    expect(check({ calls: [attack, upgradeElsewhere] })).toBe('ADMIN_SELECTOR');
    const whitelisted = {
      ...session,
      allowedSelectors: [...session.allowedSelectors, ADMIN_SELECTORS.upgrade],
    };
    expect(check({ calls: [upgradeElsewhere], session: whitelisted })).toBe('ADMIN_SELECTOR');
  });

  it('refuses a call to the account itself when the whitelist is empty', () => {
    const open = { ...session, allowedSelectors: [] };
    expect(
      check({ session: open, calls: [{ contractAddress: ACCOUNT, entrypoint: 'register_interfaces' }] }),
    ).toBe('CALL_NOT_ALLOWED');
    expect(check({ session: open, calls: [{ contractAddress: GAME, entrypoint: 'anything' }] })).toBe('ok');
  });

  it('refuses a selector outside the whitelist, naming the call', () => {
    try {
      checkSessionCalls({
        accountAddress: ACCOUNT,
        calls: [attack, { contractAddress: GAME, entrypoint: 'move' }],
        session,
        now: NOW,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'CALL_NOT_ALLOWED',
        reason: 'not-whitelisted',
        call: { index: 1, entrypoint: 'move' },
      });
    }
  });

  it('enforces per-call and per-window caps, accumulating over the multicall', () => {
    const spendingPolicies = { [USDC]: policy({ spentInWindow: 100n }) };
    expect(check({ calls: [pay(101n)], spendingPolicies })).toBe('SPEND_LIMIT_EXCEEDED');
    expect(check({ calls: [pay(100n), pay(50n)], spendingPolicies })).toBe('ok');
    try {
      checkSessionCalls({
        accountAddress: ACCOUNT,
        calls: [pay(100n), pay(51n)],
        session,
        now: NOW,
        spendingPolicies,
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SpendLimitExceededError);
      expect(error).toMatchObject({ limit: 'per-window', amount: 151n, allowed: 50n, call: { index: 1 } });
    }
  });

  it('resets the tumbling window when now >= windowStart + window', () => {
    const spendingPolicies = { [USDC]: policy({ spentInWindow: 250n, windowStart: NOW - 3600 }) };
    expect(check({ calls: [pay(100n)], spendingPolicies })).toBe('ok');
    const notYet = { [USDC]: policy({ spentInWindow: 250n, windowStart: NOW - 3599 }) };
    expect(check({ calls: [pay(1n)], spendingPolicies: notYet })).toBe('SPEND_LIMIT_EXCEEDED');
  });

  it('refuses calldata the contract could not parse as an amount', () => {
    const spendingPolicies = { [USDC]: policy() };
    expect(
      check({
        calls: [{ contractAddress: USDC, entrypoint: 'transfer', calldata: ['0x1', '0x2'] }],
        spendingPolicies,
      }),
    ).toBe('INVALID_CALLDATA');
    expect(
      check({
        calls: [
          {
            contractAddress: USDC,
            entrypoint: 'transfer',
            calldata: ['0x1', (2n ** 128n).toString(), '0x0'],
          },
        ],
        spendingPolicies,
      }),
    ).toBe('INVALID_CALLDATA');
  });

  it('refuses an empty call list and malformed calls with typed errors', () => {
    expect(check({ calls: [] })).toBe('INVALID_INPUT');
    expect(check({ calls: [{ contractAddress: 'game', entrypoint: 'attack' }] })).toBe('INVALID_INPUT');
  });
});

// A second, deliberately plain reading of spec §4.1/§4.3 (is_session_allowed_for_calls) and §7, to check the
// preflight against on random sessions and calls.
function specVerdict(
  s: PreflightSession,
  account: bigint,
  calls: { to: bigint; selector: bigint; calldata: bigint[] }[],
  policies: Map<bigint, SpendingPolicyState>,
  now: number,
  margin: number,
): string {
  if (now + margin > s.validUntil) return 'SESSION_EXPIRED';
  if (s.exists === false) return 'SESSION_NOT_FOUND';
  if (s.callsUsed >= s.maxCalls) return 'CALL_LIMIT_REACHED';
  const blocked = Object.values(ADMIN_SELECTORS).map(BigInt);
  for (const c of calls) if (blocked.includes(c.selector)) return 'ADMIN_SELECTOR';
  if (s.allowedSelectors.length === 0) {
    for (const c of calls) if (c.to === account) return 'CALL_NOT_ALLOWED';
  } else {
    for (const c of calls)
      if (!s.allowedSelectors.map(BigInt).includes(c.selector)) return 'CALL_NOT_ALLOWED';
  }
  const tracked = Object.values(SPENDING_TRACKED_SELECTORS).map(BigInt);
  const live = new Map([...policies].map(([k, v]) => [k, { ...v }]));
  for (const c of calls) {
    if (!tracked.includes(c.selector)) continue;
    const p = live.get(c.to);
    if (!p || p.maxPerWindow === 0n) continue;
    if (c.calldata.length < 3) return 'INVALID_CALLDATA';
    if (c.calldata[1]! >= 2n ** 128n || c.calldata[2]! >= 2n ** 128n) return 'INVALID_CALLDATA';
    const amount = c.calldata[1]! + c.calldata[2]! * 2n ** 128n;
    if (amount > p.maxPerCall) return 'SPEND_LIMIT_EXCEEDED';
    if (now >= p.windowStart + p.windowSeconds) {
      p.spentInWindow = 0n;
      p.windowStart = now;
    }
    if (p.spentInWindow + amount > p.maxPerWindow) return 'SPEND_LIMIT_EXCEEDED';
    p.spentInWindow += amount;
  }
  return 'ok';
}

describe('checkSessionCalls agrees with a plain reading of the spec (property)', () => {
  const selectors = [
    'attack',
    'move',
    'transfer',
    'approve',
    'increase_allowance',
    'upgrade',
    'set_public_key',
    '__execute__',
  ].map(sel);
  const targets = [ACCOUNT, GAME, USDC, '0x5555'];
  const word = fc.oneof(fc.bigInt({ min: 0n, max: 300n }), fc.bigInt({ min: 0n, max: 2n ** 130n }));
  const call = fc.record({
    contractAddress: fc.constantFrom(...targets),
    entrypoint: fc.constantFrom(...selectors),
    calldata: fc.array(word, { maxLength: 4 }),
  });
  const sessionArb = fc.record({
    publicKey: fc.constant('0x1'),
    validUntil: fc.integer({ min: NOW - 100, max: NOW + 200 }),
    maxCalls: fc.integer({ min: 1, max: 5 }),
    callsUsed: fc.integer({ min: 0, max: 6 }),
    allowedSelectors: fc.subarray(selectors.slice(0, 5)),
    exists: fc.boolean(),
  });
  const policyArb = fc.record({
    maxPerCall: fc.bigInt({ min: 0n, max: 300n }),
    maxPerWindow: fc.bigInt({ min: 0n, max: 500n }),
    windowSeconds: fc.integer({ min: 1, max: 200 }),
    spentInWindow: fc.bigInt({ min: 0n, max: 500n }),
    windowStart: fc.integer({ min: NOW - 300, max: NOW }),
    enabled: fc.constant(true),
  });

  it('returns the same verdict on random sessions, calls and policies', () => {
    fc.assert(
      fc.property(
        sessionArb,
        fc.array(call, { minLength: 1, maxLength: 4 }),
        fc.option(policyArb, { nil: undefined }),
        fc.integer({ min: 0, max: 60 }),
        (s, calls, p, margin) => {
          const policies = new Map<bigint, SpendingPolicyState>(p ? [[BigInt(USDC), p]] : []);
          const expected = specVerdict(
            s,
            BigInt(ACCOUNT),
            calls.map((c) => ({
              to: BigInt(c.contractAddress),
              selector: BigInt(c.entrypoint),
              calldata: c.calldata,
            })),
            policies,
            NOW,
            margin,
          );
          const actual = codeOf(() =>
            checkSessionCalls({
              accountAddress: ACCOUNT,
              calls,
              session: s,
              now: NOW,
              expiryMarginSeconds: margin,
              spendingPolicies: p ? { [USDC]: p } : undefined,
            }),
          );
          expect(actual).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
