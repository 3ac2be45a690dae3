import vectors from '../golden/format-vectors.json';
import { formatFloat, formatNumber } from '../../src/metrics/numbers';
import { fromPythonHex } from '../support/floats';

describe('numbers are written as Python json writes them', () => {
  it.each((vectors as [string, string][]).map(([hex, text]) => [text, hex]))('%s', (text, hex) => {
    expect(formatFloat(fromPythonHex(hex))).toBe(text);
  });

  it('writes ints without a decimal point and auto picks by value', () => {
    expect(formatNumber(7, 'int')).toBe('7');
    expect(formatNumber(-12, 'int')).toBe('-12');
    expect(formatNumber(7, 'auto')).toBe('7');
    expect(formatNumber(7.25, 'auto')).toBe('7.25');
    expect(formatNumber(1e-7, 'auto')).toBe('1e-07');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => formatFloat(NaN)).toThrow(/NaN/);
    expect(() => formatFloat(Infinity)).toThrow(/Infinity/);
  });
});
