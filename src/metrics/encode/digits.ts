/**
 * Integer digits written straight into a Buffer as ASCII: the metrics-file formatter and the datastore's
 * import lines both write millions of timestamps, and building a string for each one is what costs.
 */

/** "00".."99" as ASCII pairs: two digits per division. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

function digitCount(x: number): number {
  if (x < 1e5) return x < 10 ? 1 : x < 100 ? 2 : x < 1e3 ? 3 : x < 1e4 ? 4 : 5;
  if (x < 1e10) return x < 1e6 ? 6 : x < 1e7 ? 7 : x < 1e8 ? 8 : x < 1e9 ? 9 : 10;
  let len = 10;
  for (let n = x / 1e10; n >= 1; n /= 10) len++;
  return len;
}

/** Digits of a safe integer without making a string: timestamps are past V8's small-integer range. */
export function writeInt(buf: Buffer, pos: number, x: number): number {
  if (x < 0) {
    buf[pos++] = 45; // '-'
    x = -x;
  }
  const len = digitCount(x);
  let end = pos + len;
  while (x >= 100) {
    const q = Math.floor(x / 100);
    const r = (x - q * 100) * 2;
    buf[--end] = PAIRS[r + 1] as number;
    buf[--end] = PAIRS[r] as number;
    x = q;
  }
  // What is left is the leading one or two digits, at pos.
  if (x >= 10) {
    buf[pos] = PAIRS[x * 2] as number;
    buf[pos + 1] = PAIRS[x * 2 + 1] as number;
  } else {
    buf[pos] = 48 + x;
  }
  return pos + len;
}

/** An ASCII string's characters as bytes; the caller has made room. */
export function ascii(buf: Buffer, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}
