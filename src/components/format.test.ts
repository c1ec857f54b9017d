import { describe, expect, it } from 'vitest';
import { formatTokenAmount } from './format.js';

// The locale's decimal separator as Intl names it.
const decimalOf = (locale: string) =>
  new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';

describe('formatTokenAmount: the decimal separator in locales whose digits are outside the BMP', () => {
  it.each(['ccp', 'ff-Adlm', 'en-u-nu-adlm', 'en-u-nu-mathbold'])(
    '%s: 12.5 keeps its separator',
    (locale) => {
      const out = formatTokenAmount(12_500_000n, 6, locale);
      const whole = 12n.toLocaleString(locale);
      expect(out).toBe(`${whole}${decimalOf(locale)}5`);
      // No lone surrogate (renders as U+FFFD) in what the consent and status cards show.
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    },
  );
});
