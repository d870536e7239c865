import { describe, expect, it } from 'vitest';
import { parseAmountMinor } from '../../../src/processing/amount.js';

describe('parseAmountMinor', () => {
  it.each([
    ['USD', 2, '0.01', '1'],
    ['USD', 2, '1.1', '110'],
    ['USD', 2, '1234.56', '123456'],
    ['USD', 2, '-7.25', '-725'],
    ['USD', 2, '007.50', '750'],
    ['USD', 2, '-0.00', '0'],
    ['USD', 2, '0', '0'],
    ['JPY', 0, '100', '100'],
    ['JPY', 0, '-5', '-5'],
    ['KWD', 3, '1.005', '1005'],
    ['KWD', 3, '0.001', '1'],
    ['BHD', 3, '12.5', '12500'],
    ['USD', 2, '9999999999999999.99', '999999999999999999'],
    ['USD', 2, '00009999999999999999.99', '999999999999999999'],
    ['JPY', 0, '-999999999999999999', '-999999999999999999'],
  ])('reads %s amount %s… (%s digits) ', (_currency, digits, text, minor) => {
    expect(parseAmountMinor(text as string, digits as number)).toBe(minor);
  });

  it.each([
    ['1.005', 2, 'more decimals than USD has'],
    ['1.5', 0, 'decimals for JPY'],
    ['100.', 0, 'a point for JPY'],
    ['1.0001', 3, 'more decimals than KWD has'],
    ['1.', 2, 'a point without digits after it'],
    ['.5', 2, 'a point without digits before it'],
    ['', 2, 'a blank'],
    ['-', 2, 'a lone minus'],
    ['+1', 2, 'a plus sign'],
    ['1e3', 2, 'an exponent'],
    ['1E3', 0, 'an upper-case exponent'],
    [' 1', 2, 'leading whitespace'],
    ['1 ', 2, 'trailing whitespace'],
    ['1,000', 2, 'a thousands separator'],
    ['--1', 2, 'a double minus'],
    ['١', 0, 'a non-ASCII digit'],
    ['NaN', 2, 'NaN'],
    ['0x10', 2, 'hex'],
    ['10000000000000000.00', 2, '10^18 minor units, the bound'],
    ['1000000000000000000', 0, '10^18 JPY'],
    ['-10000000000000000', 2, 'minus 10^18 minor units (USD pads two zeros)'],
    ['123456789012345678901234567890', 2, 'a 30-digit amount'],
    ['1234567890123456789012345678901234567890123456', 0, 'a 46-digit amount'],
  ])('rejects %j with %i digits (%s)', (text, digits) => {
    expect(parseAmountMinor(text, digits)).toBeUndefined();
  });
});
