/**
 * Integer digits written straight into bytes as ASCII, as String() prints them: JSON and CSV event lines,
 * the metrics file and the datastore's import lines all write millions of integers, and building a string
 * for each one is what costs. One writer for all of them (two copies of it had grown apart).
 */

/** "00".."99" as ASCII pairs: integers are written two digits per division. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 0x30 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 0x30 + (i % 10);
}

/**
 * A safe integer's digits at `p` (at most 17 bytes), as String(v) prints them; returns the position after
 * them. Past 10^8 the number is cut in two parts below 2^31, so every division is a small integer's.
 */
export function writeInt(buf: Uint8Array, p: number, v: number): number {
  if (v < 0) {
    buf[p++] = 0x2d;
    v = -v;
  }
  if (v < 100_000_000) return writeSmall(buf, p, v);
  const high = Math.floor(v / 100_000_000);
  p = writeSmall(buf, p, high);
  return writeEight(buf, p, v - high * 100_000_000);
}

/** 0 <= v < 10^8, without leading zeros (-0 is "0", as String(-0) is). */
function writeSmall(buf: Uint8Array, p: number, v: number): number {
  const end = p + digitCount(v);
  let q = end;
  while (v >= 100) {
    const d = (v / 100) | 0;
    const r = (v - d * 100) * 2;
    buf[--q] = PAIRS[r + 1] as number;
    buf[--q] = PAIRS[r] as number;
    v = d;
  }
  // One or two leading digits are left, at p.
  if (v >= 10) {
    buf[p] = PAIRS[v * 2] as number;
    buf[p + 1] = PAIRS[v * 2 + 1] as number;
  } else buf[p] = 0x30 + v;
  return end;
}

/**
 * Every comparison made for every number, not a tree of them: V8 learns from each comparison as it runs, so
 * in a tree the branches for wider numbers, not yet taken when the writer was optimised, threw the
 * optimised code away (and made it compile again) the first time a five- or six-digit number came (B2's
 * byte counts: twice a run). No loop either: its back edges would count towards compiling the writer
 * mid-call (on-stack replacement) while it warms up.
 */
function digitCount(v: number): number {
  return (
    1 +
    (v >= 10 ? 1 : 0) +
    (v >= 100 ? 1 : 0) +
    (v >= 1000 ? 1 : 0) +
    (v >= 10_000 ? 1 : 0) +
    (v >= 100_000 ? 1 : 0) +
    (v >= 1_000_000 ? 1 : 0) +
    (v >= 10_000_000 ? 1 : 0)
  );
}

/** 0 <= v < 10^8 as exactly eight digits (the low part of a larger number). */
function writeEight(buf: Uint8Array, p: number, v: number): number {
  for (let q = p + 8; q > p;) {
    const d = (v / 100) | 0;
    const r = (v - d * 100) * 2;
    buf[--q] = PAIRS[r + 1] as number;
    buf[--q] = PAIRS[r] as number;
    v = d;
  }
  return p + 8;
}

/** An ASCII string's characters as bytes; the caller has made room. */
export function ascii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}
