/** binomialvariate (Python 3.12's algorithm) judged by its statistics; exact parity is in golden.test.ts. */
import { bindDistribution } from '../../src/random/distributions';
import { Rng } from '../../src/random/rng';

const DRAWS = 200_000;

function draws(n: number, p: number, seed: bigint): number[] {
  const rng = Rng.fromSeed(seed);
  const draw = bindDistribution('binomialvariate', { n, p }, 'values');
  return Array.from({ length: DRAWS }, () => draw.draw(rng));
}

function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('binomialvariate statistics', () => {
  // [n, p, which branch of the algorithm]
  const cases: [number, number, string][] = [
    [1, 0.3, 'n == 1 shortcut'],
    [20, 0.2, 'geometric (n*p < 10)'],
    [12, 0.9, 'symmetry, then geometric'],
    [1000, 0.3, 'BTRS'],
    [500, 0.8, 'symmetry, then BTRS'],
    [1_000_000, 0.5, 'BTRS, large n'],
  ];

  it.each(cases)('n=%d p=%s (%s): mean and variance within 4 standard errors', (n, p) => {
    const xs = draws(n, p, BigInt(n) * 7919n + 1n);
    expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const q = 1 - p;
    const variance = n * p * q;
    // The binomial's fourth central moment gives the standard error of the sample variance.
    const fourth = variance * (1 + 3 * p * q * (n - 2));
    const got = moments(xs);
    const zMean = (got.mean - n * p) / Math.sqrt(variance / DRAWS);
    const zVar = (got.variance - variance) / Math.sqrt((fourth - variance ** 2) / DRAWS);
    expect(Math.abs(zMean)).toBeLessThan(4);
    expect(Math.abs(zVar)).toBeLessThan(4);
  });

  it('BTRS has the binomial shape (chi-square against the exact pmf)', () => {
    const n = 40;
    const p = 0.4;
    const xs = draws(n, p, 2024n);
    const counts = new Array<number>(n + 1).fill(0);
    for (const x of xs) counts[x] = (counts[x] as number) + 1;
    // pmf by the recurrence P(k+1) = P(k) * (n-k)/(k+1) * p/q
    const pmf = [(1 - p) ** n];
    for (let k = 0; k < n; k++) pmf.push((pmf[k] as number) * ((n - k) / (k + 1)) * (p / (1 - p)));
    let chi = 0;
    let bins = 0;
    let restObserved = 0;
    let restExpected = 0;
    pmf.forEach((prob, k) => {
      const expected = prob * DRAWS;
      if (expected < 20) {
        restObserved += counts[k] as number;
        restExpected += expected;
        return;
      }
      chi += ((counts[k] as number) - expected) ** 2 / expected;
      bins++;
    });
    chi += (restObserved - restExpected) ** 2 / restExpected;
    const df = bins; // bins + the pooled tail, minus one
    expect(chi).toBeLessThan(df + 5 * Math.sqrt(2 * df));
  });
});

describe('binomialvariate edge cases', () => {
  function consumed(n: number, p: number, calls: number): number[] {
    const rng = Rng.fromSeed(77n);
    const draw = bindDistribution('binomialvariate', { n, p }, 'values');
    const values = Array.from({ length: calls }, () => draw.draw(rng));
    return [...values, rng.random()];
  }
  const untouched = Rng.fromSeed(77n).random();

  it('p=0 gives 0 and p=1 gives n without drawing', () => {
    expect(consumed(20, 0, 5)).toEqual([0, 0, 0, 0, 0, untouched]);
    expect(consumed(20, 1, 5)).toEqual([20, 20, 20, 20, 20, untouched]);
  });

  it('n=0 gives 0 but, like Python 3.12, draws once per call', () => {
    const values = consumed(0, 0.5, 3);
    expect(values.slice(0, 3)).toEqual([0, 0, 0]);
    const rng = Rng.fromSeed(77n);
    rng.random();
    rng.random();
    rng.random();
    expect(values[3]).toBe(rng.random());
  });

  it('a p so small that 1 - p == 1 returns 0 without drawing', () => {
    expect(consumed(10 ** 9, 1e-17, 3)).toEqual([0, 0, 0, untouched]);
  });

  it('defaults to n=1, p=0.5', () => {
    const draw = bindDistribution('binomialvariate', undefined, 'values');
    expect(draw.args).toEqual({ n: 1, p: 0.5 });
    expect(draw.returnsInt).toBe(true);
    expect(draw.mean).toBe(0.5);
  });
});
