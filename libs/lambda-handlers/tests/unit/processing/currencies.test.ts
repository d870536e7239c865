import { describe, expect, it } from 'vitest';
import { csv, reasons, row, run } from './harness.js';

describe('SUPPORTED_CURRENCIES', () => {
  // SPEC §5's minimum: these currencies with these ISO 4217 exponents. Tested through the reader:
  // an amount with exactly that many decimals is accepted, one more decimal is refused.
  const SPEC_MINIMUM = { USD: 2, EUR: 2, GBP: 2, CHF: 2, CAD: 2, AUD: 2, SGD: 2, JPY: 0, KWD: 3, BHD: 3 };
  const amountWith = (decimals: number) => (decimals === 0 ? '12' : `12.${'5'.repeat(decimals)}`);

  it.each(Object.entries(SPEC_MINIMUM))('accepts %s amounts with %i decimals and refuses more (SPEC §5)', async (currency, digits) => {
    const outcome = await run(csv(row({ id: 'exact', currency, amount: amountWith(digits) }), row({ id: 'too-precise', currency, amount: amountWith(digits + 1) })));
    expect(outcome.valid.map((r) => r.amountMinor)).toEqual([amountWith(digits).replace('.', '')]);
    expect(reasons(outcome)).toEqual(['invalid_amount']);
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
