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

let initial: Uint32Array | undefined;

/** The state after init_genrand(19650218), the start of every init_by_array. */
function genrand19650218(): Uint32Array {
  if (initial === undefined) {
    const mt = new MT19937();
    mt.initGenrand(19650218);
    initial = mt.stateWords();
  }
  return initial;
}

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** Seeds from a 32-bit integer (CPython's init_genrand). */
  initGenrand(seed: number): void {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
    this.index = N;
  }

  /** Seeds from an array of 32-bit words (CPython's init_by_array); random.seed(int) goes through here. */
  initByArray(key: ArrayLike<number>): void {
    const mt = this.mt;
    const len = key.length;
    // init_genrand(19650218) gives the same words every time: copied, not computed again (streams are
    // seeded per user, day and session, hundreds of thousands of times a simulated day).
    mt.set(genrand19650218());
    this.index = N;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + (key[j] as number) + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] as number;
      mt[i] = ((mt[i] as number) ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1] as number;
        i = 1;
      }
    }
    // The most significant bit set guarantees a non-zero state.
    mt[0] = 0x80000000;
  }

  /** The next 32-bit output, 0 <= x < 2**32. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++] as number;
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
    return this.mt.slice();
  }

  private twist(): void {
    const mt = this.mt;
    if (this.index === N + 1) this.initGenrand(5489); // never seeded: the reference default
    let kk = 0;
    for (; kk < N - M; kk++) {
      const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
      mt[kk] = (mt[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[kk + 1] as number) & LOWER_MASK);
      mt[kk] = (mt[kk + (M - N)] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = ((mt[N - 1] as number) & UPPER_MASK) | ((mt[0] as number) & LOWER_MASK);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}
