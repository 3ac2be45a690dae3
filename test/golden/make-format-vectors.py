#!/usr/bin/env python3
"""Writes test/golden/format-vectors.json: floats and how Python's json module writes them.

Regenerate with:  python3 test/golden/make-format-vectors.py > test/golden/format-vectors.json
"""
import json
import random
import struct
import sys

values = [0.0, -0.0, 1.0, 2.0, -3.0, 0.1, 0.5, 1.5, 1e-4, 9.999e-5, 1e-5, 1.234e-7, 5e-324, 1e15, 1e16, 1.5e16,
          123456789012345.6, 9007199254740993.0, 1.7976931348623157e308, 2.2250738585072014e-308, 0.3333333333333333,
          1e21, 1e22, 12345678901234567890.0, -1e-7, 100.0, 1e100]
rng = random.Random(7)
for _ in range(400):
    # random bit patterns over the whole double range, skipping NaN and infinities
    bits = rng.getrandbits(64)
    x = struct.unpack('<d', struct.pack('<Q', bits))[0]
    if x == x and abs(x) != float('inf'):
        values.append(x)
for _ in range(200):
    values.append(rng.uniform(0, 1) * 10 ** rng.randint(-8, 18))

# Each pair: the float as an exact hex string (so JSON parsing cannot blur it) and Python's text for it.
json.dump([[x.hex(), json.dumps(x)] for x in values], sys.stdout, indent=0)
sys.stdout.write('\n')
