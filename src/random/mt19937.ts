/**
 * MT19937, the 32-bit Mersenne Twister, seeded and read the way CPython's `_random` module does it
 * (init_genrand, init_by_array, genrand_uint32 and the 53-bit random()).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/** 1 / 2**53: random() = (a * 2**26 + b) / 2**53 with a 27-bit a and a 26-bit b. */
const RECIP_2_53 = 1.0 / 9007199254740992.0;

/** init_genrand(19650218), made on first use */
let arrayBaseState: Uint32Array | undefined;

/** The state init_by_array starts from. */
function arrayBase(): Uint32Array {
  if (arrayBaseState === undefined) {
    const mt = new MT19937();
    mt.initGenrand(19650218);
    arrayBaseState = mt.stateWords();
  }
  return arrayBaseState;
}

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;
  /** words of the current generation twisted so far (N: all, or a state just seeded) */
  private twisted = N;

  /** Seeds from a 32-bit integer (CPython's init_genrand). */
  initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.index = N;
    this.twisted = N;
  }

  /** Seeds from an array of 32-bit words (CPython's init_by_array); random.seed(int) goes through here. */
  initByArray(key: ArrayLike<number>): void {
    const mt = this.mt;
    const len = key.length;
    // Every seeding starts from the same init_genrand(19650218) state: copied, not recomputed.
    mt.set(arrayBase());
    this.index = N;
    this.twisted = N;
    // The reference's two passes, the word just made kept in `prev` (each word depends on the one before).
    let prev = (mt[0] as number) | 0;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      prev = (((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] as number) + j) | 0;
      mt[i] = prev;
      if (++i >= N) {
        mt[0] = prev;
        i = 1;
      }
      if (++j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      prev = (((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i) | 0;
      mt[i] = prev;
      if (++i >= N) {
        mt[0] = prev;
        i = 1;
      }
    }
    // The most significant bit set guarantees a non-zero state.
    mt[0] = 0x80000000;
  }

  /** The next 32-bit output, 0 <= x < 2**32. */
  nextUint32(): number {
    if (this.index >= N) this.newGeneration();
    const kk = this.index++;
    if (kk === this.twisted) this.twistWord(this.twisted++);
    let y = this.mt[kk] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 53 random bits, exactly as CPython's random_random(). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * RECIP_2_53;
  }

  /** A copy of the 624 state words, as Python's getstate()[1][:624] (for tests). */
  stateWords(): Uint32Array {
    while (this.twisted < N) this.twistWord(this.twisted++);
    return this.mt.slice();
  }

  /**
   * The reference twists all 624 words when the last is used up; here the generation only begins, and each
   * word is twisted when first read (or for stateWords). In order, that reads the same words: word kk is
   * made from kk, kk + 1 (not yet twisted) and kk + 397 (not yet twisted below 227, twisted above). A
   * stream that draws a few numbers, as most do, skips most of the twist.
   */
  private newGeneration(): void {
    if (this.index === N + 1) this.initGenrand(5489); // never seeded: the reference default
    while (this.twisted < N) this.twistWord(this.twisted++);
    this.index = 0;
    this.twisted = 0;
  }

  private twistWord(kk: number): void {
    const mt = this.mt;
    const next = kk === N - 1 ? 0 : kk + 1;
    const far = kk < N - M ? kk + M : kk + M - N;
    const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[next] as number) & LOWER_MASK);
    mt[kk] = (mt[far] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
  }
}
