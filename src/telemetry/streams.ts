/**
 * Random numbers per device and time slot, without state carried from one slot to the next: draw j of device d
 * at slot time T is a hash of (seed, d's serial, T, purpose, j). So a day's file does not depend on the other
 * days, a shard's rows do not depend on the other shards' devices, and a million devices cost no memory for
 * generator state. The floats are made like CPython's random() (27 + 26 bits of two 32-bit words).
 */
import type { RandomSource } from '../random/rng';

/** lowbias32 (C. Wellons' hash-prospector): a 32-bit mixer with a very low avalanche bias. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const GOLDEN = 0x9e3779b9;
const RECIP_2_53 = 1.0 / 9007199254740992.0;
const TWO_32 = 4294967296;

/** What the draws of one slot are for: each purpose is its own stream. */
export const Purpose = { value: 1, fuzz: 2, device: 3 } as const;

export interface DeviceKey {
  readonly a: number;
  readonly b: number;
}

/** The two 32-bit keys of a device: from its serial number and the run's seed. */
export function deviceKey(seed: bigint, sn: string): DeviceKey {
  let s = seed;
  let seedA = 0x243f6a88;
  let seedB = 0x85a308d3;
  do {
    const word = Number(s & 0xffffffffn);
    seedA = mix32(seedA ^ word);
    seedB = mix32(seedB + word + GOLDEN);
    s >>= 32n;
  } while (s > 0n);
  // FNV-1a over the serial, twice with different bases.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < sn.length; i++) {
    const c = sn.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return { a: mix32(h1 ^ seedA), b: mix32((h2 ^ seedB) + GOLDEN) };
}

/**
 * One (device, slot, purpose) stream, reused for every cell: `start` points it at a cell, then it draws like
 * an Rng (the distributions take it as their RandomSource).
 */
export class CellStream implements RandomSource {
  private base = 0;
  private keyB = 0;
  private j = 0;
  /** NaN: none kept. Always a number, so storing it never allocates (a number-or-null field boxes each value). */
  private gaussNext = NaN;

  start(key: DeviceKey, slotTime: number, purpose: number): this {
    this.base = mix32(key.a ^ mix32((slotTime >>> 0) ^ key.b) ^ Math.imul(purpose, GOLDEN));
    // Slot times past 2106 fold their high bits in.
    if (slotTime >= TWO_32) this.base = mix32(this.base ^ Math.floor(slotTime / TWO_32));
    this.keyB = key.b;
    this.j = 0;
    this.gaussNext = NaN;
    return this;
  }

  nextUint32(): number {
    return mix32(mix32(this.base ^ Math.imul(this.j++, GOLDEN)) + this.keyB);
  }

  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * RECIP_2_53;
  }

  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 53)
      throw new RangeError(`getrandbits: k must be an integer in 0..53 (got ${k})`);
    if (k === 0) return 0;
    if (k <= 32) return this.nextUint32() >>> (32 - k);
    const low = this.nextUint32();
    return (this.nextUint32() >>> (64 - k)) * TWO_32 + low;
  }

  randbelow(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1)
      throw new RangeError(`randbelow: n must be a safe integer >= 1 (got ${n})`);
    const k = n < TWO_32 ? 32 - Math.clz32(n) : 64 - Math.clz32(Math.floor(n / TWO_32));
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  sample<T>(population: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0 || k > population.length)
      throw new RangeError('Sample larger than population or is negative');
    const pool = population.slice();
    const out: T[] = [];
    for (let i = 0; i < k; i++) {
      const j = this.randbelow(pool.length - i);
      out.push(pool[j] as T);
      pool[j] = pool[pool.length - i - 1] as T;
    }
    return out;
  }

  gauss(mu = 0.0, sigma = 1.0): number {
    let z = this.gaussNext;
    this.gaussNext = NaN;
    if (Number.isNaN(z)) {
      const x2pi = this.random() * 2 * Math.PI;
      const g2rad = Math.sqrt(-2.0 * Math.log(1.0 - this.random()));
      z = Math.cos(x2pi) * g2rad;
      this.gaussNext = Math.sin(x2pi) * g2rad;
    }
    return mu + z * sigma;
  }
}
