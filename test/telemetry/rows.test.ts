import { Rng } from '../../src/random/rng';
import { writeNumber } from '../../src/telemetry/rows';
import { CellStream, deviceKey, Purpose } from '../../src/telemetry/streams';

const text = (v: number, decimals: number) => {
  const buf = Buffer.alloc(64);
  return buf.toString('latin1', 0, writeNumber(buf, 0, v, decimals));
};

describe('writeNumber', () => {
  it('without decimals: the shortest text that reads back as the same double', () => {
    for (const v of [0, 1, 0.1, 33.333333333333336, 1e-7, 123456789.5, -2.5])
      expect(text(v, -1)).toBe(String(v));
  });

  it('with decimals: the text of the rounded double, made with integer arithmetic', () => {
    const rng = Rng.fromSeed(5n);
    for (let i = 0; i < 20_000; i++) {
      const decimals = i % 7;
      const v = (rng.random() - 0.2) * 10 ** (i % 6);
      const p = 10 ** decimals;
      const rounded = Math.round(Math.abs(v) * p) / p;
      expect(text(v, decimals)).toBe(String(v < 0 && rounded !== 0 ? -rounded : rounded));
    }
  });
});

describe('CellStream', () => {
  const key = deviceKey(42n, 'ABC01234XY');
  const draws = (k: typeof key, t: number, purpose: number, n = 5) => {
    const s = new CellStream().start(k, t, purpose);
    return Array.from({ length: n }, () => s.random());
  };

  it('draws the same numbers for the same seed, serial, time and purpose, others otherwise', () => {
    expect(draws(key, 1677456000, Purpose.value)).toEqual(
      draws(deviceKey(42n, 'ABC01234XY'), 1677456000, Purpose.value),
    );
    const other = [
      draws(deviceKey(43n, 'ABC01234XY'), 1677456000, Purpose.value),
      draws(deviceKey(42n, 'ABC01234XZ'), 1677456000, Purpose.value),
      draws(key, 1677456060, Purpose.value),
      draws(key, 1677456000, Purpose.fuzz),
    ];
    for (const o of other) expect(o).not.toEqual(draws(key, 1677456000, Purpose.value));
  });

  it('gives uniform floats: chi-square over 20 bins, and no correlation between neighbouring slots', () => {
    const n = 40_000;
    const bins = new Array<number>(20).fill(0);
    const first: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = deviceKey(7n, `DEV${i}`);
      const a = new CellStream().start(k, 1677456000, Purpose.value).random();
      const b = new CellStream().start(k, 1677456060, Purpose.value).random();
      bins[Math.floor(a * 20)]!++;
      first.push(a);
      next.push(b);
    }
    const chi2 = bins.reduce((s, c) => s + (c - n / 20) ** 2 / (n / 20), 0);
    expect(chi2).toBeLessThan(43.82); // 19 degrees of freedom, p = 0.001
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const ma = mean(first);
    const mb = mean(next);
    const cov = mean(first.map((a, i) => (a - ma) * (next[i]! - mb)));
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(4 / Math.sqrt(n));
  });
});
