/** Integer-valued draws: randrange's arithmetic (exact for any safe integers) and Python 3.12's binomialvariate. */
import { lgamma } from './pymath';
import type { RandomSource as Rng } from './rng';

/** randrange(start, stop, step) reduced to start + step * randbelow(n) (built by the registry's intRange). */
export interface IntRange {
  readonly start: number;
  readonly step: number;
  readonly n: number;
}

/** Python's floor division for bigints. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** The n of Python's randrange: how many values range(start, stop, step) holds (0 when empty). Exact in bigints. */
export function rangeLength(start: number, stop: number, step: number): bigint {
  const width = BigInt(stop) - BigInt(start);
  const istep = BigInt(step);
  if (istep === 1n) return width > 0n ? width : 0n;
  const n = istep > 0n ? floorDiv(width + istep - 1n, istep) : floorDiv(width + istep + 1n, istep);
  return n > 0n ? n : 0n;
}

export function drawInRange(rng: Rng, range: IntRange): number {
  const r = rng.randbelow(range.n);
  const offset = range.step * r;
  // Beyond 2**53 the product may round; bigints keep the sum exact (the result itself is in range).
  if (Number.isSafeInteger(offset)) return range.start + offset;
  return Number(BigInt(range.start) + BigInt(range.step) * BigInt(r));
}

/**
 * Python 3.12's binomialvariate(n, p) for checked n >= 0 and 0 <= p <= 1: Devroye's geometric method when
 * n * p < 10, else Hormann's BTRS (transformed rejection with squeeze).
 */
export function binomialvariate(rng: Rng, n: number, p: number): number {
  if (p === 0) return 0;
  if (p === 1) return n;
  if (n === 1) return rng.random() < p ? 1 : 0;
  if (p > 0.5) return n - binomialvariate(rng, n, 1.0 - p);
  if (n * p < 10.0) return geometricCount(rng, n, p);
  return btrs(rng, n, p);
}

/** Counts successes by jumping over runs of failures; note it draws once even for n == 0. */
function geometricCount(rng: Rng, n: number, p: number): number {
  let x = 0;
  let y = 0;
  const c = Math.log2(1.0 - p);
  if (c === 0) return x; // p so small that 1 - p == 1: Python returns before drawing
  for (;;) {
    y += Math.floor(Math.log2(rng.random()) / c) + 1;
    if (y > n) return x;
    x += 1;
  }
}

function btrs(rng: Rng, n: number, p: number): number {
  const spq = Math.sqrt(n * p * (1.0 - p)); // standard deviation
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  // Filled in on the first draw that reaches the full acceptance test, as Python does.
  let setup = false;
  let alpha = 0;
  let lpq = 0;
  let m = 0;
  let h = 0;
  for (;;) {
    const u = rng.random() - 0.5;
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2.0 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    let v = rng.random();
    if (us >= 0.07 && v <= vr) return k; // squeeze: accept without the log test
    if (!setup) {
      alpha = (2.83 + 5.1 / b) * spq;
      lpq = Math.log(p / (1.0 - p));
      m = Math.floor((n + 1) * p); // mode
      h = lgamma(m + 1) + lgamma(n - m + 1);
      setup = true;
    }
    v *= alpha / (a / (us * us) + b);
    if (Math.log(v) <= h - lgamma(k + 1) - lgamma(n - k + 1) + (k - m) * lpq) return k;
  }
}
