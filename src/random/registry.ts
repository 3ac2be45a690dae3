/**
 * One entry per function of Python's random module that draws a number, with Python 3.12's parameter names,
 * order and defaults. Arguments reaching `check`, `mean` and `prepare` already have the declared kinds.
 */
import * as cont from './continuous';
import { binomialvariate, drawInRange, rangeLength, type IntRange } from './discrete';
import { lgamma } from './pymath';
import { type Args, type Definition, type ParamProblem, list, num, numOrNone, problem } from './types';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function positive(args: Args, ...names: string[]): ParamProblem | undefined {
  for (const name of names) {
    const v = num(args, name);
    if (!(v > 0)) return problem(name, '> 0', v);
  }
  return undefined;
}

function sigmaCheck(args: Args): ParamProblem | undefined {
  const sigma = num(args, 'sigma');
  return sigma < 0 ? problem('sigma', '>= 0', sigma) : undefined;
}

/** Cheng's method needs sqrt(2 * alpha - 1) finite. */
function gammaShapes(args: Args, ...names: string[]): ParamProblem | undefined {
  const bad = positive(args, ...names);
  if (bad) return bad;
  for (const name of names) {
    const v = num(args, name);
    if (!Number.isFinite(2.0 * v - 1.0)) return problem(name, 'at most 8.98e307', v);
  }
  return undefined;
}

/** randrange's arguments as start + step * randbelow(n), or a problem; stop null means range(start). */
function intRange(start: number, stop: number | null, step: number): IntRange | ParamProblem {
  if (stop === null) {
    if (step !== 1)
      return { param: 'stop', message: `stop is required when step is given (got step=${step})` };
    return start > 0 ? intRange(0, start, 1) : problem('start', '> 0 when stop is not given', start);
  }
  if (step === 0) return problem('step', 'non-zero', 0);
  const range = `range(${start}, ${stop}, ${step})`;
  const n = rangeLength(start, stop, step);
  if (n === 0n) return { param: 'stop', message: `empty range: ${range} has no values` };
  if (n > MAX_SAFE)
    return { param: 'stop', message: `range too large: ${range} has more than 2**53 - 1 values` };
  return { start, step, n: Number(n) };
}

function randrangeOf(args: Args): IntRange | ParamProblem {
  return intRange(num(args, 'start'), numOrNone(args, 'stop'), num(args, 'step'));
}

function randintOf(args: Args): IntRange | ParamProblem {
  const a = num(args, 'a');
  const b = num(args, 'b');
  if (a > b) return { param: 'b', message: `empty range: b must be >= a (got a=${a}, b=${b})` };
  const range = intRange(a, b + 1, 1);
  return 'message' in range
    ? { param: 'b', message: `range too large: b - a + 1 must be at most 2**53 - 1 (got a=${a}, b=${b})` }
    : range;
}

/** For ranges that check() accepted. */
function rangeOrThrow(r: IntRange | ParamProblem): IntRange {
  if ('message' in r) throw new RangeError(r.message);
  return r;
}

function rangeMean(r: IntRange | ParamProblem): number | undefined {
  return 'message' in r ? undefined : r.start + (r.step * (r.n - 1)) / 2;
}

const ok = (): undefined => undefined;

export const DEFINITIONS: readonly Definition[] = [
  {
    name: 'random',
    params: [],
    returnsInt: false,
    check: ok,
    mean: () => 0.5,
    prepare: () => (rng) => rng.random(),
  },
  {
    name: 'uniform',
    params: [
      { name: 'a', kind: 'number' },
      { name: 'b', kind: 'number' },
    ],
    returnsInt: false,
    check: ok,
    mean: (args) => (num(args, 'a') + num(args, 'b')) / 2,
    prepare: (args) => {
      const a = num(args, 'a');
      const b = num(args, 'b');
      return (rng) => cont.uniform(rng, a, b);
    },
  },
  {
    name: 'triangular',
    params: [
      { name: 'low', kind: 'number', default: 0.0 },
      { name: 'high', kind: 'number', default: 1.0 },
      { name: 'mode', kind: 'number', default: null },
    ],
    returnsInt: false,
    check: ok,
    mean: (args) => {
      const low = num(args, 'low');
      const high = num(args, 'high');
      return (low + high + (numOrNone(args, 'mode') ?? (low + high) / 2)) / 3;
    },
    prepare: (args) => {
      const low = num(args, 'low');
      const high = num(args, 'high');
      const mode = numOrNone(args, 'mode');
      return (rng) => cont.triangular(rng, low, high, mode);
    },
  },
  {
    name: 'randint',
    params: [
      { name: 'a', kind: 'integer' },
      { name: 'b', kind: 'integer' },
    ],
    returnsInt: true,
    check: (args) => {
      const r = randintOf(args);
      return 'message' in r ? r : undefined;
    },
    mean: (args) => rangeMean(randintOf(args)),
    prepare: (args) => {
      const range = rangeOrThrow(randintOf(args));
      return (rng) => range.start + rng.randbelow(range.n);
    },
  },
  {
    name: 'randrange',
    params: [
      { name: 'start', kind: 'integer' },
      { name: 'stop', kind: 'integer', default: null },
      { name: 'step', kind: 'integer', default: 1 },
    ],
    returnsInt: true,
    check: (args) => {
      const r = randrangeOf(args);
      return 'message' in r ? r : undefined;
    },
    mean: (args) => rangeMean(randrangeOf(args)),
    prepare: (args) => {
      const range = rangeOrThrow(randrangeOf(args));
      return (rng) => drawInRange(rng, range);
    },
  },
  {
    name: 'choice',
    params: [{ name: 'seq', kind: 'number-list' }],
    returnsInt: (args) => list(args, 'seq').every((x) => Number.isInteger(x)),
    check: (args) =>
      list(args, 'seq').length === 0 ? { param: 'seq', message: 'seq must not be empty' } : undefined,
    mean: (args) => {
      const seq = list(args, 'seq');
      return seq.length === 0 ? undefined : seq.reduce((s, x) => s + x, 0) / seq.length;
    },
    prepare: (args) => {
      const seq = list(args, 'seq');
      return (rng) => seq[rng.randbelow(seq.length)] as number;
    },
  },
  {
    name: 'getrandbits',
    params: [{ name: 'k', kind: 'integer' }],
    returnsInt: true,
    check: (args) => {
      const k = num(args, 'k');
      if (k < 0) return problem('k', '>= 0', k);
      if (k > 53)
        return { param: 'k', message: `k must be at most 53, the bits a number holds exactly (got ${k})` };
      return undefined;
    },
    mean: (args) => (2 ** num(args, 'k') - 1) / 2,
    prepare: (args) => {
      const k = num(args, 'k');
      return (rng) => rng.getrandbits(k);
    },
  },
  {
    name: 'betavariate',
    params: [
      { name: 'alpha', kind: 'number' },
      { name: 'beta', kind: 'number' },
    ],
    returnsInt: false,
    check: (args) => gammaShapes(args, 'alpha', 'beta'),
    mean: (args) => num(args, 'alpha') / (num(args, 'alpha') + num(args, 'beta')),
    prepare: (args) => {
      const alpha = num(args, 'alpha');
      const beta = num(args, 'beta');
      return (rng) => cont.betavariate(rng, alpha, beta);
    },
  },
  {
    name: 'expovariate',
    params: [{ name: 'lambd', kind: 'number', default: 1.0 }],
    returnsInt: false,
    check: (args, context) => {
      const lambd = num(args, 'lambd');
      if (lambd === 0) return { param: 'lambd', message: 'lambd must not be 0 (got 0)' };
      if (context === 'interarrival' && lambd < 0) return problem('lambd', '> 0 for an interarrival', lambd);
      return undefined;
    },
    mean: (args) => 1 / num(args, 'lambd'),
    prepare: (args) => {
      const lambd = num(args, 'lambd');
      return (rng) => cont.expovariate(rng, lambd);
    },
  },
  {
    name: 'gammavariate',
    params: [
      { name: 'alpha', kind: 'number' },
      { name: 'beta', kind: 'number' },
    ],
    returnsInt: false,
    check: (args) => gammaShapes(args, 'alpha') ?? positive(args, 'beta'),
    mean: (args) => num(args, 'alpha') * num(args, 'beta'),
    prepare: (args) => {
      const alpha = num(args, 'alpha');
      const beta = num(args, 'beta');
      return (rng) => cont.gammavariate(rng, alpha, beta);
    },
  },
  {
    name: 'gauss',
    params: [
      { name: 'mu', kind: 'number', default: 0.0 },
      { name: 'sigma', kind: 'number', default: 1.0 },
    ],
    returnsInt: false,
    check: sigmaCheck,
    mean: (args) => num(args, 'mu'),
    prepare: (args) => {
      const mu = num(args, 'mu');
      const sigma = num(args, 'sigma');
      return (rng) => rng.gauss(mu, sigma);
    },
  },
  {
    name: 'lognormvariate',
    params: [
      { name: 'mu', kind: 'number' },
      { name: 'sigma', kind: 'number' },
    ],
    returnsInt: false,
    check: sigmaCheck,
    mean: (args) => finite(Math.exp(num(args, 'mu') + num(args, 'sigma') ** 2 / 2)),
    prepare: (args) => {
      const mu = num(args, 'mu');
      const sigma = num(args, 'sigma');
      return (rng) => cont.lognormvariate(rng, mu, sigma);
    },
  },
  {
    name: 'normalvariate',
    params: [
      { name: 'mu', kind: 'number', default: 0.0 },
      { name: 'sigma', kind: 'number', default: 1.0 },
    ],
    returnsInt: false,
    check: sigmaCheck,
    mean: (args) => num(args, 'mu'),
    prepare: (args) => {
      const mu = num(args, 'mu');
      const sigma = num(args, 'sigma');
      return (rng) => cont.normalvariate(rng, mu, sigma);
    },
  },
  {
    name: 'vonmisesvariate',
    params: [
      { name: 'mu', kind: 'number' },
      { name: 'kappa', kind: 'number' },
    ],
    returnsInt: false,
    check: (args) => {
      const kappa = num(args, 'kappa');
      return kappa < 0 ? problem('kappa', '>= 0', kappa) : undefined;
    },
    // Values are angles reduced into [0, 2*pi): their plain mean has no simple closed form.
    mean: () => undefined,
    prepare: (args) => {
      const mu = num(args, 'mu');
      const kappa = num(args, 'kappa');
      return (rng) => cont.vonmisesvariate(rng, mu, kappa);
    },
  },
  {
    name: 'paretovariate',
    params: [{ name: 'alpha', kind: 'number' }],
    returnsInt: false,
    check: (args) => positive(args, 'alpha'),
    // Infinite for alpha <= 1: no useful estimate.
    mean: (args) => (num(args, 'alpha') > 1 ? num(args, 'alpha') / (num(args, 'alpha') - 1) : undefined),
    prepare: (args) => {
      const alpha = num(args, 'alpha');
      return (rng) => cont.paretovariate(rng, alpha);
    },
  },
  {
    name: 'weibullvariate',
    params: [
      { name: 'alpha', kind: 'number' },
      { name: 'beta', kind: 'number' },
    ],
    returnsInt: false,
    check: (args) => positive(args, 'alpha', 'beta'),
    mean: (args) => finite(num(args, 'alpha') * Math.exp(lgamma(1 + 1 / num(args, 'beta')))),
    prepare: (args) => {
      const alpha = num(args, 'alpha');
      const beta = num(args, 'beta');
      return (rng) => cont.weibullvariate(rng, alpha, beta);
    },
  },
  {
    name: 'binomialvariate',
    params: [
      { name: 'n', kind: 'integer', default: 1 },
      { name: 'p', kind: 'number', default: 0.5 },
    ],
    returnsInt: true,
    check: (args) => {
      const n = num(args, 'n');
      const p = num(args, 'p');
      if (n < 0) return problem('n', '>= 0', n);
      if (!(p >= 0 && p <= 1)) return problem('p', 'in the range 0.0 <= p <= 1.0', p);
      return undefined;
    },
    mean: (args) => num(args, 'n') * num(args, 'p'),
    prepare: (args) => {
      const n = num(args, 'n');
      const p = num(args, 'p');
      return (rng) => binomialvariate(rng, n, p);
    },
  },
];

function finite(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}
