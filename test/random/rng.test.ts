import { MT19937 } from '../../src/random/mt19937';
import { lgamma, pyMod, TWOPI } from '../../src/random/pymath';
import { bitLength, Rng, seedKey } from '../../src/random/rng';

describe('MT19937', () => {
  it('matches the reference mt19937ar outputs for init_by_array([0x123, 0x234, 0x345, 0x456])', () => {
    const mt = new MT19937();
    mt.initByArray([0x123, 0x234, 0x345, 0x456]);
    expect([1, 2, 3, 4, 5].map(() => mt.nextUint32())).toEqual([
      1067595299, 955945823, 477289528, 4107218783, 4228976476,
    ]);
  });

  it('uses the reference default seed 5489 when never seeded', () => {
    expect(new MT19937().nextUint32()).toBe(3499211612);
  });

  it('builds random() from 27 + 26 bits of two words', () => {
    const a = new MT19937();
    const b = new MT19937();
    a.initGenrand(7);
    b.initGenrand(7);
    const x = a.random();
    const hi = b.nextUint32() >>> 5;
    const lo = b.nextUint32() >>> 6;
    expect(x).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
  });
});

/** mt19937ar's genrand_int32 as written there: all 624 words twisted at once when used up. */
function referenceWords(state: Uint32Array, count: number): number[] {
  const mt = Uint32Array.from(state);
  const out: number[] = [];
  let index = 624;
  for (let n = 0; n < count; n++) {
    if (index >= 624) {
      for (let kk = 0; kk < 624; kk++) {
        const y = ((mt[kk] as number) & 0x80000000) | ((mt[(kk + 1) % 624] as number) & 0x7fffffff);
        mt[kk] = (mt[(kk + 397) % 624] as number) ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    out.push(y >>> 0);
  }
  return out;
}

describe('MT19937 twisting each word when first read', () => {
  it.each([[[1]], [[0, 18262, 42, 3, 1]], [[7, 5, 3, 4, 0xffffffff, 2]]])(
    'gives the reference words across three generations for key %j',
    (key) => {
      const seeded = new MT19937();
      seeded.initByArray(key);
      const expected = referenceWords(seeded.stateWords(), 3 * 624 + 5);
      const mt = new MT19937();
      mt.initByArray(key);
      expect(Array.from({ length: expected.length }, () => mt.nextUint32())).toEqual(expected);
    },
  );

  it('keeps the sequence when the state is read halfway through a generation', () => {
    const a = new MT19937();
    const b = new MT19937();
    a.initByArray([0, 18262, 9, 3, 1]);
    b.initByArray([0, 18262, 9, 3, 1]);
    const first = [a.nextUint32(), a.nextUint32(), a.nextUint32()];
    const mid = a.stateWords();
    expect([b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual(first);
    expect(Array.from(mid)).toEqual(Array.from(b.stateWords()));
    expect(Array.from({ length: 1300 }, () => a.nextUint32())).toEqual(
      Array.from({ length: 1300 }, () => b.nextUint32()),
    );
  });
});

describe('seedKey', () => {
  it('splits abs(n) into 32-bit words, least significant first, at least one', () => {
    expect(seedKey(0n)).toEqual([0]);
    expect(seedKey(0xffffffffn)).toEqual([0xffffffff]);
    expect(seedKey(2n ** 32n + 5n)).toEqual([5, 1]);
    expect(seedKey(-(2n ** 64n) - 3n)).toEqual([3, 0, 1]);
  });

  it('seeds -n like n, as random.seed does', () => {
    expect(Rng.fromSeed(-12345n).random()).toBe(Rng.fromSeed(12345n).random());
  });
});

describe('Rng', () => {
  it('gives independent, repeatable streams per instance', () => {
    const a = Rng.fromSeed(99n);
    const b = Rng.fromSeed(99n);
    const first = [a.random(), a.random()];
    expect([b.random(), b.random()]).toEqual(first);
    expect(Rng.fromSeed(100n).random()).not.toBe(first[0]);
  });

  it('getrandbits(0) draws nothing; k outside 0..53 is refused', () => {
    const a = Rng.fromSeed(5n);
    const b = Rng.fromSeed(5n);
    expect(a.getrandbits(0)).toBe(0);
    expect(a.random()).toBe(b.random());
    expect(() => a.getrandbits(54)).toThrow(RangeError);
    expect(() => a.getrandbits(-1)).toThrow(RangeError);
    expect(() => a.getrandbits(1.5)).toThrow(RangeError);
  });

  it('getrandbits(k) stays below 2**k', () => {
    const rng = Rng.fromSeed(3n);
    for (const k of [1, 7, 31, 32, 33, 52, 53]) {
      for (let i = 0; i < 200; i++) {
        const x = rng.getrandbits(k);
        expect(Number.isInteger(x) && x >= 0 && x < 2 ** k).toBe(true);
      }
    }
  });

  it('randbelow(1) is 0 but still draws, as Python does', () => {
    const a = Rng.fromSeed(8n);
    const b = Rng.fromSeed(8n);
    expect(a.randbelow(1)).toBe(0);
    b.getrandbits(1);
    expect(a.random()).toBe(b.random());
    expect(() => a.randbelow(0)).toThrow(RangeError);
    expect(() => a.randbelow(2 ** 53)).toThrow(RangeError);
  });

  it('bitLength is int.bit_length', () => {
    expect([0, 1, 2, 255, 256, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1].map(bitLength)).toEqual([
      0, 1, 2, 8, 9, 32, 33, 53,
    ]);
  });

  it('sample refuses k outside 0..n and leaves the population alone', () => {
    const rng = Rng.fromSeed(1n);
    const population = [1, 2, 3, 4];
    expect(() => rng.sample(population, 5)).toThrow(RangeError);
    expect(() => rng.sample(population, -1)).toThrow(RangeError);
    expect(rng.sample(population, 4).sort()).toEqual([1, 2, 3, 4]);
    expect(population).toEqual([1, 2, 3, 4]);
  });

  it('gauss uses two random() per pair and re-seeding forgets the cached half', () => {
    const a = Rng.fromSeed(11n);
    const b = Rng.fromSeed(11n);
    a.gauss();
    a.gauss();
    b.random();
    b.random();
    expect(a.random()).toBe(b.random());

    const c = Rng.fromSeed(11n);
    const first = c.gauss();
    c.seed(11n); // without clearing, the next gauss would be the cached sine half
    expect(c.gauss()).toBe(first);
  });
});

describe('Python float semantics', () => {
  it('pyMod gives the sign of the divisor, as Python float % does', () => {
    const cases: [number, number, number][] = [
      [-1.0, TWOPI, 5.283185307179586],
      [-0.0, TWOPI, 0.0],
      [-1e-20, TWOPI, 6.283185307179586],
      [7.0, TWOPI, 0.7168146928204138],
      [-7.0, TWOPI, 5.5663706143591725],
      [-TWOPI, TWOPI, 0.0],
      [1e300, TWOPI, 5.559758606652565],
      [5.5, -2.0, -0.5],
      [-5.5, 2.0, 0.5],
      [0.0, -2.0, -0.0],
    ];
    for (const [x, y, want] of cases) expect([x, y, pyMod(x, y)]).toEqual([x, y, want]);
  });

  it('lgamma agrees with math.lgamma', () => {
    const cases: [number, number][] = [
      [0.5, 0.5723649429247004],
      [1, 0],
      [2, 0],
      [10, 12.801827480081467],
      [23, 48.47118135183522],
      [24, 51.60667556776438],
      [100, 359.1342053695754],
      [1e6, 12815504.569147611],
      [2.5, 0.2846828704729196],
      [1.5, -0.12078223763524543],
    ];
    for (const [x, want] of cases)
      expect(Math.abs(lgamma(x) - want)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want)));
    expect(() => lgamma(0)).toThrow(RangeError);
  });
});
