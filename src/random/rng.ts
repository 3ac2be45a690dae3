/** CPython's random.Random over MT19937: seeding, random(), getrandbits, _randbelow, sample and gauss. */
import { MT19937 } from './mt19937';
import { TWOPI } from './pymath';

const TWO_32 = 4294967296;

/** Number of bits in n, like Python's int.bit_length(), for 0 <= n <= 2**53. */
export function bitLength(n: number): number {
  if (n < TWO_32) return 32 - Math.clz32(n);
  return 64 - Math.clz32(Math.floor(n / TWO_32));
}

/** The init_by_array key for random.seed(n): abs(n) as 32-bit words, least significant first, at least one. */
export function seedKey(seed: bigint): number[] {
  let n = seed < 0n ? -seed : seed;
  const key: number[] = [];
  do {
    key.push(Number(n & 0xffffffffn));
    n >>= 32n;
  } while (n > 0n);
  return key;
}

/**
 * What the distributions draw from: Rng, or any other source of uniform floats with the same methods (a
 * per-device stream, for instance).
 */
export interface RandomSource {
  random(): number;
  getrandbits(k: number): number;
  randbelow(n: number): number;
  sample<T>(population: readonly T[], k: number): T[];
  gauss(mu?: number, sigma?: number): number;
}

export class Rng implements RandomSource {
  private readonly mt = new MT19937();
  /** Python's gauss_next: the second value of the last Box-Muller pair, kept for the next gauss(). */
  private gaussNext: number | null = null;

  private constructor() {}

  /** Seeded exactly like Python's `random.seed(n)` / `random.Random(n)` for a non-negative int n. */
  static fromSeed(seed: bigint): Rng {
    const rng = new Rng();
    rng.seed(seed);
    return rng;
  }

  /**
   * Seeded like `random.seed(n)` from n's init_by_array key as seedKey gives it (32-bit words, least
   * significant first, no high zero words): for callers that build n from words, without a bigint.
   */
  static fromKey(key: readonly number[]): Rng {
    const rng = new Rng();
    rng.mt.initByArray(key);
    return rng;
  }

  /** `fromKey` into this generator: a caller that seeds many short streams one after another reuses one. */
  seedFromKey(key: readonly number[]): void {
    this.mt.initByArray(key);
    this.gaussNext = null;
  }

  /** random.seed(int); also clears gauss_next. */
  seed(seed: bigint): void {
    this.mt.initByArray(seedKey(seed));
    this.gaussNext = null;
  }

  /** A float in [0, 1). */
  random(): number {
    return this.mt.random();
  }

  /** An integer with k random bits, 0 <= k <= 53 (Python allows any k; a JS number holds 53). */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53)
      throw new RangeError(`getrandbits: k must be an integer in 0..53 (got ${k})`);
    if (k === 0) return 0;
    if (k <= 32) return this.mt.nextUint32() >>> (32 - k);
    // Words are filled least significant first; only the last one is cut to size.
    const low = this.mt.nextUint32();
    const high = this.mt.nextUint32() >>> (64 - k);
    return high * TWO_32 + low;
  }

  /** Python's _randbelow_with_getrandbits: uniform in [0, n) by rejection, for 1 <= n <= 2**53 - 1. */
  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1)
      throw new RangeError(`randbelow: n must be a safe integer >= 1 (got ${n})`);
    // bit_length(n), not of n - 1: n may be 1, and this is what makes Python draw for n == 1 too.
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** Python 3.11's sample(population, k): the pool branch for small populations, the set branch otherwise. */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isInteger(k) || k < 0 || k > n)
      throw new RangeError('Sample larger than population or is negative');
    const result = new Array<T>(k);
    let setsize = 21; // size of a small set minus size of an empty list
    // Python's float expression, so the branch choice matches even where rounding decides it.
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    if (n <= setsize) {
      const pool = population.slice();
      for (let i = 0; i < k; i++) {
        const j = this.randbelow(n - i);
        result[i] = pool[j] as T;
        pool[j] = pool[n - i - 1] as T; // move the last unselected item into the hole
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = this.randbelow(n);
        while (selected.has(j)) j = this.randbelow(n);
        selected.add(j);
        result[i] = population[j] as T;
      }
    }
    return result;
  }

  /** Python's gauss(mu, sigma): Box-Muller, returning one value of each pair and caching the other. */
  gauss(mu = 0.0, sigma = 1.0): number {
    let z = this.gaussNext;
    this.gaussNext = null;
    if (z === null) {
      const x2pi = this.random() * TWOPI;
      const g2rad = Math.sqrt(-2.0 * Math.log(1.0 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }
}
