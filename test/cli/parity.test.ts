/**
 * Same design, same seed, same data as Python's clusterman: test/golden/parity-*.json were written by a plain
 * Python implementation of clusterman's loop (test/golden/make-design-golden.py) with CPython's `random`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const GOLDEN = join(ROOT, 'test/golden');
/** Series whose draws use log/exp/sin/cos/pow: equal within 1e-12 relative (libm may differ in the last bit). */
const TRANSCENDENTAL = /gauss|beta|gamma|lognorm|normal|vonmises|pareto|weibull|expovariate_values|many_keys/;

type Doc = Record<string, Record<string, Array<[number, number | Record<string, number>]>>>;

function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

describe.each(['0', '20171201'])('seed %s', (seed) => {
  const out = tmp.file(`parity-${seed}.json.gz`);
  let ours: string;
  let python: string;
  beforeAll(() => {
    const res = cli([
      'generate-data',
      '-i',
      join(GOLDEN, 'parity-design.json'),
      '-o',
      out,
      '--seed',
      seed,
      '-q',
    ]);
    expect(res.stderr).toBe('');
    ours = gunzipSync(readFileSync(out)).toString('utf8');
    python = readFileSync(join(GOLDEN, `parity-${seed}.json`), 'utf8');
  });

  it('has the same metric types, series, timestamps and dict keys in the same order', () => {
    const a = JSON.parse(ours) as Doc;
    const b = JSON.parse(python) as Doc;
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const type of Object.keys(b)) {
      expect(Object.keys(a[type] ?? {})).toEqual(Object.keys(b[type] ?? {}));
      for (const [key, points] of Object.entries(b[type] ?? {})) {
        const mine = a[type]?.[key] ?? [];
        expect(mine.map((p) => p[0])).toEqual(points.map((p) => p[0]));
        mine.forEach(([, v], i) => {
          const w = (points[i] as [number, number | Record<string, number>])[1];
          if (typeof w === 'number') {
            if (!close(v as number, w)) throw new Error(`${key} point ${i}: ${String(v)} != ${w}`);
          } else {
            expect(Object.keys(v)).toEqual(Object.keys(w));
            for (const k of Object.keys(w))
              if (!close((v as Record<string, number>)[k] as number, w[k] as number))
                throw new Error(`${key} point ${i} ${k}`);
          }
        });
      }
    }
  });

  it('writes byte-identical text for every arithmetic-only series', () => {
    const a = JSON.parse(ours) as Doc;
    const b = JSON.parse(python) as Doc;
    for (const type of Object.keys(b)) {
      for (const key of Object.keys(b[type] ?? {})) {
        if (TRANSCENDENTAL.test(key)) continue;
        const pick = (text: string) => {
          // the series' own text, cut from the document
          const start = text.indexOf(`${JSON.stringify(key)}:[`);
          return text.slice(start, text.indexOf(']]', start) + 2);
        };
        expect(pick(ours)).toBe(pick(python));
        expect(a[type]?.[key]).toBeDefined();
      }
    }
  });
});
