import {
  bindDistribution,
  DISTRIBUTION_NAMES,
  DistributionError,
  type DrawContext,
  findDistribution,
  nearestDistributionName,
} from '../../src/random/distributions';
import { Rng } from '../../src/random/rng';

/** The DistributionError that binding throws, as [param, message]. */
function failure(
  name: string,
  params: unknown,
  context: DrawContext = 'values',
): [string | undefined, string] {
  try {
    bindDistribution(name, params, context);
  } catch (err) {
    if (err instanceof DistributionError) return [err.param, err.message];
    throw err;
  }
  throw new Error(`${name} ${JSON.stringify(params)} was accepted`);
}

describe('the registry', () => {
  it('lists every drawing function of the random module, in order', () => {
    expect(DISTRIBUTION_NAMES).toEqual([
      'random',
      'uniform',
      'triangular',
      'randint',
      'randrange',
      'choice',
      'getrandbits',
      'betavariate',
      'expovariate',
      'gammavariate',
      'gauss',
      'lognormvariate',
      'normalvariate',
      'vonmisesvariate',
      'paretovariate',
      'weibullvariate',
      'binomialvariate',
    ]);
  });

  it("has Python 3.12's parameter names, order and defaults", () => {
    const sig = (name: string): string =>
      (findDistribution(name)?.params ?? [])
        .map((p) =>
          p.default === undefined ? p.name : `${p.name}=${p.default === null ? 'None' : p.default}`,
        )
        .join(', ');
    expect(sig('triangular')).toBe('low=0, high=1, mode=None');
    expect(sig('randrange')).toBe('start, stop=None, step=1');
    expect(sig('expovariate')).toBe('lambd=1');
    expect(sig('gauss')).toBe('mu=0, sigma=1');
    expect(sig('normalvariate')).toBe('mu=0, sigma=1');
    expect(sig('gammavariate')).toBe('alpha, beta');
    expect(sig('vonmisesvariate')).toBe('mu, kappa');
    expect(sig('binomialvariate')).toBe('n=1, p=0.5');
    expect(findDistribution('choice')?.params).toEqual([{ name: 'seq', kind: 'number-list' }]);
    expect(findDistribution('randint')?.params.map((p) => p.kind)).toEqual(['integer', 'integer']);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'is not fooled by %s',
    (name) => {
      expect(findDistribution(name)).toBeUndefined();
      expect(failure(name, {})).toEqual([
        undefined,
        expect.stringContaining(`unknown distribution '${name}'`),
      ]);
    },
  );

  it('suggests the nearest name', () => {
    expect(nearestDistributionName('expovariat')).toBe('expovariate');
    expect(nearestDistributionName('gaus')).toBe('gauss');
    expect(nearestDistributionName('Uniform')).toBe('uniform');
    expect(nearestDistributionName('zzzzzzzzzz')).toBeUndefined();
    expect(failure('gaus', {})).toEqual([undefined, "unknown distribution 'gaus' (did you mean 'gauss'?)"]);
    expect(failure('poisson', {})).toEqual([undefined, "unknown distribution 'poisson'"]);
  });
});

describe('binding', () => {
  it('fills in defaults, from a mapping, positional values or nothing', () => {
    expect(bindDistribution('triangular', undefined, 'values').args).toEqual({ low: 0, high: 1, mode: null });
    expect(bindDistribution('triangular', null, 'values').args).toEqual({ low: 0, high: 1, mode: null });
    expect(bindDistribution('triangular', { high: 5 }, 'values').args).toEqual({
      low: 0,
      high: 5,
      mode: null,
    });
    expect(bindDistribution('triangular', { mode: null }, 'values').args).toEqual({
      low: 0,
      high: 1,
      mode: null,
    });
    expect(bindDistribution('gauss', [5], 'values').args).toEqual({ mu: 5, sigma: 1 });
    expect(bindDistribution('randrange', [10], 'values').args).toEqual({ start: 10, stop: null, step: 1 });
    expect(bindDistribution('uniform', [1, 2], 'values').args).toEqual({ a: 1, b: 2 });
  });

  it('draws the same as the registry entry', () => {
    const bound = bindDistribution('gammavariate', { alpha: 2, beta: 3 }, 'values');
    const a = Rng.fromSeed(4n);
    const b = Rng.fromSeed(4n);
    const dist = findDistribution('gammavariate');
    expect([bound.draw(a), bound.draw(a)]).toEqual([dist?.draw(b, bound.args), dist?.draw(b, bound.args)]);
  });

  it('says which draws are ints', () => {
    const isInt = (name: string, params: unknown): boolean =>
      bindDistribution(name, params, 'values').returnsInt;
    expect(isInt('randint', { a: 1, b: 2 })).toBe(true);
    expect(isInt('randrange', { start: 5 })).toBe(true);
    expect(isInt('getrandbits', { k: 8 })).toBe(true);
    expect(isInt('binomialvariate', {})).toBe(true);
    expect(isInt('choice', { seq: [1, 2, 3] })).toBe(true);
    expect(isInt('choice', { seq: [1, 2.5] })).toBe(false);
    expect(isInt('uniform', { a: 1, b: 2 })).toBe(false);
    expect(isInt('gauss', {})).toBe(false);
  });

  it('gives closed-form means where they exist', () => {
    const mean = (name: string, params: unknown): number | undefined =>
      bindDistribution(name, params, 'values').mean;
    expect(mean('random', {})).toBe(0.5);
    expect(mean('uniform', { a: 2, b: 4 })).toBe(3);
    expect(mean('triangular', { low: 0, high: 3, mode: 3 })).toBe(2);
    expect(mean('triangular', {})).toBe(0.5);
    expect(mean('randint', { a: 1, b: 6 })).toBe(3.5);
    expect(mean('randrange', { start: 10 })).toBe(4.5);
    expect(mean('randrange', { start: 0, stop: 10, step: 3 })).toBe(4.5); // 0, 3, 6, 9
    expect(mean('choice', { seq: [1, 2, 6] })).toBe(3);
    expect(mean('getrandbits', { k: 3 })).toBe(3.5);
    expect(mean('expovariate', { lambd: 0.25 })).toBe(4);
    expect(mean('gammavariate', { alpha: 2, beta: 3 })).toBe(6);
    expect(mean('betavariate', { alpha: 1, beta: 3 })).toBe(0.25);
    expect(mean('gauss', { mu: 7 })).toBe(7);
    expect(mean('normalvariate', { mu: -7, sigma: 2 })).toBe(-7);
    expect(mean('lognormvariate', { mu: 0, sigma: 1 })).toBeCloseTo(Math.exp(0.5), 14);
    expect(mean('paretovariate', { alpha: 3 })).toBe(1.5);
    expect(mean('paretovariate', { alpha: 1 })).toBeUndefined();
    expect(mean('weibullvariate', { alpha: 2, beta: 1 })).toBeCloseTo(2, 13);
    expect(mean('weibullvariate', { alpha: 1, beta: 2 })).toBeCloseTo(Math.sqrt(Math.PI) / 2, 13);
    expect(mean('vonmisesvariate', { mu: 1, kappa: 1 })).toBeUndefined();
    expect(mean('binomialvariate', { n: 10, p: 0.3 })).toBeCloseTo(3, 14);
  });

  it('treats __proto__ and constructor as unknown parameter names', () => {
    // JSON.parse (like a YAML loader) makes __proto__ an own key rather than setting the prototype.
    expect(failure('expovariate', JSON.parse('{"__proto__": 1}'))).toEqual([
      '__proto__',
      "unknown parameter '__proto__' for expovariate(lambd=1.0)",
    ]);
    expect(failure('expovariate', { constructor: 1 })).toEqual([
      'constructor',
      "unknown parameter 'constructor' for expovariate(lambd=1.0)",
    ]);
    expect(failure('uniform', { a: 1, toString: 2 })[0]).toBe('toString');
    // Inherited keys are not parameters.
    const inherited = Object.create({ lambd: 5 }) as object;
    expect(bindDistribution('expovariate', inherited, 'values').args).toEqual({ lambd: 1 });
  });
});

describe('binding errors', () => {
  const cases: [string, string, unknown, string | undefined, string][] = [
    // shape of the block
    ['missing', 'uniform', { a: 1 }, 'b', "missing parameter 'b' for uniform(a, b)"],
    [
      'missing positional',
      'gammavariate',
      [1],
      'beta',
      "missing parameter 'beta' for gammavariate(alpha, beta)",
    ],
    [
      'unknown key',
      'expovariate',
      { lamda: 2 },
      'lamda',
      "unknown parameter 'lamda' for expovariate(lambd=1.0) (did you mean 'lambd'?)",
    ],
    [
      'unrelated key',
      'gauss',
      { mu: 1, xyzzy: 2 },
      'xyzzy',
      "unknown parameter 'xyzzy' for gauss(mu=0.0, sigma=1.0)",
    ],
    [
      'too many positional',
      'uniform',
      [1, 2, 3],
      undefined,
      'uniform(a, b) takes at most 2 arguments (got 3)',
    ],
    ['positional for none', 'random', [1], undefined, 'random() takes at most 0 arguments (got 1)'],
    [
      'not a mapping',
      'gauss',
      'mu=1',
      undefined,
      "params must be a mapping of parameter names to values (got 'mu=1')",
    ],
    [
      'number as params',
      'gauss',
      5,
      undefined,
      'params must be a mapping of parameter names to values (got 5)',
    ],
    // types
    ['string', 'uniform', { a: '1', b: 2 }, 'a', "a must be a number (got '1')"],
    ['boolean', 'gauss', { mu: true }, 'mu', 'mu must be a number (got true)'],
    ['null for a required number', 'uniform', { a: null, b: 2 }, 'a', 'a must be a number (got null)'],
    [
      'null for a non-None default',
      'expovariate',
      { lambd: null },
      'lambd',
      'lambd must be a number (got null)',
    ],
    ['mapping', 'gauss', { mu: { x: 1 } }, 'mu', 'mu must be a number (got a mapping)'],
    ['list for a number', 'gauss', { sigma: [1] }, 'sigma', 'sigma must be a number (got a list)'],
    ['NaN', 'uniform', { a: NaN, b: 1 }, 'a', 'a must be a finite number (got NaN)'],
    ['Infinity', 'triangular', { high: Infinity }, 'high', 'high must be a finite number (got Infinity)'],
    ['non-integer randint', 'randint', { a: 1.5, b: 3 }, 'a', 'a must be an integer (got 1.5)'],
    ['string for an integer', 'getrandbits', { k: '8' }, 'k', "k must be an integer (got '8')"],
    [
      'unsafe integer',
      'randint',
      { a: 0, b: 2 ** 60 },
      'b',
      'b must be between -(2**53 - 1) and 2**53 - 1 (got 1152921504606846976)',
    ],
    [
      'non-integer randrange',
      'randrange',
      { start: 0, stop: 10, step: 0.5 },
      'step',
      'step must be an integer (got 0.5)',
    ],
    ['non-integer binomial n', 'binomialvariate', { n: 2.5 }, 'n', 'n must be an integer (got 2.5)'],
    ['choice of a number', 'choice', { seq: 5 }, 'seq', 'seq must be a list of numbers (got 5)'],
    ['choice of a string', 'choice', { seq: 'abc' }, 'seq', "seq must be a list of numbers (got 'abc')"],
    [
      'choice with a string',
      'choice',
      { seq: [1, 'x'] },
      'seq',
      "seq must be a list of finite numbers (got 'x' in it)",
    ],
    ['choice positional number', 'choice', [5], 'seq', 'seq must be a list of numbers (got 5)'],
    // domains
    ['expovariate lambd 0', 'expovariate', { lambd: 0 }, 'lambd', 'lambd must not be 0 (got 0)'],
    ['gauss sigma < 0', 'gauss', { sigma: -1 }, 'sigma', 'sigma must be >= 0 (got -1)'],
    ['normalvariate sigma < 0', 'normalvariate', [0, -0.5], 'sigma', 'sigma must be >= 0 (got -0.5)'],
    [
      'lognormvariate sigma < 0',
      'lognormvariate',
      { mu: 0, sigma: -2 },
      'sigma',
      'sigma must be >= 0 (got -2)',
    ],
    ['gammavariate alpha 0', 'gammavariate', { alpha: 0, beta: 1 }, 'alpha', 'alpha must be > 0 (got 0)'],
    ['gammavariate beta < 0', 'gammavariate', { alpha: 1, beta: -1 }, 'beta', 'beta must be > 0 (got -1)'],
    [
      'gammavariate alpha huge',
      'gammavariate',
      { alpha: 1e308, beta: 1 },
      'alpha',
      'alpha must be at most 8.98e307 (got 1e+308)',
    ],
    ['betavariate alpha < 0', 'betavariate', { alpha: -1, beta: 1 }, 'alpha', 'alpha must be > 0 (got -1)'],
    ['betavariate beta 0', 'betavariate', { alpha: 1, beta: 0 }, 'beta', 'beta must be > 0 (got 0)'],
    ['paretovariate alpha 0', 'paretovariate', { alpha: 0 }, 'alpha', 'alpha must be > 0 (got 0)'],
    ['weibullvariate alpha 0', 'weibullvariate', { alpha: 0, beta: 1 }, 'alpha', 'alpha must be > 0 (got 0)'],
    [
      'weibullvariate beta < 0',
      'weibullvariate',
      { alpha: 1, beta: -3 },
      'beta',
      'beta must be > 0 (got -3)',
    ],
    [
      'vonmises kappa < 0',
      'vonmisesvariate',
      { mu: 0, kappa: -0.1 },
      'kappa',
      'kappa must be >= 0 (got -0.1)',
    ],
    ['randint a > b', 'randint', { a: 5, b: 3 }, 'b', 'empty range: b must be >= a (got a=5, b=3)'],
    [
      'randint too wide',
      'randint',
      { a: -(2 ** 52), b: 2 ** 52 },
      'b',
      'range too large: b - a + 1 must be at most 2**53 - 1 (got a=-4503599627370496, b=4503599627370496)',
    ],
    ['randrange(0)', 'randrange', { start: 0 }, 'start', 'start must be > 0 when stop is not given (got 0)'],
    ['randrange(-3)', 'randrange', [-3], 'start', 'start must be > 0 when stop is not given (got -3)'],
    [
      'randrange empty',
      'randrange',
      { start: 5, stop: 5 },
      'stop',
      'empty range: range(5, 5, 1) has no values',
    ],
    [
      'randrange wrong way',
      'randrange',
      { start: 0, stop: 10, step: -1 },
      'stop',
      'empty range: range(0, 10, -1) has no values',
    ],
    [
      'randrange step 0',
      'randrange',
      { start: 0, stop: 10, step: 0 },
      'step',
      'step must be non-zero (got 0)',
    ],
    [
      'randrange step without stop',
      'randrange',
      { start: 10, step: 2 },
      'stop',
      'stop is required when step is given (got step=2)',
    ],
    [
      'randrange too wide',
      'randrange',
      { start: -(2 ** 53 - 1), stop: 2 ** 53 - 1 },
      'stop',
      'range too large: range(-9007199254740991, 9007199254740991, 1) has more than 2**53 - 1 values',
    ],
    ['choice empty', 'choice', { seq: [] }, 'seq', 'seq must not be empty'],
    ['getrandbits k < 0', 'getrandbits', { k: -1 }, 'k', 'k must be >= 0 (got -1)'],
    [
      'getrandbits k > 53',
      'getrandbits',
      { k: 64 },
      'k',
      'k must be at most 53, the bits a number holds exactly (got 64)',
    ],
    ['binomial n < 0', 'binomialvariate', { n: -1 }, 'n', 'n must be >= 0 (got -1)'],
    [
      'binomial p > 1',
      'binomialvariate',
      { n: 5, p: 1.5 },
      'p',
      'p must be in the range 0.0 <= p <= 1.0 (got 1.5)',
    ],
    [
      'binomial p < 0',
      'binomialvariate',
      { p: -0.1 },
      'p',
      'p must be in the range 0.0 <= p <= 1.0 (got -0.1)',
    ],
  ];

  it.each(cases)('%s', (_, name, params, param, message) => {
    expect(failure(name, params)).toEqual([param, message]);
  });

  it('DistributionError is an Error with its own name', () => {
    const err = new DistributionError('x', 'p');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('DistributionError');
    expect(err.param).toBe('p');
    expect(new DistributionError('x').param).toBeUndefined();
  });
});

describe('interarrival context', () => {
  it('refuses a negative expovariate rate only for interarrivals', () => {
    expect(failure('expovariate', { lambd: -2 }, 'interarrival')).toEqual([
      'lambd',
      'lambd must be > 0 for an interarrival (got -2)',
    ]);
    expect(failure('expovariate', { lambd: 0 }, 'interarrival')).toEqual([
      'lambd',
      'lambd must not be 0 (got 0)',
    ]);
    expect(bindDistribution('expovariate', { lambd: -2 }, 'values').mean).toBe(-0.5);
  });

  it('allows everything else, even draws that can be negative', () => {
    expect(bindDistribution('gauss', { mu: -10 }, 'interarrival').name).toBe('gauss');
    expect(bindDistribution('uniform', { a: -5, b: -1 }, 'interarrival').name).toBe('uniform');
    expect(bindDistribution('expovariate', {}, 'interarrival').mean).toBe(1);
  });

  it('accepts degenerate but valid values', () => {
    const rng = Rng.fromSeed(1n);
    expect(bindDistribution('triangular', { low: 3, high: 3, mode: 3 }, 'values').draw(rng)).toBe(3);
    expect(bindDistribution('getrandbits', { k: 0 }, 'values').draw(rng)).toBe(0);
    expect(bindDistribution('randint', { a: 4, b: 4 }, 'values').draw(rng)).toBe(4);
    expect(bindDistribution('gauss', { mu: 2, sigma: 0 }, 'values').draw(rng)).toBe(2);
    expect(bindDistribution('vonmisesvariate', { mu: 0, kappa: 0 }, 'values').draw(rng)).toBeLessThan(
      2 * Math.PI,
    );
  });
});
