/**
 * Random draws for the models, over src/random's CPython-exact Rng. Every stream is derived from the seed
 * and a fixed key (user, day, session...), so what a user does on a day never depends on what ran before in
 * the process: a resumed run draws exactly what an uninterrupted one would.
 */
import { Rng, seedKey } from '../random/rng';

/** What a stream is for; part of its key so two purposes never share draws. */
export const enum Stream {
  Population = 1,
  UserCreate = 2,
  UserDay = 3,
  Session = 4,
  Catalog = 5,
  Resurrection = 6,
}

const M32 = 0xffffffffn;

/** The last seed's init_by_array words: a run has one seed and makes a stream per session. */
let lastSeed = -1n;
let lastWords: readonly number[] = [];

/** The init_by_array key of (seed, stream, a, b, c), or undefined when it must go through a bigint. */
function streamKey(seed: bigint, stream: Stream, a: number, b: number, c: number): number[] | undefined {
  if (seed < 0n || !Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(c)) return undefined;
  if (seed !== lastSeed) {
    lastSeed = seed;
    lastWords = seed === 0n ? [] : seedKey(seed);
  }
  // `>>> 0` is the value mod 2^32, as `& M32` of a bigint is; the stream word is never 0.
  return [c >>> 0, b >>> 0, a >>> 0, stream, ...lastWords];
}

/**
 * A generator seeded by (seed, stream, a, b, c): random.seed() of one big integer built from them. For a
 * non-negative seed and whole a, b, c its init_by_array key is put together from 32-bit words directly.
 */
export function streamRng(seed: bigint, stream: Stream, a = 0, b = 0, c = 0): Rng {
  const key = streamKey(seed, stream, a, b, c);
  if (key !== undefined) return Rng.fromKey(key);
  return Rng.fromSeed(
    (seed << 128n) |
      (BigInt(stream) << 96n) |
      ((BigInt(a) & M32) << 64n) |
      ((BigInt(b) & M32) << 32n) |
      (BigInt(c) & M32),
  );
}

/**
 * `streamRng` into `rng`, for a caller that draws from many streams one at a time (the day step: one per
 * user): the same draws without a new 2.5 KB generator per stream.
 */
export function reseedStream(rng: Rng, seed: bigint, stream: Stream, a = 0, b = 0, c = 0): Rng {
  const key = streamKey(seed, stream, a, b, c);
  if (key === undefined) return streamRng(seed, stream, a, b, c);
  rng.seedFromKey(key);
  return rng;
}

/** a + U(b - a). */
export const floatIn = (rng: Rng, a: number, b: number): number => a + rng.random() * (b - a);

/** A whole number in [a, b], both ends included (the reference excluded b: its bug 17). */
export function intIn(rng: Rng, a: number, b: number): number {
  const lo = Math.ceil(a);
  const hi = Math.floor(b);
  return hi <= lo ? lo : lo + rng.randbelow(hi - lo + 1);
}

/** Index picked by relative weights (bisect over the running sums, as random.choices does). */
export function pickWeighted(rng: Rng, cumulative: readonly number[]): number {
  const total = cumulative[cumulative.length - 1] as number;
  const x = rng.random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (cumulative[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

/** Python's round(): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const HEX = '0123456789abcdef';

/** A version-4 UUID from 122 random bits of `rng` (stable for a seed, unlike the reference's uuid4). */
export function uuid(rng: Rng): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    const w = rng.getrandbits(32);
    for (let j = 7; j >= 0; j--) s += HEX[(w >>> (j * 4)) & 15];
  }
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${HEX[8 + (parseInt(s[16] as string, 16) & 3)]}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
