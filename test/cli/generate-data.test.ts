import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadDesign } from '../../src/design/load';
import { generateData } from '../../src/generate/run';
import { JOB_BYTES } from '../../src/metrics/encode/job';
import { readMetricsFile } from '../../src/metrics/read';
import type { Point } from '../../src/metrics/model';
import { cli } from '../support/cli';
import { itestLikeData, writeJsonpickle } from '../support/clusterman-files';
import { CLUSTERMAN_FIXTURES, ROOT } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const EXAMPLE = join(ROOT, 'designs/example.yaml');
const CPUS = 'cpus_allocated|cluster=norcal-prod,pool=seagull.mesos';
const MEM = 'mem_allocated|cluster=norcal-prod,pool=seagull.mesos';

function design(name: string, text: string): string {
  const path = tmp.file(name);
  writeFileSync(path, text);
  return path;
}

describe('generate-data, the demo design', () => {
  const out = tmp.file('example.json.gz');
  let res: ReturnType<typeof cli>;
  beforeAll(() => {
    res = cli(['generate-data', '-i', EXAMPLE, '-o', out, '--seed', '42']);
  });

  it('prints the seed first, then a table per series, and exits 0', () => {
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Random seed: 42');
    expect(lines[1]).toMatch(/^metric_type\s+key\s+points\s+first\s+last\s+min\s+mean\s+max$/);
    expect(res.stdout).toMatch(
      new RegExp(
        `system_metrics\\s+${CPUS.replace(/[|.]/g, '\\$&')}\\s+60\\s+2017-12-01T08:00:00Z\\s+2017-12-01T08:59:00Z`,
      ),
    );
    expect(res.stdout).toMatch(/Wrote \d+ points in 7 series to .*example\.json\.gz \(json\)\./);
  });

  it('writes every series of the design, with the documented shapes', async () => {
    const { format, data } = await readMetricsFile(out);
    expect(format).toBe('json');
    expect(data.metricTypes()).toEqual(['metadata', 'app_metrics', 'system_metrics']);
    const cpus = data.get('system_metrics', CPUS) as Point[];
    expect(cpus).toHaveLength(60);
    expect(cpus[0]?.t).toBe(1512115200); // 08:00Z honoured as UTC, never Pacific
    expect(
      cpus.every((p) => Number.isInteger(p.value) && (p.value as number) >= 20 && (p.value as number) <= 80),
    ).toBe(true);
    const mem = data.get('system_metrics', MEM) as Point[];
    expect(mem.map((p) => p.t)).toEqual(cpus.map((p) => p.t));
    expect(mem.map((p) => p.value)).toEqual(cpus.map((p) => 1.5 * (p.value as number) + 10));
    const runs = data.get('app_metrics', 'seagull,seagull_runs') as Point[];
    expect(runs.every((p) => p.value === 1)).toBe(true);
    const capacity = data.get(
      'metadata',
      'fulfilled_capacity|cluster=norcal-prod,pool=seagull.mesos',
    ) as Point[];
    for (const p of capacity) {
      const dict = p.value as Map<string, number>;
      expect(dict.size).toBeGreaterThanOrEqual(1);
      for (const [k, v] of dict) {
        expect(k).toMatch(/^<c3\.8xlarge, us-west-2[abc]>$/);
        expect(v).toBeGreaterThanOrEqual(10);
        expect(v).toBeLessThanOrEqual(50);
      }
    }
    // random gaps: strictly increasing, whole seconds, inside [start, end)
    const prices = data.get(
      'metadata',
      'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge',
    ) as Point[];
    expect(prices[0]?.t).toBe(1512115200);
    expect(
      prices.every(
        (p, i) => Number.isInteger(p.t) && p.t < 1512118800 && (i === 0 || p.t > (prices[i - 1] as Point).t),
      ),
    ).toBe(true);
  });

  it('the same seed gives the same bytes; the printed seed reproduces an unseeded run', () => {
    const again = tmp.file('again.json.gz');
    expect(cli(['generate-data', '-i', EXAMPLE, '-o', again, '--seed', '42']).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);

    const unseeded = tmp.file('unseeded.json.gz');
    const first = cli(['generate-data', '-i', EXAMPLE, '-o', unseeded]);
    const seed = /^Random seed: (\d+)$/m.exec(first.stdout)?.[1] as string;
    expect(Math.abs(Number(seed) - Date.now() / 1000)).toBeLessThan(120);
    const replay = tmp.file('replay.json.gz');
    expect(cli(['generate-data', '-i', EXAMPLE, '-o', replay, '--seed', seed]).status).toBe(0);
    expect(readFileSync(replay).equals(readFileSync(unseeded))).toBe(true);
  });

  it('--json prints one machine-readable object and nothing else', () => {
    const res2 = cli([
      'generate-data',
      '-i',
      EXAMPLE,
      '-o',
      tmp.file('json.json.gz'),
      '--seed',
      '42',
      '--json',
    ]);
    expect(res2.status).toBe(0);
    const doc = JSON.parse(res2.stdout) as {
      seed: number;
      format: string;
      series: Array<{ key: string; points: number; first: string }>;
    };
    expect(doc.seed).toBe(42);
    expect(doc.format).toBe('json');
    expect(doc.series.find((s) => s.key === CPUS)).toMatchObject({
      points: 60,
      first: '2017-12-01T08:00:00Z',
    });
  });

  it('--quiet prints nothing', () => {
    const res2 = cli([
      'generate-data',
      '-i',
      EXAMPLE,
      '-o',
      tmp.file('quiet.json.gz'),
      '--seed',
      '42',
      '--quiet',
    ]);
    expect(res2).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it('a big seed and seed 0 work', () => {
    expect(
      cli([
        'generate-data',
        '-i',
        EXAMPLE,
        '-o',
        tmp.file('big.json.gz'),
        '--seed',
        '123456789012345678901234567890',
        '-q',
      ]).status,
    ).toBe(0);
    expect(
      cli(['generate-data', '-i', EXAMPLE, '-o', tmp.file('zero.json.gz'), '--seed', '0', '-q']).status,
    ).toBe(0);
  });
});

describe('merging into an existing file', () => {
  const base = design(
    'base.yaml',
    `system_metrics:
  a: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 1}
  b: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:05:00Z', frequency: 1m, values: 2}
`,
  );
  const update = design(
    'update.yaml',
    `system_metrics:
  b: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:03:00Z', frequency: 1m, values: 20}
metadata:
  c: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:02:00Z', frequency: 1m, values: 0.5}
`,
  );

  function fresh(name: string): string {
    const out = tmp.file(name);
    expect(cli(['generate-data', '-i', base, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    return out;
  }

  it('without a terminal and without --yes: exit 1 naming the series, file untouched', () => {
    const out = fresh('merge-refused.json.gz');
    const before = readFileSync(out);
    const res = cli(['generate-data', '-i', update, '-o', out, '--seed', '1']);
    expect(res.status).toBe(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(
      /already holds 'b' \(system_metrics\): pass --yes to replace it \(file left unchanged\)/,
    );
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('with --yes: replaces the series, keeps the others, adds new ones', async () => {
    const out = fresh('merge-yes.json.gz');
    const res = cli(['generate-data', '-i', update, '-o', out, '--seed', '1', '--yes']);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/replaced 1, kept 1 existing/);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'a')).toHaveLength(5);
    expect(data.get('system_metrics', 'b')?.map((p) => p.value)).toEqual([20, 20, 20]);
    expect(data.get('metadata', 'c')?.map((p) => p.value)).toEqual([0.5, 0.5]);
    expect(gunzipSync(readFileSync(out)).toString()).toContain('"c":[[1512086400,0.5],[1512086460,0.5]]');
  });

  it('the same key under another metric type is a new series: no question, both kept', async () => {
    const out = fresh('merge-other-type.json.gz');
    const other = design(
      'other-type.yaml',
      `metadata:
  b: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T00:02:00Z', frequency: 1m, values: 7}
`,
    );
    // No terminal and no --yes: a replacement would be refused, so success means nothing was replaced.
    const res = cli(['generate-data', '-i', other, '-o', out, '--seed', '1']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/\(json, kept 2 existing\)\./);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'b')?.map((p) => p.value)).toEqual([2, 2, 2, 2, 2]);
    expect(data.get('metadata', 'b')?.map((p) => p.value)).toEqual([7, 7]);
  });

  it('keeps the existing format (jsonpickle) unless --format says otherwise', async () => {
    const out = tmp.file('pickle.json.gz');
    expect(cli(['generate-data', '-i', base, '-o', out, '--format', 'jsonpickle', '-q']).status).toBe(0);
    expect(cli(['generate-data', '-i', update, '-o', out, '-y', '-q']).status).toBe(0);
    expect((await readMetricsFile(out)).format).toBe('jsonpickle');
  });

  it("merges into a jsonpickle file shaped like clusterman's acceptance-test metrics", async () => {
    const out = await writeJsonpickle(tmp.file('itest-like.json.gz'), itestLikeData(1512144000));
    const before = await readMetricsFile(out);
    expect(cli(['generate-data', '-i', update, '-o', out, '-q']).status).toBe(0);
    const { format, data } = await readMetricsFile(out);
    expect(format).toBe('jsonpickle');
    for (const s of before.data.series()) expect(data.get(s.type, s.key)).toEqual(s.points);
    expect(data.get('system_metrics', 'b')).toHaveLength(3);
    expect(data.get('metadata', 'c')).toHaveLength(2);
  });

  describeWithShared("clusterman's own jsonpickle file (interop with the real file)", () => {
    it('merges into itest-metrics.json.gz', async () => {
      const out = tmp.file('itest.json.gz');
      writeFileSync(out, readFileSync(join(CLUSTERMAN_FIXTURES, 'itest-metrics.json.gz')));
      expect(cli(['generate-data', '-i', update, '-o', out, '-q']).status).toBe(0);
      const { format, data } = await readMetricsFile(out);
      expect(format).toBe('jsonpickle');
      expect(data.get('metadata', 'fulfilled_capacity|cluster=local-dev,pool=default.mesos')).toHaveLength(
        60,
      );
      expect(data.get('metadata', 'c')).toHaveLength(2);
    });
  });

  it('an existing file that is not a metrics file is an error, not empty', () => {
    const out = tmp.file('foreign.json.gz');
    writeFileSync(out, 'not a metrics file at all');
    const res = cli(['generate-data', '-i', update, '-o', out, '--yes']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Error: .*foreign\.json\.gz: not a metrics file/);
    expect(readFileSync(out, 'utf8')).toBe('not a metrics file at all');
  });
});

describe('the CLI itself', () => {
  it('--help lists every flag of generate-data with its default', () => {
    const res = cli(['generate-data', '--help']);
    expect(res.status).toBe(0);
    for (const flag of [
      '--input',
      '--output',
      '--seed',
      '--yes',
      '--format',
      '--tz',
      '--now',
      '--metric-type',
      '--max-points',
      '--history',
      '--json',
      '--quiet',
    ]) {
      expect(res.stdout).toContain(flag);
    }
    expect(res.stdout).toMatch(/--output=<value>\s+\[default: metrics\.json\.gz\]/);
    expect(res.stdout).toMatch(/\[default: 100000000\]/);
    expect(res.stdout).toMatch(/\[default: UTC\]/);
  });

  it('clusterman --help lists generate-data', () => {
    const res = cli(['--help']);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('generate-data');
  });

  it.each(['json', 'jsonpickle'])(
    '%s: a file written by the CLI (compression threads) has exactly the text of one written in-process without threads',
    async (format) => {
      // Several 1 MiB members: ints, floats and dict points, so every lane and value writer is used.
      const many = design(
        `threads-${format}.yaml`,
        `system_metrics:
  f: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-02T00:00:00Z', frequency: 1s,
      values: {distribution: gauss, params: {mu: 0, sigma: 1e6}}}
  i: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-02T00:00:00Z', frequency: 1s,
      values: {distribution: randint, params: {a: -1000000, b: 1000000}}}
metadata:
  d: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T06:00:00Z', frequency: 1s,
      dict_keys: [x, y, z], values: {distribution: random, params: {}}}
`,
      );
      const out = tmp.file(`threads.${format}.gz`);
      const res = cli(['generate-data', '-i', many, '-o', out, '--seed', '3', '--format', format, '-q']);
      expect(res.status).toBe(0);
      // Here the TypeScript sources run without the compiled worker: the main thread formats everything.
      const inProcess = tmp.file(`in-process.${format}.gz`);
      const time = { nowMs: Date.now(), zone: 'UTC' };
      await generateData({
        design: await loadDesign(many, { time, metricType: 'system_metrics' }),
        output: inProcess,
        seed: 3n,
        format: format as 'json' | 'jsonpickle',
        maxPoints: 100_000_000,
        zone: 'UTC',
        confirmOverwrite: () => Promise.resolve(false),
      });
      const text = gunzipSync(readFileSync(out)).toString('utf8');
      expect(text.length).toBeGreaterThan(4 * JOB_BYTES); // several members, so several lanes took part
      expect(text).toBe(gunzipSync(readFileSync(inProcess)).toString('utf8'));
    },
  );

  it('leaves no temp files behind', () => {
    const files = readdirSync(tmp.path);
    // The folder the runs above wrote to (their outputs are there), and nothing else of theirs.
    expect(files).toEqual(expect.arrayContaining(['threads.json.gz', 'threads.jsonpickle.gz']));
    expect(files.filter((f) => f.startsWith('.') || f.endsWith('.tmp'))).toEqual([]);
  });
});
