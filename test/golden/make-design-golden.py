#!/usr/bin/env python3
"""The clusterman generate-data loop in plain Python (standard library only), for parity tests: reads a design
written as JSON (which is also YAML), draws with Python's `random` exactly as clusterman did, and prints the
plain-format JSON our CLI must write byte for byte.

Regenerate with:
    python3 test/golden/make-design-golden.py test/golden/parity-design.json 20171201 > test/golden/parity-20171201.json

Only what the golden designs use: absolute times ending in Z, fixed frequencies ('<n>s' or '<n>m'),
{distribution, params} gaps and values, constants, dict_keys.
"""
import datetime
import json
import random
import sys


def epoch(text):
    return int(datetime.datetime.fromisoformat(text.replace('Z', '+00:00')).timestamp())


def drawer(rng, block):
    if isinstance(block, dict):
        fn = getattr(rng, block['distribution'])
        params = block.get('params') or {}
        if block['distribution'] == 'getrandbits':  # positional-only in CPython
            return lambda: fn(*params.values())
        return lambda: fn(**params)
    return lambda: block


def gapper(rng, frequency):
    if isinstance(frequency, dict):
        draw = drawer(rng, frequency)
        # clusterman: current + int(draw) + 1 seconds (with a floor of 1 s, which these designs never reach)
        return lambda: max(1, int(draw()) + 1)
    seconds = int(frequency[:-1]) * {'s': 1, 'm': 60}[frequency[-1]]
    return lambda: seconds


def main():
    design = json.load(open(sys.argv[1]))
    rng = random.Random(int(sys.argv[2]))
    out = {}
    for metric_type, metrics in design.items():
        out[metric_type] = {}
        for key, spec in metrics.items():
            value, gap = drawer(rng, spec['values']), gapper(rng, spec['frequency'])
            keys = spec.get('dict_keys')
            t, end, points = epoch(spec['start_time']), epoch(spec['end_time']), []
            while t < end:
                if keys:
                    chosen = rng.sample(keys, rng.randint(1, len(keys)))
                    points.append([t, {k: value() for k in chosen}])
                else:
                    points.append([t, value()])
                t += gap()
            out[metric_type][key] = points
    sys.stdout.write(json.dumps(out, separators=(',', ':')))


if __name__ == '__main__':
    main()
