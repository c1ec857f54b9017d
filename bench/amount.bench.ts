// Amount parsing and formatting on hostile lengths (issue 13: a /0+$/ trim made these take ~10 s each).
import { bench, describe } from 'vitest';
import { formatAmount, parseAmount } from '../src/core/policy.js';

const ZEROS = '0'.repeat(80_000);

describe('amounts with 80 000 zeros', () => {
  bench('parseAmount: 80 000 fractional zeros, then a 1 (refused)', () => {
    try {
      parseAmount(`0.${ZEROS}1`, 18, 'amount');
    } catch {
      // refused as out of range: that is the expected answer
    }
  });
  bench('parseAmount: 80 000 trailing zeros (accepted)', () => {
    parseAmount(`1.5${ZEROS}`, 6, 'amount');
  });
  bench('formatAmount: 77 decimals (the most a u256 has)', () => {
    formatAmount(5n, 77);
  });
});
