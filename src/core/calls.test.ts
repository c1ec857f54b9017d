import fc from 'fast-check';
import { loadVectors } from '../../test/vectors/load.js';
import { trackedSelectors } from './call.js';
import {
  buildAddSessionCall,
  buildRemoveSpendingPolicyCall,
  buildRevokeSessionCall,
  buildSetSpendingPolicyCall,
  parseSessionData,
  parseSpendingPolicy,
  u256FromCalldata,
} from './calls.js';
import { SPENDING_TRACKED_SELECTORS } from './constants.js';
import { InvalidInputError } from './errors/index.js';
import { joinU256, splitU256 } from './felt.js';

const { vectors: v } = loadVectors();
const account = v.invoke.input.account;
const usdc = v.invoke.input.calls[0]!.to;

describe('call builders', () => {
  it('add_or_update_session_key calldata matches the vector (§9.3), by name or selector', () => {
    const base = {
      accountAddress: account,
      publicKey: v.sessionPublicKey,
      validUntil: 1767225600,
      maxCalls: 100,
    };
    expect(buildAddSessionCall({ ...base, allowedEntrypoints: ['transfer', 'approve'] })).toEqual({
      contractAddress: `0x${BigInt(account).toString(16)}`,
      entrypoint: 'add_or_update_session_key',
      calldata: v.addSessionCalldata,
    });
    const bySelector = buildAddSessionCall({
      ...base,
      allowedEntrypoints: [v.addSessionCalldata[4]!, v.addSessionCalldata[5]!],
    });
    expect(bySelector.calldata).toEqual(v.addSessionCalldata);
  });

  it('set_spending_policy calldata matches the vector (§9.3)', () => {
    const call = buildSetSpendingPolicyCall({
      accountAddress: account,
      publicKey: v.sessionPublicKey,
      token: usdc,
      maxPerCall: 1_000_000n,
      maxPerWindow: 50_000_000n,
      windowSeconds: 86400,
    });
    expect(call.entrypoint).toBe('set_spending_policy');
    expect(call.calldata).toEqual(v.setSpendingPolicyCalldata);
  });

  it('revoke and remove take the key (and token) only', () => {
    expect(
      buildRevokeSessionCall({ accountAddress: account, publicKey: v.sessionPublicKey }).calldata,
    ).toEqual([v.sessionPublicKey]);
    expect(
      buildRemoveSpendingPolicyCall({ accountAddress: account, publicKey: v.sessionPublicKey, token: usdc })
        .calldata,
    ).toEqual([v.sessionPublicKey, `0x${BigInt(usdc).toString(16)}`]);
  });

  it('refuses out-of-range fields', () => {
    const base = {
      accountAddress: account,
      publicKey: v.sessionPublicKey,
      validUntil: 1,
      allowedEntrypoints: [],
    };
    expect(() => buildAddSessionCall({ ...base, maxCalls: 2 ** 32 })).toThrow(InvalidInputError);
    expect(() => buildAddSessionCall({ ...base, maxCalls: 1, validUntil: 2n ** 64n })).toThrow(
      InvalidInputError,
    );
    expect(() =>
      buildSetSpendingPolicyCall({
        ...base,
        token: usdc,
        maxPerCall: 2n ** 256n,
        maxPerWindow: 1,
        windowSeconds: 1,
      }),
    ).toThrow(InvalidInputError);
  });
});

describe('parseSessionData', () => {
  it("reads the contract's order: valid_until, max_calls, calls_used, allowed_entrypoints_len", () => {
    expect(parseSessionData(['0x6955b900', '0x64', '0x3', '0x2'])).toEqual({
      validUntil: 1767225600,
      maxCalls: 100,
      callsUsed: 3,
      allowedEntrypointsLen: 2,
      exists: true,
    });
  });

  it('reports a zeroed session as not existing (revoked or never added)', () => {
    expect(parseSessionData(['0x0', '0x0', '0x0', '0x0']).exists).toBe(false);
  });

  it('refuses results of the wrong shape (e.g. the 5-felt layout a competitor assumes)', () => {
    expect(() => parseSessionData(['0x1', '0x6955b900', '0x61', '0x2', '0x0'])).toThrow(InvalidInputError);
    expect(() => parseSessionData(['0x1', '0x100000000', '0x0', '0x0'])).toThrow(InvalidInputError);
  });

  it('round-trips any session data (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.nat({ max: 2 ** 32 - 1 }),
        (validUntil, maxCalls, callsUsed, len) => {
          const felts = [validUntil, maxCalls, callsUsed, len].map((n) => `0x${n.toString(16)}`);
          const parsed = parseSessionData(felts);
          // validUntil above 2^53 cannot be a Number exactly; timestamps never get there.
          if (validUntil <= BigInt(Number.MAX_SAFE_INTEGER))
            expect(BigInt(parsed.validUntil)).toBe(validUntil);
          expect([parsed.maxCalls, parsed.callsUsed, parsed.allowedEntrypointsLen]).toEqual([
            maxCalls,
            callsUsed,
            len,
          ]);
          expect(parsed.exists).toBe(validUntil !== 0n);
        },
      ),
    );
  });
});

describe('parseSpendingPolicy', () => {
  it('reads 8 felts with u256 words low first', () => {
    const p = parseSpendingPolicy(['0xf4240', '0x0', '0x2faf080', '0x1', '0x15180', '0x5', '0x0', '0x64']);
    expect(p).toEqual({
      maxPerCall: 1_000_000n,
      maxPerWindow: 50_000_000n + 2n ** 128n,
      windowSeconds: 86400,
      spentInWindow: 5n,
      windowStart: 100,
      enabled: true,
      windowOverflows: false,
    });
    expect(parseSpendingPolicy(Array(8).fill('0x0')).enabled).toBe(false);
  });

  it('sees window_start + window_seconds past u64 exactly, where numbers would round', () => {
    const u64Max = 2n ** 64n - 1n;
    const at = (start: bigint, window: bigint) =>
      parseSpendingPolicy([
        '0x1',
        '0x0',
        '0x1',
        '0x0',
        `0x${window.toString(16)}`,
        '0x0',
        '0x0',
        `0x${start.toString(16)}`,
      ]);
    expect(at(100n, u64Max - 100n).windowOverflows).toBe(false);
    expect(at(100n, u64Max - 99n).windowOverflows).toBe(true);
  });
});

describe('u256 encoding (property)', () => {
  const u256 = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n });
  it('split then join is the identity', () => {
    fc.assert(
      fc.property(u256, (n) => {
        const { low, high } = splitU256(n);
        expect(low < 2n ** 128n && high < 2n ** 128n).toBe(true);
        expect(joinU256(low, high)).toBe(n);
        expect(u256FromCalldata(`0x${low.toString(16)}`, `0x${high.toString(16)}`)).toBe(n);
      }),
    );
  });
  it('refuses words that do not fit u128 and values outside u256', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 128n, max: 2n ** 251n }), (w) => {
        expect(u256FromCalldata(w, 0n)).toBeUndefined();
        expect(() => joinU256(0n, w)).toThrow(InvalidInputError);
      }),
    );
    expect(() => splitU256(2n ** 256n)).toThrow(InvalidInputError);
    expect(() => splitU256(-1n)).toThrow(InvalidInputError);
  });
});

describe('trackedSelectors', () => {
  it('maps each selector of SPENDING_TRACKED_SELECTORS back to its entrypoint name', () => {
    const names = trackedSelectors();
    expect(names.size).toBe(4);
    expect(names.get(BigInt(SPENDING_TRACKED_SELECTORS.transfer))).toBe('transfer');
    expect(names.get(BigInt(SPENDING_TRACKED_SELECTORS.increaseAllowance))).toBe('increaseAllowance');
    expect(names.get(BigInt(usdc))).toBeUndefined();
  });
});
