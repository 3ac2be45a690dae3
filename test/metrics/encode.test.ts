import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import vectors from '../golden/format-vectors.json';
import { formatJob } from '../../src/metrics/encode/format';
import { type Job, JobCutter, type Segment } from '../../src/metrics/encode/job';
import { MemberCompressor } from '../../src/metrics/encode/pool';
import { MetricsData, type Point, type ValueKind, type WriteFormat } from '../../src/metrics/model';
import { formatNumber } from '../../src/metrics/numbers';
import { MetricsWriter, serializeMetrics, writeData } from '../../src/metrics/write';
import { readMetricsFile } from '../../src/metrics/read';
import { writeMetricsFile } from '../../src/metrics/file';
import { fromPythonHex } from '../support/floats';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const goldenValues = (vectors as [string, string][]).map(([hex]) => fromPythonHex(hex));

/** One run of points at t = 0, 1, 2, ... as a job, formatted to text. */
function formatRun(values: readonly number[], kind: ValueKind, format: WriteFormat = 'json'): string {
  const run: Segment = {
    type: 'points',
    times: Float64Array.from(values, (_, i) => i),
    values: Float64Array.from(values),
    count: values.length,
    kind,
    continues: false,
  };
  return formatJob({ format, segments: [run] }).toString('utf8');
}

describe('the byte formatter writes numbers exactly as numbers.ts does', () => {
  it.each(['float', 'auto'] as const)('every golden vector, kind %s', (kind) => {
    const expected = goldenValues.map((v, i) => `[${i},${formatNumber(v, kind)}]`).join(',');
    expect(formatRun(goldenValues, kind)).toBe(expected);
  });

  it('ints, negative numbers, -0 and values past 2^53', () => {
    const values = [0, -0, 7, -12, 99, 100, 101, 2 ** 31, -(2 ** 53 - 1), 2 ** 53, 1e16, 1e21, 12345678901];
    for (const kind of ['int', 'auto', 'float'] as const) {
      const expected = values.map((v, i) => `[${i},${formatNumber(v, kind)}]`).join(',');
      expect(formatRun(values, kind)).toBe(expected);
    }
  });

  it('timestamps of every digit count, including negative ones', () => {
    const times = [0, 5, 42, 999, 1000, 1512115200, 99999999999, -1, -86400];
    const run: Segment = {
      type: 'points',
      times: Float64Array.from(times),
      values: Float64Array.from(times, () => 1),
      count: times.length,
      kind: 'int',
      continues: true,
    };
    const text = formatJob({ format: 'json', segments: [run] }).toString('utf8');
    expect(text).toBe(times.map((t) => `,[${t},1]`).join(''));
  });

  it('jsonpickle points carry their Arrow wrapper', () => {
    expect(formatRun([2.5], 'float', 'jsonpickle')).toBe(
      '{"py/tuple": [{"py/object": "arrow.arrow.Arrow", "timestamp": 0}, 2.5]}',
    );
  });
});

/** A document with long numeric series, a dict point in the middle of one, ints and floats. */
function sampleData(): MetricsData {
  const data = new MetricsData();
  const long: Point[] = [];
  for (let i = 0; i < 20_000; i++) long.push({ t: 1512115200 + i, value: ((i * 7919) % 1000) / 8 });
  long[12_345] = { t: long[12_345]!.t, value: new Map([['<c5.large, us-west-2a>', 2.5]]) };
  data.set('system_metrics', 'cpus_allocated|cluster=a,pool=b.mesos', long);
  data.set('system_metrics', 'empty', []);
  data.set('metadata', 'spot_prices|aws_availability_zone=us-west-2a', [
    { t: 5, value: new Map([['x', 1]]) },
    { t: 6, value: 0.1 },
  ]);
  return data;
}

describe('the writer', () => {
  it.each(['json', 'jsonpickle'] as const)(
    '%s: runs longer than a batch and dict points between numbers make valid, faithful text',
    (format) => {
      const text = serializeMetrics(sampleData(), format);
      const parsed = JSON.parse(text) as Record<string, Record<string, unknown[]>>;
      const series = parsed.system_metrics!['cpus_allocated|cluster=a,pool=b.mesos']!;
      expect(series).toHaveLength(20_000);
      expect(parsed.system_metrics!.empty).toEqual([]);
      if (format === 'json') {
        expect(series[1]).toEqual([1512115201, 114.875]);
        expect(series[12_345]).toEqual([1512115200 + 12_345, { '<c5.large, us-west-2a>': 2.5 }]);
        expect(parsed.metadata!['spot_prices|aws_availability_zone=us-west-2a']).toEqual([
          [5, { x: 1 }],
          [6, 0.1],
        ]);
      }
    },
  );

  it('cuts jobs where it likes without changing a byte', () => {
    const data = sampleData();
    const textOf = (jobBytes: number): string => {
      const jobs: Job[] = [];
      const cutter = new JobCutter('json', (job) => jobs.push(job), jobBytes);
      const writer = new MetricsWriter(cutter, 'json');
      writeData(writer, data);
      writer.end();
      cutter.flush();
      return jobs.map((job) => formatJob(job).toString('utf8')).join('');
    };
    const whole = serializeMetrics(data, 'json');
    expect(textOf(1 << 30)).toBe(whole);
    expect(textOf(100)).toBe(whole);
    expect(textOf(4096)).toBe(whole);
  });

  it('refuses NaN and infinities before anything is written', () => {
    const writer = new MetricsWriter({ add: () => undefined }, 'json');
    writer.beginType('system_metrics');
    writer.beginSeries('k', 'float');
    expect(() => writer.point(1, NaN)).toThrow(/NaN/);
    expect(() => writer.points(Float64Array.of(1, 2), Float64Array.of(1, Infinity), 2)).toThrow(/Infinity/);
  });
});

describe('compressed output', () => {
  it('is one gzip member per job, in order, which any gunzip reads whole', async () => {
    const members: Buffer[] = [];
    const compressor = new MemberCompressor(
      {
        write: async (bytes) => {
          members.push(bytes);
        },
      },
      { threads: 0 },
    );
    let jobs = 0;
    const cutter = new JobCutter(
      'json',
      (job) => {
        jobs++;
        compressor.submit(job);
      },
      50_000,
    );
    const writer = new MetricsWriter(cutter, 'json');
    writeData(writer, sampleData());
    writer.end();
    cutter.flush();
    await compressor.end();
    await compressor.close();
    expect(jobs).toBeGreaterThan(2);
    expect(members).toHaveLength(jobs);
    for (const m of members) expect(m.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(Buffer.concat(members)).toString('utf8')).toBe(serializeMetrics(sampleData(), 'json'));
  });

  it('a written file reads back point for point', async () => {
    const path = tmp.file('sample.json.gz');
    await writeMetricsFile(path, sampleData(), 'json');
    const back = await readMetricsFile(path);
    expect([...back.data.series()]).toEqual([...sampleData().series()]);
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(serializeMetrics(sampleData(), 'json'));
  });
});
