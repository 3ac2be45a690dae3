import { cumulativeStdNormalProbability } from 'simple-statistics';
import { StreamRng } from '../../src/random/stream';

/** Kolmogorov-Smirnov distance of a sample from a CDF. */
function ks(sample: number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b);
  return xs.reduce(
    (d, x, i) => Math.max(d, Math.abs(cdf(x) - i / xs.length), Math.abs(cdf(x) - (i + 1) / xs.length)),
    0,
  );
}

/** The KS distance exceeded with probability 0.001 for n draws. */
const critical = (n: number) => 1.95 / Math.sqrt(n);
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('StreamRng', () => {
  it('is a function of (seed, path): the same stream everywhere, other paths other streams', () => {
    const first = (seed: bigint, ...path: number[]) => new StreamRng(seed, ...path).random();
    expect(first(42n, 7, 0)).toBe(first(42n, 7, 0));
    const s = new StreamRng(42n, 7, 0);
    const t = new StreamRng(42n, 7, 1);
    const u = new StreamRng(42n, 8, 0);
    const v = new StreamRng(43n, 7, 0);
    const words = [s, t, u, v].map((r) => r.nextUint32());
    expect(new Set(words).size).toBe(4);
    expect(new StreamRng(2n ** 70n + 5n, 1).random()).not.toBe(new StreamRng(5n, 1).random());
  });

  it('random() is two nextUint32 words (27 + 26 high bits), the draws interleaving with other words', () => {
    const inline = new StreamRng(42n, 5, 1);
    const words = new StreamRng(42n, 5, 1);
    for (let i = 0; i < 2000; i++) {
      const hi = words.nextUint32() >>> 5;
      const lo = words.nextUint32() >>> 6;
      expect(inline.random()).toBe((hi * 2 ** 26 + lo) / 2 ** 53);
      if (i % 3 === 0) expect(inline.nextUint32()).toBe(words.nextUint32());
    }
  });

  it('gives a seed the same streams whichever seeds were used before it', () => {
    const word = (seed: bigint) => new StreamRng(seed, 3, 1).nextUint32();
    const fresh = [word(42n), word(2n ** 64n + 42n), word(0n)];
    for (let i = 0; i < 3; i++) expect([word(42n), word(2n ** 64n + 42n), word(0n)]).toEqual(fresh);
    expect(new Set(fresh).size).toBe(3);
  });

  it('random() is uniform on [0, 1), gauss() normal, exponential() exponential (KS, fixed seeds)', () => {
    const n = 20_000;
    const r = new StreamRng(1n, 0);
    const u = draws(n, () => r.random());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(ks(u, (x) => x)).toBeLessThan(critical(n));
    const g = new StreamRng(2n, 0);
    expect(
      ks(
        draws(n, () => g.gauss(3, 2)),
        (x) => cumulativeStdNormalProbability((x - 3) / 2),
      ),
    ).toBeLessThan(
      critical(n) + 1e-4, // the library's normal CDF is tabulated to 4 decimals
    );
    const e = new StreamRng(3n, 0);
    expect(
      ks(
        draws(n, () => e.exponential(5)),
        (x) => 1 - Math.exp(-x / 5),
      ),
    ).toBeLessThan(critical(n));
  });

  it('streams of neighbouring workers are not correlated', () => {
    const n = 20_000;
    const xs = Array.from({ length: n }, (_, i) => new StreamRng(9n, i, 0).random());
    const ys = Array.from({ length: n }, (_, i) => new StreamRng(9n, i + 1, 0).random());
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const [mx, my] = [mean(xs), mean(ys)];
    const cov = mean(xs.map((x, i) => (x - mx) * ((ys[i] as number) - my)));
    // Correlation of independent uniforms: standard error 1/sqrt(n); 4 of them.
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(4 / Math.sqrt(n));
  });
});
