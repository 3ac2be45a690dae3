/**
 * A double as the text String(v) gives (the shortest decimal that reads back as v), written as bytes, with a
 * fast exact path for the common case. A decimal of 15 or 16 significant digits c * 10^-k reads back as v
 * exactly when c / 10^k === v (both are exact doubles, and division rounds correctly, as parsing does). Every
 * double has at most one 15-digit such decimal; when none exists and exactly one 16-digit decimal reads back,
 * that one is the shortest and String(v) gives it too. When no 16-digit decimal reads back, String(v) gives
 * the 17-digit decimal nearest v: v * 10^k rounded, computed exactly as a sum of two doubles (Dekker's product).
 * Everything else (two 16-digit candidates, a tie, very small or large values) takes String(v).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const TWO_53 = 9007199254740992;

export function writeShortest(buf: Buffer, off: number, v: number): number {
  if (v === 0) {
    buf[off++] = 48;
    return off;
  }
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e15) {
    // p: the decimal exponent of a (10^p <= a < 10^(p+1)), by comparison with exact powers (cheaper than log10
    // for the few digits telemetry values have before or after the point).
    let p = 0;
    if (a >= 1) while (a >= (POW10[p + 1] as number)) p++;
    else
      do p--;
      while (a * (POW10[-p] as number) < 1);
    const k15 = 14 - p; // 0 < k15 <= 20 in this range
    const s15 = POW10[k15] as number;
    const c15 = Math.round(a * s15);
    if (c15 / s15 === a && c15 >= 1e14 && c15 < 1e15) return put(buf, off, v < 0, c15, 15, p);
    const k16 = k15 + 1;
    const s16 = POW10[k16] as number;
    const c = Math.round(a * s16);
    // Any 16-digit decimal that reads back as a is within c +- 1; past 2^53 the check would not be exact.
    if (k16 <= 22 && c + 1 < TWO_53) {
      let found = -1;
      let count = 0;
      for (let c16 = c - 1; c16 <= c + 1; c16++)
        if (c16 >= 1e15 && c16 < TWO_53 && c16 / s16 === a) {
          found = c16;
          count++;
        }
      if (count === 1) return put(buf, off, v < 0, found, 16, p);
      if (count === 0) {
        const end = put17(buf, off, v < 0, a, p);
        if (end > 0) return end;
      }
    }
  }
  const s = String(v);
  for (let i = 0; i < s.length; i++) buf[off++] = s.charCodeAt(i);
  return off;
}

const SPLITTER = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves
const HIGH = POW10.map((s) => SPLITTER * s - (SPLITTER * s - s));
const LOW = POW10.map((s, k) => s - (HIGH[k] as number));

/**
 * The 17 significant digits nearest a (10^p <= a < 10^(p+1), -6 <= p <= 14) written as a decimal; -1 when the
 * digits are not plainly decided (an exact tie, or a product at the edge of the 17-digit range).
 */
function put17(buf: Buffer, off: number, negative: boolean, a: number, p: number): number {
  const k = 16 - p; // 2 <= k <= 22: 10^k is an exact double
  if (k > 22) return -1;
  const s = POW10[k] as number;
  // a * s === hi + lo exactly (Dekker's two-product); hi >= 1e16 > 2^53 is a whole number.
  const hi = a * s;
  const t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  const sh = HIGH[k] as number;
  const sl = LOW[k] as number;
  const lo = ah * sh - hi + ah * sl + al * sh + al * sl;
  const r = Math.round(lo);
  if (r - lo === 0.5 || hi < 1.0000000000001e16 || hi > 9.999999999999e16) return -1;
  // The 17 digits hi + r as 8 high and 9 low digits (q * 1e9 is exact: q * 5^9 < 2^53).
  let q = Math.floor(hi / 1e9);
  let low = hi - q * 1e9 + r;
  if (low < 0) {
    q--;
    low += 1e9;
  } else if (low >= 1e9) {
    q++;
    low -= 1e9;
  }
  if ((low | 0) % 10 === 0) return -1; // a trailing zero: a 16-digit decimal exists after all
  if (negative) buf[off++] = 45; // '-'
  if (p < 0) {
    buf[off++] = 48; // '0'
    buf[off++] = 46; // '.'
    for (let z = -p - 1; z > 0; z--) buf[off++] = 48;
    off = writeInt(buf, off, q, 8);
    return writeInt(buf, off, low, 9);
  }
  // Digit j of the 17 lands at off + j, or one further past the point (after digit p).
  if (p <= 6) {
    const scale = POW10[7 - p] as number;
    const whole = Math.floor(q / scale);
    off = writeInt(buf, off, whole, p + 1);
    buf[off++] = 46; // '.'
    off = writeInt(buf, off, q - whole * scale, 7 - p);
    return writeInt(buf, off, low, 9);
  }
  const scale = POW10[16 - p] as number;
  const whole = Math.floor(low / scale);
  off = writeInt(buf, off, q, 8);
  off = writeInt(buf, off, whole, p - 7);
  buf[off++] = 46; // '.'
  return writeInt(buf, off, low - whole * scale, 16 - p);
}

/** Writes the `digits`-digit integer c as the decimal c * 10^(p + 1 - digits), trailing zeros dropped. */
function put(buf: Buffer, off: number, negative: boolean, c: number, digits: number, p: number): number {
  // Trailing zeros counted on 32-bit parts (a remainder of a double above 2^31 is a slow fmod).
  let z = 0;
  let rest = c;
  if (rest >= 1e8) {
    const high = Math.floor(rest / 1e8);
    if (rest === high * 1e8) {
      rest = high;
      z = 8;
    }
  }
  let low = (rest >= 1e8 ? rest - Math.floor(rest / 1e8) * 1e8 : rest) | 0;
  while (low % 10 === 0) {
    low = (low / 10) | 0;
    z++;
  }
  if (z > 0) {
    c /= POW10[z] as number; // exact: c is a multiple of 10^z below 2^53
    digits -= z;
  }
  if (negative) buf[off++] = 45; // '-'
  if (p < 0) {
    buf[off++] = 48; // '0'
    buf[off++] = 46; // '.'
    for (let zero = -p - 1; zero > 0; zero--) buf[off++] = 48;
    return writeInt(buf, off, c, digits);
  }
  if (digits <= p + 1) {
    off = writeInt(buf, off, c, digits);
    for (let zero = p + 1 - digits; zero > 0; zero--) buf[off++] = 48;
    return off;
  }
  // Whole part, point, fraction: the fraction's digits are the low digits of c.
  const scale = POW10[digits - p - 1] as number;
  const whole = Math.floor(c / scale);
  off = writeInt(buf, off, whole, p + 1);
  buf[off++] = 46; // '.'
  return writeInt(buf, off, c - whole * scale, digits - p - 1);
}

/**
 * n (an integer below 2^53) in exactly `len` digits, zero-padded on the left: in two parts below 10^8, whose
 * digits come from 32-bit integer division (a multiply by V8), not from a floating-point division per digit.
 */
function writeInt(buf: Buffer, off: number, n: number, len: number): number {
  let q = off + len - 1;
  let small: number;
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    let low = (n - high * 1e8) | 0;
    for (const stop = q - 8; q > stop; q--) {
      const next = (low / 10) | 0;
      buf[q] = 48 + low - next * 10;
      low = next;
    }
    small = high | 0; // below 2^53 / 10^8 < 2^31
  } else small = n | 0;
  for (; q >= off; q--) {
    const next = (small / 10) | 0;
    buf[q] = 48 + small - next * 10;
    small = next;
  }
  return off + len;
}
