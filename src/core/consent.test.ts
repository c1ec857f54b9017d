import { hash } from 'starknet';
import {
  type ConsentWarning,
  describeSessionPolicy,
  findTokenInfo,
  spendingTokenInfo,
  UNCOUNTED_TOKEN_SELECTORS,
} from './consent.js';
import { ADMIN_SELECTORS, SPENDING_TRACKED_SELECTORS } from './constants.js';
import { InvalidPolicyError } from './errors/index.js';
import type { SessionPolicy } from './policy.js';

const NOW = 1_767_225_600;
const GAME = '0x1234';
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';

const game: SessionPolicy = {
  actions: [
    { entrypoint: 'attack', contractAddress: GAME, label: 'Attack a monster', contractLabel: 'Dragon Game' },
  ],
  durationSeconds: 3600,
  maxCalls: 50,
};

const kinds = (warnings: ConsentWarning[]) => warnings.map((w) => w.kind);

describe('describeSessionPolicy', () => {
  it('describes a plain game policy: one action, no token movement, sponsored', () => {
    const s = describeSessionPolicy(game, { now: NOW });
    expect(s.actions).toEqual([
      {
        selector: `0x${BigInt(hash.getSelectorFromName('attack')).toString(16)}`,
        name: 'attack',
        label: 'Attack a monster',
        contractLabel: 'Dragon Game',
        contractAddress: '0x1234',
        movesTokens: false,
      },
    ]);
    expect(s).toMatchObject({
      anyAction: false,
      maxCalls: 50,
      validUntil: NOW + 3600,
      durationSeconds: 3600,
      fees: { mode: 'sponsored' },
    });
    expect(kinds(s.warnings)).toEqual(['every-contract', 'signs-messages']);
  });

  it('computes the duration from an absolute validUntil', () => {
    const s = describeSessionPolicy(
      { ...game, durationSeconds: undefined, validUntil: NOW + 7200 },
      { now: NOW },
    );
    expect(s.durationSeconds).toBe(7200);
    expect(s.validUntil).toBe(NOW + 7200);
  });

  it('warns, most severe first, that an empty whitelist allows any non-admin action', () => {
    const s = describeSessionPolicy({ ...game, actions: [], allowAnyAction: true }, { now: NOW });
    expect(s.anyAction).toBe(true);
    expect(s.warnings[0]).toEqual({
      kind: 'any-action',
      severity: 'danger',
      blocked: Object.keys(ADMIN_SELECTORS),
    });
    // Any action includes transfer on every token.
    expect(s.warnings[1]).toMatchObject({ kind: 'uncapped-spend', otherTokens: true });
    expect(kinds(s.warnings)).not.toContain('every-contract');
  });

  it('names the uncapped token a transfer action targets, and says other tokens are movable too', () => {
    const s = describeSessionPolicy(
      { ...game, actions: [{ entrypoint: 'transfer', contractAddress: USDC, contractLabel: 'USDC' }] },
      { now: NOW },
    );
    expect(s.actions[0]?.movesTokens).toBe(true);
    expect(s.warnings[0]).toEqual({
      kind: 'uncapped-spend',
      severity: 'danger',
      entrypoints: ['transfer'],
      tokens: [USDC],
      otherTokens: true,
    });
  });

  it('drops a token from the uncapped list once it has a cap, and keeps symbol and decimals', () => {
    const s = describeSessionPolicy(
      {
        ...game,
        actions: [{ entrypoint: 'transfer', contractAddress: USDC }],
        spendingLimits: [
          {
            token: USDC,
            symbol: 'USDC',
            decimals: 6,
            maxPerCall: '5',
            maxPerWindow: '50',
            windowSeconds: 86400,
          },
        ],
      },
      { now: NOW },
    );
    expect(s.spendingLimits).toEqual([
      {
        token: USDC,
        symbol: 'USDC',
        decimals: 6,
        maxPerCall: 5_000_000n,
        maxPerWindow: 50_000_000n,
        windowSeconds: 86400,
      },
    ]);
    expect(s.warnings.find((w) => w.kind === 'uncapped-spend')).toMatchObject({
      tokens: [],
      otherTokens: true,
    });
  });

  it('recognises a token entrypoint given as a hex selector', () => {
    const s = describeSessionPolicy(
      { ...game, actions: [{ entrypoint: SPENDING_TRACKED_SELECTORS.approve }] },
      { now: NOW },
    );
    expect(s.actions[0]).toMatchObject({ name: 'approve', movesTokens: true });
  });

  it('recognises every token-moving entrypoint given as a hex selector', () => {
    for (const [name, selector] of Object.entries({
      ...SPENDING_TRACKED_SELECTORS,
      ...UNCOUNTED_TOKEN_SELECTORS,
    })) {
      const s = describeSessionPolicy({ ...game, actions: [{ entrypoint: selector }] }, { now: NOW });
      expect(s.actions[0], name).toMatchObject({ selector, name, movesTokens: true });
    }
  });

  it('leaves the name of an unknown hex selector undefined and shows the selector in warnings', () => {
    const s = describeSessionPolicy({ ...game, actions: [{ entrypoint: '0xabc' }] }, { now: NOW });
    expect(s.actions[0]?.name).toBeUndefined();
    expect(s.warnings[0]).toMatchObject({ kind: 'every-contract', entrypoints: ['0xabc'] });
  });

  it('warns that transfer_from is not counted by the spending caps', () => {
    const s = describeSessionPolicy(
      {
        ...game,
        actions: [{ entrypoint: 'transfer_from' }],
        spendingLimits: [{ token: USDC, maxPerWindow: 10n, windowSeconds: 60 }],
      },
      { now: NOW },
    );
    expect(s.warnings).toContainEqual({
      kind: 'cap-not-counted',
      severity: 'caution',
      entrypoints: ['transfer_from'],
    });
  });

  it('in gas-token mode, counts the gas token as movable and says whether it is capped', () => {
    const uncapped = describeSessionPolicy(
      { ...game, actions: [...game.actions, { entrypoint: 'transfer' }] },
      { now: NOW, feeMode: { mode: 'default', gasToken: STRK } },
    );
    expect(uncapped.fees).toEqual({
      mode: 'gas-token',
      gasToken: STRK,
      capped: false,
      transferAllowed: true,
      maxFee: undefined,
    });
    expect(uncapped.warnings.find((w) => w.kind === 'uncapped-spend')).toMatchObject({ tokens: [STRK] });

    const capped = describeSessionPolicy(
      {
        ...game,
        actions: [...game.actions, { entrypoint: 'transfer' }],
        spendingLimits: [{ token: STRK, maxPerWindow: 10n ** 18n, windowSeconds: 3600 }],
      },
      { now: NOW, feeMode: { mode: 'default', gasToken: STRK } },
    );
    expect(capped.fees).toMatchObject({ capped: true, maxFee: 10n ** 18n });
  });

  it("shows the fee bound: the app's maxFeeInGasToken, else the gas token's per-call cap", () => {
    const withTransfer = { ...game, actions: [...game.actions, { entrypoint: 'transfer' }] };
    const gas = { mode: 'default', gasToken: STRK } as const;
    const bound = describeSessionPolicy(withTransfer, { now: NOW, feeMode: gas, maxFeeInGasToken: 5n });
    expect(bound.fees).toMatchObject({ mode: 'gas-token', maxFee: 5n });
    const cap = { token: STRK, maxPerCall: 7n, maxPerWindow: 100n, windowSeconds: 3600 };
    const capped = describeSessionPolicy(
      { ...withTransfer, spendingLimits: [cap] },
      { now: NOW, feeMode: gas },
    );
    expect(capped.fees).toMatchObject({ maxFee: 7n });
  });

  it('warns when gas-token fees need a transfer the whitelist refuses', () => {
    const s = describeSessionPolicy(game, { now: NOW, feeMode: { mode: 'default', gasToken: STRK } });
    expect(s.fees).toMatchObject({ transferAllowed: false });
    expect(s.warnings).toContainEqual({ kind: 'fee-transfer-blocked', severity: 'caution', gasToken: STRK });
  });

  it('always discloses that the key can sign messages for the account', () => {
    const s = describeSessionPolicy(game, { now: NOW });
    expect(s.warnings.at(-1)).toEqual({ kind: 'signs-messages', severity: 'info' });
  });

  it('lists every warning most severe first', () => {
    const s = describeSessionPolicy(
      {
        ...game,
        actions: [{ entrypoint: 'transfer_from', contractAddress: USDC }],
        spendingLimits: [{ token: USDC, maxPerWindow: 10n, windowSeconds: 60 }],
      },
      { now: NOW, feeMode: { mode: 'default', gasToken: STRK } },
    );
    expect(kinds(s.warnings)).toEqual([
      'uncapped-spend',
      'every-contract',
      'cap-not-counted',
      'fee-transfer-blocked',
      'signs-messages',
    ]);
    expect(s.warnings.map((w) => w.severity)).toEqual(['danger', 'caution', 'caution', 'caution', 'info']);
  });

  it('refuses what normalizeSessionPolicy refuses', () => {
    expect(() => describeSessionPolicy({ ...game, actions: [] }, { now: NOW })).toThrow(InvalidPolicyError);
    expect(() =>
      describeSessionPolicy({ ...game, actions: [{ entrypoint: 'upgrade' }] }, { now: NOW }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_POLICY', reason: 'account-selector' }));
  });
});

describe('UNCOUNTED_TOKEN_SELECTORS', () => {
  it('are the starknet_keccak selectors of their names', () => {
    for (const [name, selector] of Object.entries(UNCOUNTED_TOKEN_SELECTORS)) {
      expect(BigInt(hash.getSelectorFromName(name))).toBe(BigInt(selector));
    }
  });
});

describe('spendingTokenInfo', () => {
  it('reads symbols and decimals from a stored policy and skips malformed entries', () => {
    expect(
      spendingTokenInfo({
        spendingLimits: [
          { token: USDC, symbol: 'USDC', decimals: 6 },
          { token: 'not an address', symbol: 'X' },
          null,
          { token: '0x00abc', decimals: 1.5 },
        ],
      }),
    ).toEqual([
      { address: USDC, symbol: 'USDC', decimals: 6 },
      { address: '0xabc', symbol: undefined, decimals: undefined },
    ]);
    expect(spendingTokenInfo(undefined)).toEqual([]);
    expect(spendingTokenInfo('nonsense')).toEqual([]);
  });

  it('finds a token whatever the address padding', () => {
    const tokens = [{ address: '0xabc', symbol: 'ABC' }];
    expect(findTokenInfo(tokens, '0x0000abc')?.symbol).toBe('ABC');
    expect(findTokenInfo(tokens, '0xdef')).toBeUndefined();
    expect(findTokenInfo(tokens, 'garbage')).toBeUndefined();
  });

  it('skips entries that are not token infos instead of throwing (an app-supplied list)', () => {
    const hostile = [null, 7, { symbol: 'NOADDR' }, { address: '0xabc', symbol: 'ABC' }] as never;
    expect(findTokenInfo(hostile, '0xabc')?.symbol).toBe('ABC');
    expect(findTokenInfo([null] as never, `0x${'f'.repeat(80)}`)).toBeUndefined();
  });
});
