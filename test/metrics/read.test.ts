import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MetricsData, type Point } from '../../src/metrics/model';
import { readMetricsFile, readMetricsFileIfExists } from '../../src/metrics/read';
import { serializeMetrics } from '../../src/metrics/write';
import { writeMetricsFile } from '../../src/metrics/file';
import { iso2017Time, writeIso2017, writeJsonpickle } from '../support/clusterman-files';
import { CLUSTERMAN_FIXTURES } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function gz(name: string, doc: unknown): string {
  const path = tmp.file(name);
  writeFileSync(path, gzipSync(typeof doc === 'string' ? doc : JSON.stringify(doc)));
  return path;
}

describe("clusterman's formats, written here", () => {
  const CAPACITY = 'capacity|cluster=norcal-prod,role=seagull';
  const PRICES = 'spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge';
  const data = new MetricsData();
  // Out of time order on purpose: readers sort each series.
  data.set('metadata', PRICES, [
    { t: Date.UTC(2017, 7, 1, 15, 2, 59) / 1000, value: 0.04885197976277467 },
    { t: Date.UTC(2017, 7, 1, 15) / 1000, value: 0.21831870195886383 },
  ]);
  data.set('metadata', CAPACITY, [
    {
      t: Date.UTC(2017, 7, 1, 15) / 1000,
      value: new Map([
        ['c3.8xlarge,us-west-2c', 10],
        ['c3.8xlarge,us-west-2b', 36],
      ]),
    },
  ]);
  data.set('app_metrics', 'seagull_runs', [{ t: Date.UTC(2017, 7, 1, 15, 4, 6) / 1000, value: 1 }]);
  const sorted = [...data.series()].map((s) => ({ ...s, points: [...s.points].sort((a, b) => a.t - b.t) }));

  it('the 2017 format: ISO time strings with a +0000 offset', async () => {
    expect(iso2017Time(Date.UTC(2017, 7, 1, 15) / 1000)).toBe('2017-08-01T15:00:00+0000');
    const { format, data: back } = await readMetricsFile(writeIso2017(tmp.file('iso2017.json.gz'), data));
    expect(format).toBe('iso2017');
    expect([...back.series()]).toEqual(sorted);
  });

  it('the 2017 format: other offsets and no offset', async () => {
    const path = gz('offsets.json.gz', {
      metadata: {
        k: [
          ['2017-08-01T16:00:00+01:00', 1],
          ['2017-08-01 15:01:00', 2],
          ['2017-08-01T07:02:00-0800', 3],
        ],
      },
    });
    const at = (minute: number) => Date.UTC(2017, 7, 1, 15, minute) / 1000;
    expect((await readMetricsFile(path)).data.get('metadata', 'k')).toEqual([
      { t: at(0), value: 1 },
      { t: at(1), value: 2 },
      { t: at(2), value: 3 },
    ]);
  });

  it('jsonpickle, as our writer makes it, reads back sorted', async () => {
    const { format, data: back } = await readMetricsFile(
      await writeJsonpickle(tmp.file('pickle.json.gz'), data),
    );
    expect(format).toBe('jsonpickle');
    expect([...back.series()]).toEqual(sorted);
  });
});

describeWithShared('clusterman fixtures (interop with the real files)', () => {
  it('reads the 2017 ISO-string format (docs-metrics.json.gz)', async () => {
    const { format, data } = await readMetricsFile(join(CLUSTERMAN_FIXTURES, 'docs-metrics.json.gz'));
    expect(format).toBe('iso2017');
    const prices = data.get('metadata', 'spot_prices|AZ=us-west-2a,instance_type=c3.8xlarge') as Point[];
    expect(prices).toHaveLength(12);
    // "2017-08-01T15:00:00+0000"
    expect(prices[0]).toEqual({ t: Date.UTC(2017, 7, 1, 15) / 1000, value: 0.21831870195886383 });
    const capacity = data.get('metadata', 'capacity|cluster=norcal-prod,role=seagull') as Point[];
    expect(capacity[0]?.value).toEqual(
      new Map([
        ['c3.8xlarge,us-west-2c', 10],
        ['c3.8xlarge,us-west-2b', 36],
      ]),
    );
    expect(data.get('app_metrics', 'seagull_runs')).toHaveLength(19);
  });

  it('reads the jsonpickle format (itest-metrics.json.gz)', async () => {
    const { format, data } = await readMetricsFile(join(CLUSTERMAN_FIXTURES, 'itest-metrics.json.gz'));
    expect(format).toBe('jsonpickle');
    expect(data.metricTypes()).toEqual(['metadata', 'system_metrics']);
    const fulfilled = data.get(
      'metadata',
      'fulfilled_capacity|cluster=local-dev,pool=default.mesos',
    ) as Point[];
    expect(fulfilled).toHaveLength(60);
    expect(fulfilled[0]).toEqual({
      t: 1512144000,
      value: new Map([
        ['<m3.large, us-west-2a>', 7],
        ['<m3.large, us-west-2b>', 2],
      ]),
    });
    for (const s of data.series()) {
      for (let i = 1; i < s.points.length; i++)
        expect((s.points[i] as Point).t).toBeGreaterThan((s.points[i - 1] as Point).t);
    }
  });
});

describe('round trips', () => {
  const data = new MetricsData();
  data.set('system_metrics', 'cpus_allocated|cluster=a,pool=b.mesos', [
    { t: 100, value: 1.5 },
    { t: 160, value: 2 },
  ]);
  data.set('metadata', 'fulfilled_capacity|cluster=a,pool=b.mesos', [
    { t: 100, value: new Map([['<m5.large, us-west-2a>', 3]]) },
  ]);

  it.each(['json', 'jsonpickle'] as const)('%s: what we write reads back the same', async (format) => {
    const path = tmp.file(`rt-${format}.json.gz`);
    await writeMetricsFile(path, data, format);
    const back = await readMetricsFile(path);
    expect(back.format).toBe(format);
    expect([...back.data.series()]).toEqual([...data.series()]);
  });

  it('writes the documented plain shape', () => {
    expect(serializeMetrics(data, 'json')).toBe(
      '{"system_metrics":{"cpus_allocated|cluster=a,pool=b.mesos":[[100,1.5],[160,2]]},' +
        '"metadata":{"fulfilled_capacity|cluster=a,pool=b.mesos":[[100,{"<m5.large, us-west-2a>":3}]]}}',
    );
  });

  it("writes jsonpickle as Python's clusterman does", () => {
    const text = serializeMetrics(data, 'jsonpickle');
    expect(text).toContain(
      '"system_metrics": {"py/object": "collections.defaultdict", "default_factory": {"py/type": "builtins.list"}, "cpus_allocated|cluster=a,pool=b.mesos": [{"py/tuple": [{"py/object": "arrow.arrow.Arrow", "timestamp": 100}, 1.5]}',
    );
  });

  it('reads concatenated gzip members and plain JSON', async () => {
    const path = tmp.file('members.json.gz');
    writeFileSync(path, Buffer.concat([gzipSync('{"metadata":{"k":[[1,'), gzipSync('2],[2,3]]}}')]));
    expect((await readMetricsFile(path)).data.get('metadata', 'k')).toEqual([
      { t: 1, value: 2 },
      { t: 2, value: 3 },
    ]);
    const plain = tmp.file('plain.json');
    writeFileSync(plain, '{"metadata":{"k":[[5,1]]}}');
    expect((await readMetricsFile(plain)).data.get('metadata', 'k')).toEqual([{ t: 5, value: 1 }]);
  });

  it('sorts points by time and keeps __proto__ as a plain key', async () => {
    const path = gz('proto.json.gz', '{"metadata":{"__proto__":[[3,1],[1,2]]}}');
    const { data: back } = await readMetricsFile(path);
    expect(back.get('metadata', '__proto__')).toEqual([
      { t: 1, value: 2 },
      { t: 3, value: 1 },
    ]);
    // Only the key the file holds: nothing inherited (constructor, toString) reads as a series.
    expect([...back.series()].map((s) => s.key)).toEqual(['__proto__']);
    expect(back.get('metadata', 'constructor')).toBeUndefined();
    expect(back.has('metadata', 'toString')).toBe(false);
  });
});

describe('bad files are errors, never empty data', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    [
      'not gzip nor JSON',
      () => {
        const p = tmp.file('junk.gz');
        writeFileSync(p, 'hello');
        return p;
      },
      /junk\.gz: not a metrics file \(neither gzip nor JSON\)/,
    ],
    [
      'corrupt gzip',
      () => {
        const p = tmp.file('corrupt.gz');
        writeFileSync(p, gzipSync('{"a":1}').subarray(0, 12));
        return p;
      },
      /corrupt\.gz: corrupt gzip data/,
    ],
    ['not JSON', () => gz('notjson.gz', '{"metadata": [1,'), /notjson\.gz: not valid JSON/],
    [
      'top level a list',
      () => gz('list.gz', [1, 2]),
      /list\.gz: not a metrics file: the top level must be an object/,
    ],
    [
      'unknown metric type',
      () => gz('type.gz', { sytem_metrics: {} }),
      /unknown metric type 'sytem_metrics'/,
    ],
    [
      'duplicate timestamp',
      () =>
        gz('dup.gz', {
          metadata: {
            k: [
              [5, 1],
              [6, 2],
              [5, 3],
            ],
          },
        }),
      /dup\.gz: series 'k' \(metadata\): duplicate timestamp 5 \(1970-01-01T00:00:05Z\)/,
    ],
    [
      'non-numeric value',
      () => gz('str.gz', { metadata: { k: [[5, 'x']] } }),
      /str\.gz: series 'k' \(metadata\): point 0: value "x" is not a number/,
    ],
    [
      'non-numeric dict value',
      () => gz('dict.gz', { metadata: { k: [[5, { a: null }]] } }),
      /point 0: value \{"a":null\} is not a number/,
    ],
    [
      'bad timestamp',
      () => gz('ts.gz', { metadata: { k: [['yesterday', 1]] } }),
      /point 0: bad timestamp "yesterday"/,
    ],
    [
      'point not a pair',
      () => gz('pair.gz', { metadata: { k: [[1, 2, 3]] } }),
      /point 0: must be \[time, value\]/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    await expect(readMetricsFile(make())).rejects.toThrow(message);
  });

  it('a missing file is undefined for readMetricsFileIfExists and an error otherwise', async () => {
    await expect(readMetricsFileIfExists(tmp.file('nope.gz'))).resolves.toBeUndefined();
    await expect(readMetricsFile(tmp.file('nope.gz'))).rejects.toThrow(/nope\.gz: no such file/);
  });
});
