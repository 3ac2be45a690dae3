/** Python's float.hex() text -> the exact double, for golden files that must not lose a bit. */
export function fromPythonHex(text: string): number {
  const m = /^(-?)0x([01])\.([0-9a-f]*)p([+-]\d+)$/.exec(text);
  if (!m) throw new Error(`not a Python float.hex(): ${text}`);
  const [, sign, lead, frac = '', exp] = m;
  const mantissa = BigInt(`0x${lead}${frac}`);
  const value = Number(mantissa) * 2 ** (Number(exp) - 4 * frac.length);
  return sign === '-' ? -value : value;
}
