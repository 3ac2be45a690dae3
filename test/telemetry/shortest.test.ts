import { Rng } from '../../src/random/rng';
import { writeShortest } from '../../src/telemetry/shortest';

const buf = Buffer.alloc(64);
const text = (v: number) => buf.toString('latin1', 0, writeShortest(buf, 0, v));

describe('writeShortest', () => {
  it('writes exactly what String(v) gives for edge values', () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      5,
      100,
      0.1,
      0.5,
      1e-6,
      1.5e-6,
      9.99e-7,
      1e-7,
      0.001,
      0.000123,
      1e14,
      1e15,
      999999999999999.9,
      123456789012345.6,
      33.333333333333336,
      66.66666666666667,
      99.99999999999999,
      2 ** 53,
      2 ** 52 + 0.5,
      1e21,
      1e22,
      12345.678,
      Number.MIN_VALUE,
      Number.MAX_VALUE,
      0.30000000000000004,
    ];
    for (const v of edges) expect(text(v)).toBe(String(v));
    for (let p = -8; p <= 16; p++)
      for (const v of [10 ** p, 10 ** p * (1 - 2 ** -52), 10 ** p * (1 + 2 ** -52)])
        expect(text(v)).toBe(String(v));
  });

  it('writes exactly what String(v) gives for random doubles of every magnitude and for reference values', () => {
    const rng = Rng.fromSeed(7n);
    let mismatches = 0;
    for (let i = 0; i < 300_000; i++) {
      const u = rng.random();
      const v =
        i % 3 === 0
          ? 300 * Math.min(u, rng.random()) // the reference draw
          : (rng.random() < 0.5 ? -1 : 1) * u * 10 ** ((i % 28) - 8);
      if (text(v) !== String(v)) mismatches++;
    }
    expect(mismatches).toBe(0);
    // Short decimals, such as values rounded by an expression.
    for (let i = 0; i < 100_000; i++) {
      const v = Math.round(rng.random() * 1e6) / 10 ** (i % 9);
      if (text(v) !== String(v)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('writes 17-digit values (the nearest 17 digits) and doubles from random bits exactly as String(v)', () => {
    for (const v of [17.146870379831025, 207.9304512790604, 0.1 + 0.2, 1 / 3, 2 / 3, 9.999999999999997e-7])
      expect(text(v)).toBe(String(v));
    const rng = Rng.fromSeed(11n);
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    let mismatches = 0;
    for (let i = 0; i < 200_000; i++) {
      words[0] = rng.getrandbits(32);
      words[1] = rng.getrandbits(32);
      const v = bits[0] as number;
      if (Number.isFinite(v) && text(v) !== String(v)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
