import fc from 'fast-check';
import { outsideExecutionTypes } from '../../test/helpers/outsideExecution.js';
import { normalizeCalls } from './call.js';
import { ANY_CALLER, SPENDING_TRACKED_SELECTORS } from './constants.js';
import { PaymasterResponseMismatchError } from './errors/index.js';
import {
  type FeeMode,
  type PaymasterTypedData,
  type VerifyPaymasterTypedDataParameters,
  verifyPaymasterTypedData,
} from './paymaster.js';

const ACCOUNT = 0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806n;
const CHAIN = 0x534e5f5345504f4c4941n;
const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
const FORWARDER = '0x5555';
const NOW = 1_800_000_000;
const calls = [
  { contractAddress: '0x4a11', entrypoint: 'attack', calldata: ['0x1'] },
  { contractAddress: '0x4a11', entrypoint: 'move', calldata: ['0x2', '0x3'] },
];

function typedData(feeMode: FeeMode, over: Partial<PaymasterTypedData['message']> = {}): PaymasterTypedData {
  const msgCalls = normalizeCalls(calls).map((c) => ({
    To: `0x${c.to.toString(16)}`,
    Selector: `0x${c.selector.toString(16)}`,
    Calldata: c.calldata.map((v) => `0x${v.toString(16)}`),
  }));
  if (feeMode.mode === 'default') {
    msgCalls.push({
      To: feeMode.gasToken,
      Selector: SPENDING_TRACKED_SELECTORS.transfer,
      Calldata: [FORWARDER, '0x64', '0x0'],
    });
  }
  return {
    types: outsideExecutionTypes(),
    primaryType: 'OutsideExecution',
    domain: { name: 'Account.execute_from_outside', version: '2', chainId: 'SN_SEPOLIA', revision: '1' },
    message: {
      Caller: FORWARDER,
      Nonce: '0x99',
      'Execute After': NOW - 60,
      'Execute Before': NOW + 240,
      Calls: msgCalls,
      ...over,
    },
  };
}

const verify = (
  td: PaymasterTypedData,
  feeMode: FeeMode,
  maxFeeInGasToken?: bigint,
  over: Partial<VerifyPaymasterTypedDataParameters> = {},
) =>
  verifyPaymasterTypedData({
    typedData: td,
    accountAddress: ACCOUNT,
    chainId: CHAIN,
    calls: normalizeCalls(calls),
    feeMode,
    now: NOW,
    maxFeeInGasToken,
    fee: { suggested_max_fee_in_gas_token: '0x64' },
    ...over,
  });

describe('verifyPaymasterTypedData', () => {
  const sponsored: FeeMode = { mode: 'sponsored' };
  const gas: FeeMode = { mode: 'default', gasToken: STRK };

  it('accepts exactly our calls (sponsored) and returns what will be hashed', () => {
    const v = verify(typedData(sponsored), sponsored);
    expect(v.feeCall).toBeUndefined();
    expect(v.outsideExecution).toMatchObject({
      caller: 0x5555n,
      nonce: 0x99n,
      executeBefore: BigInt(NOW + 240),
    });
    expect(v.outsideExecution.calls).toHaveLength(2);
  });

  it('accepts our calls plus one trailing fee transfer of the gas token', () => {
    const v = verify(typedData(gas), gas, 100n);
    expect(v.feeCall?.calldata).toEqual([0x5555n, 100n, 0n]);
  });

  it.each<[string, (td: PaymasterTypedData) => void, FeeMode]>([
    [
      'an extra call (sponsored)',
      (td) => (td.message.Calls as unknown[]).push({ To: '0x1', Selector: '0x2', Calldata: [] }),
      sponsored,
    ],
    ['a dropped call', (td) => (td.message.Calls as unknown[]).pop(), sponsored],
    [
      'an altered calldata word',
      (td) => ((td.message.Calls as { Calldata: string[] }[])[0]!.Calldata[0] = '0x2'),
      sponsored,
    ],
    ['an altered target', (td) => ((td.message.Calls as { To: string }[])[1]!.To = '0x4a12'), sponsored],
    [
      'a swapped selector',
      (td) => ((td.message.Calls as { Selector: string }[])[0]!.Selector = 'transfer'),
      sponsored,
    ],
    [
      'the felt timestamp type',
      (td) =>
        ((td.types.OutsideExecution as unknown as { name: string; type: string }[])[2] = {
          name: 'Execute After',
          type: 'felt',
        }),
      sponsored,
    ],
    ['another domain', (td) => (td.domain.name = 'Other'), sponsored],
    ['another chain', (td) => (td.domain.chainId = 'SN_MAIN'), sponsored],
    ['an expired window', (td) => (td.message['Execute Before'] = NOW - 1), sponsored],
    // The account requires execute_after < now: a window starting now or later reverts.
    ['a window that starts now', (td) => (td.message['Execute After'] = NOW), sponsored],
    ['a window that starts later', (td) => (td.message['Execute After'] = NOW + 10), sponsored],
    ['a fee in another token', (td) => ((td.message.Calls as { To: string }[])[2]!.To = '0x1234'), gas],
    [
      'a fee call that is not a transfer',
      (td) => ((td.message.Calls as { Selector: string }[])[2]!.Selector = 'approve'),
      gas,
    ],
    [
      'a fee above the maximum',
      (td) => ((td.message.Calls as { Calldata: string[] }[])[2]!.Calldata[1] = '0x65'),
      gas,
    ],
    ['no fee call in gas-token mode', (td) => (td.message.Calls as unknown[]).pop(), gas],
  ])('refuses %s', (_, tamper, feeMode) => {
    const td = typedData(feeMode);
    tamper(td);
    expect(() => verify(td, feeMode, 100n)).toThrow(PaymasterResponseMismatchError);
  });

  it('refuses any random alteration of a call word (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1 }),
        fc.nat({ max: 3 }),
        fc.bigInt({ min: 1n, max: 2n ** 250n }),
        (callIndex, field, delta) => {
          const td = typedData(sponsored);
          const call = (td.message.Calls as { To: string; Selector: string; Calldata: string[] }[])[
            callIndex
          ]!;
          const bump = (hex: string) => `0x${(BigInt(hex) + delta).toString(16)}`;
          if (field === 0) call.To = bump(call.To);
          else if (field === 1) call.Selector = bump(call.Selector);
          else if (field === 2) call.Calldata[0] = bump(call.Calldata[0]!);
          else call.Calldata.push('0x0');
          expect(() => verify(td, sponsored)).toThrow(PaymasterResponseMismatchError);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses typed data built in JS with bigints or cycles as a typed mismatch, not a TypeError', () => {
    const bigintVersion = typedData(sponsored);
    bigintVersion.domain.version = 3n;
    expect(() => verify(bigintVersion, sponsored)).toThrow(/domain\.version.*3n/s);
    const cyclic = typedData(sponsored);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    cyclic.primaryType = loop as never;
    expect(() => verify(cyclic, sponsored)).toThrow(PaymasterResponseMismatchError);
    for (const odd of [[{ name: 'Caller', type: 1n }], [loop]]) {
      const types = typedData(sponsored);
      types.types = { ...types.types, OutsideExecution: odd as never };
      expect(() => verify(types, sponsored)).toThrow(PaymasterResponseMismatchError);
    }
    expect(() => verify(typedData(gas), { mode: 'default', gasToken: 'STRK' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('never crashes on garbage responses, always a typed refusal (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (garbage) => {
        expect(() => verify(garbage as PaymasterTypedData, sponsored)).toThrow(
          PaymasterResponseMismatchError,
        );
      }),
      { numRuns: 300 },
    );
  });

  describe('bounds the app set, never the paymaster', () => {
    const fee = (td: PaymasterTypedData) => (td.message.Calls as { Calldata: string[] }[])[2]!.Calldata;

    it('refuses gas-token mode without an app bound as INVALID_INPUT on maxFeeInGasToken', () => {
      expect(() => verify(typedData(gas), gas, undefined)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', field: 'maxFeeInGasToken' }),
      );
    });

    it('refuses a fee within its own suggestion but above the app bound', () => {
      const td = typedData(gas);
      fee(td)[1] = '0x3e8'; // 1000, and the paymaster suggests 1000 too
      expect(() => verify(td, gas, 100n, { fee: { suggested_max_fee_in_gas_token: '0x3e8' } })).toThrow(
        /above the maximum 100/,
      );
    });

    it.each([
      ['no fee object', undefined],
      ['no suggested max', { estimated_fee_in_gas_token: '0x1' }],
      ['a suggested max that is not an amount', { suggested_max_fee_in_gas_token: 'lots' }],
    ])('refuses an answer with %s in gas-token mode', (_, answer) => {
      expect(() => verify(typedData(gas), gas, 100n, { fee: answer })).toThrow(
        expect.objectContaining({ field: 'fee.suggested_max_fee_in_gas_token' }),
      );
    });

    it('refuses a fee paid to anyone but the Caller', () => {
      const td = typedData(gas);
      fee(td)[0] = '0xbad';
      expect(() => verify(td, gas, 100n)).toThrow(/not to the relayer/);
    });

    it('refuses a Caller other than the configured forwarder, and accepts it', () => {
      expect(() =>
        verify(typedData(sponsored), sponsored, undefined, { paymasterForwarder: 0x6666n }),
      ).toThrow(expect.objectContaining({ field: 'message.Caller' }));
      expect(verify(typedData(gas), gas, 100n, { paymasterForwarder: 0x5555n }).feeCall).toBeDefined();
    });

    it.each([ANY_CALLER, '0x0'])('refuses Caller %s unless the app opts in', (caller) => {
      expect(() => verify(typedData(sponsored, { Caller: caller }), sponsored)).toThrow(
        expect.objectContaining({ field: 'message.Caller' }),
      );
      expect(
        verify(typedData(sponsored, { Caller: caller }), sponsored, undefined, { allowAnyCaller: true }),
      ).toBeDefined();
    });

    it('with ANY_CALLER opted in, the gas-token fee must go to the configured forwarder', () => {
      const td = typedData(gas, { Caller: ANY_CALLER });
      expect(() => verify(td, gas, 100n, { allowAnyCaller: true })).toThrow(/not to the relayer/);
      expect(verify(td, gas, 100n, { allowAnyCaller: true, paymasterForwarder: 0x5555n })).toBeDefined();
    });

    it('refuses an Execute Before beyond the window (default 300 s), and one that never expires', () => {
      expect(() => verify(typedData(sponsored, { 'Execute Before': NOW + 301 }), sponsored)).toThrow(
        /above the 300 s allowed/,
      );
      expect(() =>
        verify(typedData(sponsored, { 'Execute Before': '0xffffffffffffffff' }), sponsored),
      ).toThrow(PaymasterResponseMismatchError);
      const wide = typedData(sponsored, { 'Execute Before': NOW + 3000 });
      expect(verify(wide, sponsored, undefined, { maxExecuteWindowSeconds: 3600 })).toBeDefined();
    });

    it('refuses an Execute After not reached yet', () => {
      expect(() => verify(typedData(sponsored, { 'Execute After': NOW + 10 }), sponsored)).toThrow(
        expect.objectContaining({ field: 'message.Execute After' }),
      );
    });
  });
});
