import { describe, expect, it } from 'vitest';
import { SUPPORTED_CURRENCIES } from '../../../src/processing/currencies.js';
import { csv, reasons, row, run } from './harness.js';

describe('SUPPORTED_CURRENCIES', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['CHF', 2],
    ['CAD', 2],
    ['AUD', 2],
    ['SGD', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('supports %s with %i minor digits (SPEC §5)', (code, digits) => {
    expect(SUPPORTED_CURRENCIES.get(code)).toBe(digits);
  });

  it('can be replaced per call', async () => {
    const outcome = await run(csv(row({ id: 'a', currency: 'XAU', amount: '1.2345' }), row({ id: 'b', currency: 'USD' })), undefined, {
      currencies: new Map([['XAU', 4]]),
    });
    expect(outcome.valid.map((r) => r.amountMinor)).toEqual(['12345']);
    expect(reasons(outcome)).toEqual(['invalid_currency']);
  });

  it('refuses a malformed currency table', async () => {
    await expect(run(csv(row()), undefined, { currencies: new Map([['usd', 2]]) })).rejects.toThrow(RangeError);
  });
});
