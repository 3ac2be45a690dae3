import { Rng } from '../../src/random/rng';
import { reseedStream, Stream, streamRng } from '../../src/users/draw';

/** The stream's definition: random.seed() of seed << 128 | stream << 96 | a << 64 | b << 32 | c (32-bit a, b, c). */
function byDefinition(seed: bigint, stream: Stream, a: number, b: number, c: number): Rng {
  const m = 0xffffffffn;
  return Rng.fromSeed(
    (seed << 128n) |
      (BigInt(stream) << 96n) |
      ((BigInt(a) & m) << 64n) |
      ((BigInt(b) & m) << 32n) |
      (BigInt(c) & m),
  );
}

describe('streamRng', () => {
  it('draws what random.seed of its big integer key draws', () => {
    const cases: [bigint, Stream, number, number, number][] = [
      [0n, Stream.Population, 0, 0, 0],
      [1n, Stream.Session, 17, 18262, 3],
      [42n, Stream.UserDay, 99_999, 18263, 0],
      [2n ** 40n + 5n, Stream.Catalog, -1, 2 ** 32 + 7, 0x7fff],
      [2n ** 70n - 1n, Stream.Resurrection, 4_294_967_295, -123_456, 2 ** 40],
      [123_456_789_012n, Stream.UserCreate, 0, 0, 1],
    ];
    for (const [seed, stream, a, b, c] of cases) {
      const got = streamRng(seed, stream, a, b, c);
      const want = byDefinition(seed, stream, a, b, c);
      for (let i = 0; i < 700; i++) expect(got.random()).toBe(want.random());
    }
  });

  it('draws the same for seeds around the 32- and 64-bit word boundaries, and for every stream kind', () => {
    const seeds = [0n, 7n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 70n + 3n];
    const parts: [number, number, number][] = [
      [0, 0, 0],
      [123456, 18263, 0x7fff],
      [-1, -5, 2 ** 32 - 1],
      [2 ** 31, 438300, 0],
    ];
    for (const seed of seeds)
      for (const stream of [Stream.Population, Stream.Session, Stream.Resurrection])
        for (const [a, b, c] of parts) {
          const got = streamRng(seed, stream, a, b, c);
          const want = byDefinition(seed, stream, a, b, c);
          for (let i = 0; i < 3; i++) expect(got.getrandbits(32)).toBe(want.getrandbits(32));
        }
  });

  it('draws the same from a reused generator seeded again for each stream (reseedStream)', () => {
    const reused = streamRng(0n, Stream.UserDay);
    reused.gauss(); // a cached half-pair must not survive the reseeding
    for (const [seed, a, b] of [
      [1n, 5, 18262],
      [1n, 6, 18262],
      [2n ** 70n + 3n, 7, 18263],
      [-4n, 8, 18263],
    ] as const) {
      const got = reseedStream(reused, seed, Stream.UserDay, a, b);
      const want = byDefinition(seed, Stream.UserDay, a, b, 0);
      for (let i = 0; i < 700; i++) expect(got.random()).toBe(want.random());
      expect(got.gauss()).toBe(want.gauss());
    }
  });
});
