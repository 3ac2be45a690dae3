/**
 * Random draws for the models, over src/random's CPython-exact Rng. Every stream is derived from the seed
 * and a fixed key (user, day, session...), so what a user does on a day never depends on what ran before in
 * the process: a resumed run draws exactly what an uninterrupted one would.
 */
import { Rng } from '../random/rng';

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
/** seeds below 2^64 take the fast path of streamRng */
const SMALL_SEED = 1n << 64n;
let lastSeed = -1n;
let lastWords: number[] = [];

/** The seed's 32-bit words, least significant first, none for 0 (as random.seed cuts leading zero words). */
function smallSeedWords(seed: bigint): number[] {
  if (seed !== lastSeed) {
    lastWords =
      seed === 0n
        ? []
        : Number(seed >> 32n) === 0
          ? [Number(seed)]
          : [Number(seed & M32), Number(seed >> 32n)];
    lastSeed = seed;
  }
  return lastWords;
}

/** A generator seeded by (seed, stream, a, b, c): random.seed() of one big integer built from them. */
export function streamRng(seed: bigint, stream: Stream, a = 0, b = 0, c = 0): Rng {
  // The key's 32-bit words, least significant first, straight from the parts (no big integer per stream):
  // c, b, a (each cut to 32 bits), the stream, then the seed's words, none when it is 0.
  if (seed >= 0n && seed < SMALL_SEED) {
    const words = [c >>> 0, b >>> 0, a >>> 0, stream];
    for (const w of smallSeedWords(seed)) words.push(w);
    return Rng.fromKey(words);
  }
  const key =
    (seed << 128n) |
    (BigInt(stream) << 96n) |
    ((BigInt(a) & M32) << 64n) |
    ((BigInt(b) & M32) << 32n) |
    (BigInt(c) & M32);
  return Rng.fromSeed(key);
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
