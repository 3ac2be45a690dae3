/**
 * Small, fast random streams for generators that need one stream per actor (thousands of event workers):
 * xoshiro128** (16 bytes of state, against MT19937's 2.5 KB), seeded from (seed, path...) through a 32-bit
 * hash, so stream (seed, 7, 0) is the same on every machine and in every shard, whatever other streams exist.
 * Not CPython's generator: where Python-exact draws matter (generate-data), use Rng.
 */

/** murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const TWO_32 = 4294967296;
const TWO_M53 = 1 / 9007199254740992;

/** The last seed hashed and its hash: a run makes two streams per worker from one seed (BigInt math is slow). */
let lastSeed: bigint | undefined;
let lastHash = 0;

function seedHash(seed: bigint): number {
  if (seed === lastSeed) return lastHash;
  let h = fmix32(Number(seed & 0xffffffffn) ^ 0x9e3779b9);
  // Every 32-bit word of the seed counts (seeds may pass 2**64).
  let rest = seed >> 32n;
  h = fmix32(h ^ Number(rest & 0xffffffffn));
  for (rest >>= 32n; rest > 0n; rest >>= 32n) h = fmix32(h ^ Number(rest & 0xffffffffn));
  lastSeed = seed;
  lastHash = h;
  return h;
}

export class StreamRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  /** `seed` is the user's seed (any non-negative integer); `path` names the stream, e.g. [workerIndex, 0]. */
  constructor(seed: bigint, ...path: readonly number[]) {
    let h = seedHash(seed);
    for (const p of path) {
      // Two words per step: indices may pass 2**32 in long runs.
      h = fmix32((h + Math.imul(p >>> 0, 0x9e3779b1)) | 0);
      h = fmix32(h ^ Math.floor(p / TWO_32));
    }
    // splitmix32-style expansion of the hash into four state words (never all zero): the k-th word is
    // fmix32 of h + k golden steps, mod 2**32 (written out: no closure per stream, two per worker).
    // Held as signed 32-bit integers (`| 0`), as nextUint32 leaves them: the fields stay small integers
    // from the start, not doubles that V8 must box and convert on every draw.
    this.a = fmix32((h + 0x9e3779b9) | 0) | 0;
    this.b = fmix32((h + 2 * 0x9e3779b9) | 0) | 0;
    this.c = fmix32((h + 3 * 0x9e3779b9) | 0) | 0;
    this.d = fmix32((h + 4 * 0x9e3779b9) | 0) | 1;
  }

  /** The next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /**
   * A float in [0, 1) with 53 random bits: nextUint32's two steps written out here, on locals. It is the
   * hottest small function of generate-events: while the run warms up, calls cost interpreter time, and
   * each function that turns hot is another optimising compile (nextUint32 and rotl were two more).
   */
  random(): number {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let x = Math.imul(b, 5);
    const hi = Math.imul((x << 7) | (x >>> 25), 9) >>> 5;
    let t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    x = Math.imul(b, 5);
    const lo = Math.imul((x << 7) | (x >>> 25), 9) >>> 6;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return (hi * 67108864 + lo) * TWO_M53;
  }

  /** A normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  gauss(mean: number, stddev: number): number {
    if (this.spare === this.spare) {
      const z = this.spare;
      this.spare = NaN;
      return mean + z * stddev;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return mean + u * m * stddev;
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.random()) * mean;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
