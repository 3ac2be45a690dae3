#!/usr/bin/env python3
"""The baseline: Python's clusterman generate-data loop for N series of uniform(a, b) values at a fixed
frequency, in plain Python (standard library only), writing the same bytes as `clusterman generate-data`
(plain format) at the same gzip level. Draw order as clusterman: series in order, one generator, one value
draw per point.

    python3 bench/clusterman_loop.py OUT SEED SERIES START END FREQ A B LEVEL
"""
import gzip
import json
import random
import sys


def main() -> None:
    out, seed, series, start, end, freq, a, b, level = sys.argv[1:10]
    seed, series, start, end, freq, level = int(seed), int(series), int(start), int(end), int(freq), int(level)
    a, b = float(a), float(b)
    rng = random.Random(seed)
    uniform = rng.uniform
    metrics = {}
    for i in range(series):
        metrics[f'cpus_allocated|cluster=bench,pool=p{i:02d}.mesos'] = [[t, uniform(a, b)] for t in range(start, end, freq)]
    with gzip.open(out, 'wb', compresslevel=level) as f:
        f.write(json.dumps({'system_metrics': metrics}, separators=(',', ':')).encode())


if __name__ == '__main__':
    main()
