import { createSessionConfig } from './config.js';
import { createInflightTracker } from './inflight.js';

const KEY = 'SN_SEPOLIA:0x1:0xabc';
const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';

describe('createInflightTracker', () => {
  it('counts parallel holds and takes a failed one back once', () => {
    const t = createInflightTracker();
    const a = t.reserve(KEY, 3);
    const b = t.reserve(KEY, 3);
    expect([a.callsUsed, b.callsUsed]).toEqual([4, 5]);
    expect(t.pending(KEY, 3)).toBe(2);
    a.fail();
    a.fail();
    expect(t.pending(KEY, 3)).toBe(1);
    // The chain caught up with what landed: nothing is added twice.
    expect(t.pending(KEY, 5)).toBe(0);
  });

  it("holds a transaction's spend per token until it lands or fails", () => {
    const t = createInflightTracker();
    const a = t.reserve(KEY, 0);
    a.setSpend([{ token: STRK, amount: 60n }]);
    const b = t.reserve(KEY, 0);
    b.setSpend([
      { token: STRK, amount: 10n },
      { token: STRK, amount: 5n },
    ]);
    expect(t.pendingSpend(KEY).get(BigInt(STRK))).toBe(75n);
    expect(t.pendingSpend(KEY, undefined, a).get(BigInt(STRK))).toBe(15n);
    a.landed(); // the chain's spent_in_window has it now
    expect(t.pendingSpend(KEY).get(BigInt(STRK))).toBe(15n);
    expect(t.pending(KEY, 0)).toBe(2); // its call stays until the chain shows it
    b.fail();
    expect(t.pendingSpend(KEY).size).toBe(0);
    expect(t.pending(KEY, 0)).toBe(1);
  });

  it('counts a landed spend for reads begun before it landed, not for later ones', () => {
    const t = createInflightTracker();
    const hold = t.reserve(KEY, 0);
    hold.setSpend([{ token: STRK, amount: 60n }]);
    const early = t.mark();
    hold.landed();
    const late = t.mark();
    expect(t.pendingSpend(KEY, undefined, undefined, early).get(BigInt(STRK))).toBe(60n);
    expect(t.pendingSpend(KEY, undefined, undefined, late).size).toBe(0);
  });

  it('keeps a bounded number of landed holds', () => {
    const t = createInflightTracker();
    const early = t.mark();
    for (let i = 0; i < 100; i++) {
      const hold = t.reserve(KEY, i);
      hold.setSpend([{ token: STRK, amount: 1n }]);
      hold.landed();
    }
    expect(t.pendingSpend(KEY, undefined, undefined, early).get(BigInt(STRK))).toBe(64n);
  });

  it('keeps an unknown outcome held until it can no longer run, then releases it', () => {
    const t = createInflightTracker();
    const hold = t.reserve(KEY, 0);
    hold.setSpend([{ token: STRK, amount: 60n }]);
    hold.expireAt(1_000);
    expect(t.pending(KEY, 0, 1_000)).toBe(1);
    expect(t.pendingSpend(KEY, 1_000).get(BigInt(STRK))).toBe(60n);
    expect(t.pending(KEY, 0, 1_001)).toBe(0);
    expect(t.pendingSpend(KEY, 1_001).size).toBe(0);
  });
});

describe('createSessionConfig: paymaster bounds', () => {
  it('defaults to a 300 s window, no fee bound, no forwarder and no ANY_CALLER', () => {
    const config = createSessionConfig();
    expect(config).toMatchObject({
      maxExecuteWindowSeconds: 300,
      maxFeeInGasToken: undefined,
      paymasterForwarder: undefined,
      allowAnyCaller: false,
    });
  });

  it('normalises the forwarder address', () => {
    expect(createSessionConfig({ paymasterForwarder: '0x00ABC' }).paymasterForwarder).toBe('0xabc');
  });

  it.each([
    ['maxFeeInGasToken', { maxFeeInGasToken: -1n }],
    ['maxFeeInGasToken', { maxFeeInGasToken: 100 as unknown as bigint }],
    ['maxFeeInGasToken', { maxFeeInGasToken: 2n ** 256n }],
    ['maxExecuteWindowSeconds', { maxExecuteWindowSeconds: 0 }],
    ['maxExecuteWindowSeconds', { maxExecuteWindowSeconds: 1.5 }],
    ['maxExecuteWindowSeconds', { maxExecuteWindowSeconds: Number.POSITIVE_INFINITY }],
    ['paymasterForwarder', { paymasterForwarder: 'forwarder' }],
  ])('refuses a bad %s with a typed error', (field, parameters) => {
    expect(() => createSessionConfig(parameters)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', field }),
    );
  });
});
