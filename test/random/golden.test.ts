import { bindDistribution } from '../../src/random/distributions';
import { MT19937 } from '../../src/random/mt19937';
import { Rng, seedKey } from '../../src/random/rng';
import { type DrawCase, firstMismatch, type OpResult, type Sequence, VECTORS } from './vectors';

const label = (c: DrawCase): string => `${c.fn}(${JSON.stringify(c.args)}) seed ${c.seed}`;

function runCase(c: DrawCase): { values: number[]; next: number } {
  const rng = Rng.fromSeed(BigInt(c.seed));
  const draw = bindDistribution(c.fn, c.args, 'values');
  const values = c.values.map(() => draw.draw(rng));
  return { values, next: rng.random() };
}

describe('seeding matches random.seed(int)', () => {
  it.each(VECTORS.seeds.map((s) => [s.seed, s]))('seed %s', (_, s) => {
    const mt = new MT19937();
    mt.initByArray(seedKey(BigInt(s.seed)));
    expect(Array.from(mt.stateWords().subarray(0, s.state.length))).toEqual(s.state);
    const rng = Rng.fromSeed(BigInt(s.seed));
    expect(s.random.map(() => rng.random())).toEqual(s.random);
  });
});

describe.each([
  ['Python 3.11 draws', VECTORS.cases],
  ['Python 3.12 binomialvariate', VECTORS.binomial_312],
])('%s', (_, cases) => {
  it.each(cases.map((c) => [label(c), c]))('%s', (_name, c) => {
    const { values, next } = runCase(c);
    expect(firstMismatch(c.fn, values, c.values)).toBeUndefined();
    expect(next).toBe(c.next);
  });
});

describe('sample() takes both of 3.11 branches', () => {
  it('covers pool and set', () => {
    expect(new Set(VECTORS.samples.map((s) => s.branch))).toEqual(new Set(['pool', 'set']));
  });

  it.each(VECTORS.samples.map((s) => [`n=${s.n} k=${s.k} (${s.branch})`, s]))('%s', (_, s) => {
    const rng = Rng.fromSeed(BigInt(s.seed));
    const population = Array.from({ length: s.n }, (_v, j) => 10 * j + 7);
    expect(s.samples.map(() => rng.sample(population, s.k))).toEqual(s.samples);
    expect(rng.random()).toBe(s.next);
  });
});

function replay(seq: Sequence): { results: OpResult[]; next: number } {
  const rng = Rng.fromSeed(BigInt(seq.seed));
  const results = seq.ops.map((op): OpResult => {
    switch (op.op) {
      case 'seed':
        rng.seed(BigInt(op.seed));
        return null;
      case 'draw':
        return bindDistribution(op.fn, op.args, 'values').draw(rng);
      case 'dict': {
        // randint(1, n) is 1 + randbelow(n): the generator's own shortcut must draw the same.
        const keys = rng.sample(op.pool, rng.randbelow(op.pool.length) + 1);
        const draw = bindDistribution(op.fn, op.args, 'values');
        return { keys, values: keys.map(() => draw.draw(rng)) };
      }
    }
  });
  return { results, next: rng.random() };
}

describe('interleaved sequences keep the generator and gauss_next in step', () => {
  it.each(VECTORS.sequences.map((s) => [s.seed, s]))('seed %s', (_, seq) => {
    const { results, next } = replay(seq);
    seq.ops.forEach((op, i) => {
      const want = seq.results[i] as OpResult;
      const got = results[i] as OpResult;
      const where = `op ${i} ${JSON.stringify(op)}`;
      if (op.op === 'seed') {
        expect([where, got, want]).toEqual([where, null, null]); // a re-seed draws nothing
        return;
      }
      if (typeof want === 'number') {
        expect([where, firstMismatch(op.fn, [got as number], [want])]).toEqual([where, undefined]);
        return;
      }
      // A dict op: Python drew keys and values. Anything but the same object here (null included) fails.
      expect([where, typeof want, want !== null]).toEqual([where, 'object', true]);
      const dict = typeof got === 'object' && got !== null ? got : { keys: got, values: [] };
      expect([where, dict.keys]).toEqual([where, want?.keys]);
      expect([where, firstMismatch(op.fn, dict.values, want?.values ?? [])]).toEqual([where, undefined]);
    });
    expect(next).toBe(seq.next);
    expect(results.filter((r) => typeof r === 'object' && r !== null).length).toBeGreaterThan(20);
    expect(seq.ops.filter((op) => op.op === 'seed').length).toBeGreaterThan(0);
  });
});
