#!/usr/bin/env python3
"""Writes test/golden/random-vectors.json: draws of CPython's random module for seeds and parameter sets.

Regenerate with:  python3 test/golden/make-random-vectors.py > test/golden/random-vectors.json

Standard library only; the output depends only on the seeds below (no time, no hash order). Made with
Python 3.11; any 3.x from 3.11 on gives the same file. Arguments are written by parameter name, and Python 3.12's
defaults are filled in before calling, so 3.11 (where expovariate has no default) gives the same draws.

binomialvariate does not exist in 3.11: `binomial_312` below re-states 3.12's algorithm over random() so the
file does not depend on the interpreter, and when the interpreter has binomialvariate (3.12+) every draw is
checked against it before anything is written.
"""
import json
import math
import random
import sys

SEEDS = [0, 1, 42, 1512144000, 2**32 + 5, 2**64 + 123, 2**200 + 7]
DRAWS = 250

# Python 3.12 defaults (parameter order matters: the JSON keeps it).
DEFAULTS = {
    'triangular': {'low': 0.0, 'high': 1.0, 'mode': None},
    'randrange': {'stop': None, 'step': 1},
    'expovariate': {'lambd': 1.0},
    'gauss': {'mu': 0.0, 'sigma': 1.0},
    'normalvariate': {'mu': 0.0, 'sigma': 1.0},
    'binomialvariate': {'n': 1, 'p': 0.5},
}


def binomial_312(rng, n=1, p=0.5):
    """Python 3.12's binomialvariate, restated: geometric jumps for n*p < 10, else BTRS."""
    if n < 0 or not 0.0 <= p <= 1.0:
        raise ValueError('bad binomial parameters')
    if p == 0.0:
        return 0
    if p == 1.0:
        return n
    if n == 1:
        return 1 if rng.random() < p else 0
    if p > 0.5:
        return n - binomial_312(rng, n, 1.0 - p)
    if n * p < 10.0:
        successes = position = 0
        c = math.log2(1.0 - p)
        if not c:
            return successes
        while True:
            position += math.floor(math.log2(rng.random()) / c) + 1
            if position > n:
                return successes
            successes += 1
    spq = math.sqrt(n * p * (1.0 - p))
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    vr = 0.92 - 4.2 / b
    ready = False
    while True:
        u = rng.random()
        u -= 0.5
        us = 0.5 - math.fabs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        v = rng.random()
        if us >= 0.07 and v <= vr:
            return k
        if not ready:
            alpha = (2.83 + 5.1 / b) * spq
            lpq = math.log(p / (1.0 - p))
            m = math.floor((n + 1) * p)
            h = math.lgamma(m + 1) + math.lgamma(n - m + 1)
            ready = True
        v *= alpha / (a / (us * us) + b)
        if math.log(v) <= h - math.lgamma(k + 1) - math.lgamma(n - k + 1) + (k - m) * lpq:
            return k


def call(rng, fn, args):
    """One draw of `fn` with named args, defaults filled in."""
    full = dict(DEFAULTS.get(fn, {}))
    full.update(args)
    if fn == 'binomialvariate':
        return binomial_312(rng, **full)
    if fn == 'getrandbits':  # a C method: positional only
        return rng.getrandbits(full['k'])
    return getattr(rng, fn)(**full)


def seeded(seed):
    return random.Random(seed)


CASES = [
    ('random', {}),
    ('uniform', {'a': 0, 'b': 1}),
    ('uniform', {'a': -5.5, 'b': 5.5}),
    ('uniform', {'a': 10, 'b': 2}),
    ('uniform', {'a': 1e9, 'b': 1e9 + 1}),
    ('uniform', {'a': 3, 'b': 3}),
    ('triangular', {}),
    ('triangular', {'low': 0, 'high': 10}),
    ('triangular', {'low': 0, 'high': 10, 'mode': 0}),
    ('triangular', {'low': 0, 'high': 10, 'mode': 10}),
    ('triangular', {'low': -3, 'high': 7, 'mode': 1.5}),
    ('triangular', {'low': 10, 'high': 0, 'mode': 2}),
    ('triangular', {'low': 5, 'high': 5, 'mode': 5}),
    ('triangular', {'low': 5, 'high': 5}),
    ('triangular', {'low': -0.0, 'high': -0.0, 'mode': 1}),
    ('randint', {'a': 1, 'b': 6}),
    ('randint', {'a': -10, 'b': 10}),
    ('randint', {'a': 5, 'b': 5}),
    ('randint', {'a': 0, 'b': 2**40}),
    ('randint', {'a': -2**52, 'b': 2**52 - 2}),  # 2**53 - 1 values: the most a JS number can index
    ('randint', {'a': 1, 'b': 2**32 + 1}),
    ('randrange', {'start': 10}),
    ('randrange', {'start': 1}),
    ('randrange', {'start': 0, 'stop': 100, 'step': 7}),
    ('randrange', {'start': 100, 'stop': 0, 'step': -3}),
    ('randrange', {'start': -50, 'stop': -10}),
    ('randrange', {'start': -10, 'stop': -50, 'step': -4}),
    ('randrange', {'start': 0, 'stop': 2**35, 'step': 3}),
    ('randrange', {'start': -2**50, 'stop': 2**50, 'step': 1000003}),
    ('randrange', {'start': 5, 'stop': 6}),
    ('choice', {'seq': [1, 2, 3, 4, 5]}),
    ('choice', {'seq': [0.5, -1.5, 2.25]}),
    ('choice', {'seq': [7]}),
    ('choice', {'seq': [i * i for i in range(100)]}),
    ('getrandbits', {'k': 0}),
    ('getrandbits', {'k': 1}),
    ('getrandbits', {'k': 5}),
    ('getrandbits', {'k': 31}),
    ('getrandbits', {'k': 32}),
    ('getrandbits', {'k': 33}),
    ('getrandbits', {'k': 48}),
    ('getrandbits', {'k': 53}),
    ('betavariate', {'alpha': 2, 'beta': 5}),
    ('betavariate', {'alpha': 0.5, 'beta': 0.5}),
    ('betavariate', {'alpha': 1, 'beta': 1}),
    ('betavariate', {'alpha': 0.01, 'beta': 0.02}),
    ('betavariate', {'alpha': 20, 'beta': 3}),
    ('expovariate', {}),
    ('expovariate', {'lambd': 0.5}),
    ('expovariate', {'lambd': 1 / 300}),
    ('expovariate', {'lambd': -2}),
    ('gammavariate', {'alpha': 0.5, 'beta': 1}),
    ('gammavariate', {'alpha': 0.05, 'beta': 3}),
    ('gammavariate', {'alpha': 1, 'beta': 2}),
    ('gammavariate', {'alpha': 1.0000001, 'beta': 1}),
    ('gammavariate', {'alpha': 2.5, 'beta': 1.5}),
    ('gammavariate', {'alpha': 100, 'beta': 0.1}),
    ('gauss', {}),
    ('gauss', {'mu': 10, 'sigma': 2}),
    ('gauss', {'mu': -5, 'sigma': 0}),
    ('lognormvariate', {'mu': 0, 'sigma': 1}),
    ('lognormvariate', {'mu': 1, 'sigma': 0.25}),
    ('normalvariate', {}),
    ('normalvariate', {'mu': 100, 'sigma': 15}),
    ('normalvariate', {'mu': 1, 'sigma': 0}),
    ('vonmisesvariate', {'mu': 0, 'kappa': 0}),
    ('vonmisesvariate', {'mu': 1, 'kappa': 1e-7}),
    ('vonmisesvariate', {'mu': 1, 'kappa': 2e-6}),
    ('vonmisesvariate', {'mu': 0, 'kappa': 1}),
    ('vonmisesvariate', {'mu': math.pi, 'kappa': 4}),
    ('vonmisesvariate', {'mu': -1, 'kappa': 50}),
    ('vonmisesvariate', {'mu': 10, 'kappa': 1e6}),
    ('vonmisesvariate', {'mu': 0, 'kappa': 1e9}),
    ('paretovariate', {'alpha': 1}),
    ('paretovariate', {'alpha': 2.5}),
    ('paretovariate', {'alpha': 0.1}),
    ('weibullvariate', {'alpha': 1, 'beta': 1}),
    ('weibullvariate', {'alpha': 2, 'beta': 0.5}),
    ('weibullvariate', {'alpha': 0.5, 'beta': 3}),
]

BINOMIAL_CASES = [
    {},
    {'n': 0, 'p': 0.5},
    {'n': 20, 'p': 0.0},
    {'n': 20, 'p': 1.0},
    {'n': 10, 'p': 0.3},
    {'n': 5, 'p': 0.9},
    {'n': 1, 'p': 0.25},
    {'n': 100, 'p': 0.05},
    {'n': 10**9, 'p': 1e-17},
    {'n': 10**6, 'p': 1e-6},
    {'n': 100, 'p': 0.3},
    {'n': 1000, 'p': 0.5},
    {'n': 40, 'p': 0.75},
    {'n': 10**6, 'p': 0.7},
    {'n': 2**40, 'p': 0.001},
]

# (population size, sample size): pool and set branches, and the boundaries between them.
SAMPLE_CASES = [(10, 3), (20, 20), (21, 5), (22, 5), (30, 6), (100, 50), (300, 0), (1000, 6), (1000, 10), (5000, 400)]


def setsize(k):
    """Which branch 3.11's sample() takes: pool when n <= setsize(k)."""
    size = 21
    if k > 5:
        size += 4 ** math.ceil(math.log(k * 3, 4))
    return size


def make_cases():
    out = []
    for i, (fn, args) in enumerate(CASES):
        seed = SEEDS[i % len(SEEDS)]
        rng = seeded(seed)
        values = [call(rng, fn, args) for _ in range(DRAWS)]
        out.append({'seed': str(seed), 'fn': fn, 'args': args, 'values': values, 'next': rng.random()})
    return out


def make_binomial():
    out = []
    native = getattr(random.Random, 'binomialvariate', None)
    for i, args in enumerate(BINOMIAL_CASES):
        seed = SEEDS[i % len(SEEDS)]
        rng = seeded(seed)
        values = [call(rng, 'binomialvariate', args) for _ in range(DRAWS)]
        entry = {'seed': str(seed), 'fn': 'binomialvariate', 'args': args, 'values': values, 'next': rng.random()}
        if native is not None:
            check = seeded(seed)
            full = dict(DEFAULTS['binomialvariate'], **args)
            again = [native(check, **full) for _ in range(DRAWS)]
            if again != values or check.random() != entry['next']:
                raise SystemExit(f'binomial_312 disagrees with this Python for {args}')
        out.append(entry)
    return out


def make_seeds():
    out = []
    for seed in SEEDS:
        rng = seeded(seed)
        out.append({'seed': str(seed), 'state': list(rng.getstate()[1][:8]), 'random': [rng.random() for _ in range(DRAWS)]})
    return out


def make_samples():
    out = []
    for i, (n, k) in enumerate(SAMPLE_CASES):
        seed = SEEDS[i % len(SEEDS)]
        rng = seeded(seed)
        population = [10 * j + 7 for j in range(n)]
        samples = [rng.sample(population, k) for _ in range(12)]
        branch = 'pool' if n <= setsize(k) else 'set'
        out.append({'seed': str(seed), 'n': n, 'k': k, 'branch': branch, 'samples': samples, 'next': rng.random()})
    return out


# The building blocks of an interleaved run; 'dict' is the design pattern: k = randint(1, n), keys = sample(pool, k),
# then one value draw per key.
OPS = [
    ('gauss', {'mu': 0, 'sigma': 1}),
    ('gauss', {'mu': 50, 'sigma': 5}),
    ('random', {}),
    ('randint', {'a': 1, 'b': 10}),
    ('expovariate', {'lambd': 0.5}),
    ('uniform', {'a': 0, 'b': 100}),
    ('normalvariate', {'mu': 0, 'sigma': 1}),
    ('choice', {'seq': [1, 2, 3]}),
    ('triangular', {'low': 0, 'high': 1, 'mode': 0.25}),
    ('gammavariate', {'alpha': 2, 'beta': 1}),
    ('vonmisesvariate', {'mu': 0, 'kappa': 2}),
    ('lognormvariate', {'mu': 0, 'sigma': 0.5}),
]
KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']


def make_sequences():
    out = []
    for seq_no, seed in enumerate([42, 1512144000, 2**64 + 123]):
        script = random.Random(1000 + seq_no)  # decides the ops only; never the tested generator
        rng = seeded(seed)
        ops, results = [], []
        for _ in range(400):
            roll = script.random()
            if roll < 0.15:
                pool = KEYS[: script.randint(1, len(KEYS))]
                fn, args = OPS[script.randrange(len(OPS))]
                k = rng.randint(1, len(pool))
                keys = rng.sample(pool, k)
                ops.append({'op': 'dict', 'pool': pool, 'fn': fn, 'args': args})
                results.append({'keys': keys, 'values': [call(rng, fn, args) for _ in keys]})
            elif roll < 0.17:
                new_seed = script.choice(SEEDS)
                rng.seed(new_seed)  # also forgets gauss_next
                ops.append({'op': 'seed', 'seed': str(new_seed)})
                results.append(None)
            else:
                fn, args = OPS[script.randrange(len(OPS))]
                ops.append({'op': 'draw', 'fn': fn, 'args': args})
                results.append(call(rng, fn, args))
        out.append({'seed': str(seed), 'ops': ops, 'results': results, 'next': rng.random()})
    return out


def main():
    data = {
        'seeds': make_seeds(),
        'cases': make_cases(),
        'binomial_312': make_binomial(),
        'samples': make_samples(),
        'sequences': make_sequences(),
    }
    json.dump(data, sys.stdout, separators=(',', ':'))
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
