import { codeOfSync as codeOf } from '../../test/helpers/codeOf.js';
import { spendingTokenInfo } from './consent.js';
import { formatAmount, parseAmount } from './policy.js';

// Each of these took about 10 s before (a /0+$/ trim over a long run of zeros); speed is measured outside
// unit tests, these pin the answers: typed refusals, and the same readings as before.
describe('amounts with long runs of zeros', () => {
  it('formatAmount refuses 80 000 decimals with a typed error', () => {
    expect(codeOf(() => formatAmount(5n, 80_000))).toBe('INVALID_INPUT');
  });

  it('parseAmount refuses 80 000 fractional zeros as out of range', () => {
    expect(codeOf(() => parseAmount(`0.${'0'.repeat(80_000)}1`, 18, 'amount'))).toBe('INVALID_POLICY');
  });

  it('parseAmount takes trailing zeros that change nothing, however many', () => {
    expect(parseAmount(`1.5${'0'.repeat(80_000)}`, 6, 'amount')).toBe(1_500_000n);
    expect(codeOf(() => parseAmount(`1${'0'.repeat(80_000)}`, 0, 'amount'))).toBe('INVALID_POLICY');
    expect(parseAmount(`${'0'.repeat(80_000)}7`, 0, 'amount')).toBe(7n);
  });

  it('keeps the readings it had', () => {
    expect(parseAmount('12.5', 6, 'a')).toBe(12_500_000n);
    expect(parseAmount(' 3 ', undefined, 'a')).toBe(3n);
    expect(parseAmount(10n, 6, 'a')).toBe(10n);
    for (const bad of ['12.', '.5', '1.2.3', '-1', '1e3', '', '0x10'])
      expect(codeOf(() => parseAmount(bad, 6, 'a'))).toBe('INVALID_POLICY');
    expect(codeOf(() => parseAmount('1.25', 1, 'a'))).toBe('INVALID_POLICY');
    expect(formatAmount(12_500_000n, 6)).toBe('12.5');
    expect(formatAmount(-12_500_000n, 6)).toBe('-12.5');
    expect(formatAmount(5n, 77)).toBe(`0.${'0'.repeat(76)}5`);
  });

  it('range-checks decimals everywhere: parseAmount, formatAmount, a stored policy', () => {
    expect(codeOf(() => parseAmount('1', 78, 'a'))).toBe('INVALID_POLICY');
    expect(codeOf(() => formatAmount(1n, -1))).toBe('INVALID_INPUT');
    expect(codeOf(() => formatAmount(1n, 1.5))).toBe('INVALID_INPUT');
    expect(codeOf(() => formatAmount(1 as never, 2))).toBe('INVALID_INPUT');
    const stored = { spendingLimits: [{ token: '0x1234', symbol: 'X', decimals: 80_000 }] };
    expect(spendingTokenInfo(stored)).toEqual([{ address: '0x1234', symbol: 'X', decimals: undefined }]);
  });
});
