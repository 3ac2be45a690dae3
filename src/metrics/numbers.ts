/**
 * Numbers written the way Python's json module writes them, so our files are byte-identical to what
 * Python's clusterman would write: floats use repr() (shortest round-trip digits, which JS shares, but an
 * exponent below 1e-4 or from 1e16 on, written `1e-05`, and a trailing `.0` on integral floats).
 */
import type { ValueKind } from './model';

export function formatFloat(x: number): string {
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e16) {
    const s = String(x);
    // No '.' means integral: Python writes 2.0. (No exponent can appear in this range.)
    return s.includes('.') ? s : `${s}.0`;
  }
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} to a metrics file`);
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const sign = exp[0] === '-' ? '-' : '+';
  const digits = exp.slice(1);
  return `${mantissa}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

export function formatInt(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot write ${x} to a metrics file`);
  // Integers beyond 2^53 cannot come from our draws; toFixed avoids exponent notation for large ones.
  return Number.isSafeInteger(x) ? String(x) : x.toFixed(0);
}

export function formatNumber(x: number, kind: ValueKind): string {
  switch (kind) {
    case 'float':
      return formatFloat(x);
    case 'int':
      return formatInt(x);
    case 'auto':
      return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : formatFloat(x);
  }
}
