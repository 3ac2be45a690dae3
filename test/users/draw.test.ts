import { Rng } from '../../src/random/rng';
import { Stream, streamRng } from '../../src/users/draw';

/** The stream's definition: random.seed() of one big integer built from the seed and the key parts. */
function reference(seed: bigint, stream: Stream, a: number, b: number, c: number): Rng {
  const M32 = 0xffffffffn;
  const key =
    (seed << 128n) |
    (BigInt(stream) << 96n) |
    ((BigInt(a) & M32) << 64n) |
    ((BigInt(b) & M32) << 32n) |
    (BigInt(c) & M32);
  return Rng.fromSeed(key);
}

describe('users: random streams', () => {
  it('draw what random.seed of the whole key draws, for small, large and zero seeds and parts', () => {
    const seeds = [0n, 1n, 7n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 40n + 12345n, 2n ** 64n - 1n, 2n ** 70n + 3n];
    const parts: [number, number, number][] = [
      [0, 0, 0],
      [1, 18262, 3],
      [123456, 18263, 0x7fff],
      [-1, -5, 2 ** 32 - 1],
      [2 ** 31, 438300, 0],
    ];
    for (const seed of seeds)
      for (const stream of [Stream.Population, Stream.Session, Stream.Resurrection])
        for (const [a, b, c] of parts) {
          const fast = streamRng(seed, stream, a, b, c);
          const slow = reference(seed, stream, a, b, c);
          for (let i = 0; i < 3; i++) expect(fast.getrandbits(32)).toBe(slow.getrandbits(32));
        }
  });
});
