import { existsSync, readdirSync } from 'node:fs';
import { Aggregator, parseAggregate, writeAggregates } from '../../../src/records/aggregate';
import { RecordFormatError } from '../../../src/records/formats/errors';
import {
  type EmitterSchema,
  type EventRecord,
  type RecordSchema,
  Timestamp,
} from '../../../src/records/formats/types';
import { readMetricsFile } from '../../../src/metrics';
import { tempDir } from '../../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const request: EmitterSchema = {
  name: 'request',
  fields: [
    { name: 'time', kind: 'timestamp' },
    { name: 'endpoint', kind: 'string' },
    { name: 'status', kind: 'int' },
    { name: 'ms', kind: 'float' },
  ],
};
const login: EmitterSchema = {
  name: 'login',
  fields: [
    { name: 'at', kind: 'timestamp' },
    { name: 'user', kind: 'string' },
  ],
};
const schema: RecordSchema = { emitters: [request, login] };
const T0 = Date.UTC(2024, 0, 1);

function req(second: number, endpoint: string | null, status: number, ms: number): EventRecord {
  const r: Record<string, EventRecord[string]> = { time: new Timestamp(T0 + second * 1000, 0), status, ms };
  if (endpoint !== null) r.endpoint = endpoint;
  return r;
}

async function run(block: unknown, records: [EventRecord, EmitterSchema][]) {
  const agg = new Aggregator(parseAggregate(block, 'web.yaml', schema));
  for (const [r, e] of records) agg.add(r, e);
  const file = tmp.file(`m${Math.random().toString(36).slice(2)}.json.gz`);
  const summary = await writeAggregates(agg, file);
  const { data } = await readMetricsFile(file);
  const series = (type: string, key: string) =>
    data.get(type as 'system_metrics', key)?.map((p) => [p.t - T0 / 1000, p.value]);
  return { summary, data, series };
}

const RECORDS: [EventRecord, EmitterSchema][] = [
  [req(0, '/login', 200, 10), request],
  [req(30, '/login', 500, 30), request],
  [req(59.999, '/api', 200, 5), request],
  [req(60, null, 200, 7), request],
  // nothing in minute 2
  [req(185, '/login', 200, 2), request],
  [{ at: new Timestamp(T0 + 61_000, 0), user: 'ann' }, login],
];

describe('aggregate', () => {
  it('counts, sums, averages and takes maxima and minima per interval and group', async () => {
    const { series, summary } = await run(
      {
        interval: '1m',
        metrics: {
          requests: { function: 'count', by: 'endpoint', emitter: 'request' },
          'latency_sum|service=web': { function: 'sum', field: 'ms' },
          latency_mean: { function: 'mean', field: 'ms' },
          latency_max: { function: 'max', field: 'ms', metric_type: 'app_metrics' },
          latency_min: { function: 'min', field: 'ms' },
        },
      },
      RECORDS,
    );
    expect(series('system_metrics', 'requests|endpoint=/login')).toEqual([
      [0, 2],
      [60, 0],
      [120, 0],
      [180, 1],
    ]);
    expect(series('system_metrics', 'requests|endpoint=/api')).toEqual([
      [0, 1],
      [60, 0],
      [120, 0],
      [180, 0],
    ]);
    expect(series('system_metrics', 'requests|endpoint=none')).toEqual([
      [0, 0],
      [60, 1],
      [120, 0],
      [180, 0],
    ]);
    expect(series('system_metrics', 'latency_sum|service=web')).toEqual([
      [0, 45],
      [60, 7],
      [120, 0],
      [180, 2],
    ]);
    expect(series('system_metrics', 'latency_mean')).toEqual([
      [0, 15],
      [60, 7],
      [180, 2],
    ]);
    expect(series('app_metrics', 'latency_max')).toEqual([
      [0, 30],
      [60, 7],
      [180, 2],
    ]);
    expect(series('system_metrics', 'latency_min')).toEqual([
      [0, 5],
      [60, 7],
      [180, 2],
    ]);
    expect(summary).toEqual({ series: 7, points: 4 * 4 + 3 * 3 });
  });

  it('filters with match and emitter, scales, and groups by several fields into sorted key dimensions', async () => {
    const { series, data } = await run(
      {
        interval: 120,
        metrics: {
          'errors|cluster=web': {
            function: 'count',
            match: { status: [500, 503] },
            by: ['status', 'endpoint'],
          },
          'cpus_allocated|cluster=web,pool=default.mesos': {
            function: 'sum',
            field: 'ms',
            scale: 0.5,
            emitter: 'request',
          },
          logins: { function: 'count', emitter: 'login' },
        },
      },
      RECORDS,
    );
    expect(series('system_metrics', 'errors|cluster=web,endpoint=/login,status=500')).toEqual([
      [0, 1],
      [120, 0],
    ]);
    expect(series('system_metrics', 'cpus_allocated|cluster=web,pool=default.mesos')).toEqual([
      [0, 26],
      [120, 1],
    ]);
    expect(series('system_metrics', 'logins')).toEqual([
      [0, 1],
      [120, 0],
    ]);
    expect(data.size).toBe(3);
  });

  it('takes records out of time order and aligns intervals to the epoch', async () => {
    const { series } = await run({ interval: '1m', metrics: { n: { function: 'count' } } }, [
      [req(185, 'a', 200, 1), request],
      [req(5, 'a', 200, 1), request],
      [req(6, 'a', 200, 1), request],
    ]);
    expect(series('system_metrics', 'n')).toEqual([
      [0, 2],
      [60, 0],
      [120, 0],
      [180, 1],
    ]);
  });

  it('keeps one cell per interval and group, not per record', () => {
    const agg = new Aggregator(
      parseAggregate({ interval: '1m', metrics: { n: { function: 'count', by: 'endpoint' } } }, 'w', schema),
    );
    for (let i = 0; i < 60_000; i++) agg.add(req(i % 600, i % 2 ? 'a' : 'b', 200, 1), request);
    const all = [...agg.seriesInOrder()];
    expect(all.map((s) => [s.cells.key, s.cells.size])).toEqual([
      ['n|endpoint=a', 10],
      ['n|endpoint=b', 10],
    ]);
    expect(all[0]?.cells.valueAt(all[0].cells.first)).toBe(3000);
  });

  it('replaces , and | in group values so that keys stay readable', async () => {
    const { data } = await run({ interval: '1m', metrics: { n: { function: 'count', by: 'endpoint' } } }, [
      [req(0, '/a,b|c', 200, 1), request],
    ]);
    expect([...data.series()].map((s) => s.key)).toEqual(['n|endpoint=/a_b_c']);
  });

  it('writes an empty metrics file when no record fed a metric, and no temp file', async () => {
    const { data } = await run({ interval: '1m', metrics: { n: { function: 'count' } } }, []);
    expect(data.size).toBe(0);
    expect(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a non-number in a summed field, naming the metric', () => {
    const agg = new Aggregator(
      parseAggregate({ interval: '1m', metrics: { s: { function: 'sum', field: 'ms' } } }, 'w', schema),
    );
    expect(() => agg.add({ time: new Timestamp(T0, 0), ms: 'slow' }, request)).toThrow(
      `aggregate.metrics.s: field 'ms' holds "slow", not a number`,
    );
  });

  it.each([
    [[], 'web.yaml: aggregate: must be a mapping with interval and metrics'],
    [
      { metrics: { n: { function: 'count' } } },
      "web.yaml: aggregate.interval: is required (a duration such as '1m')",
    ],
    [
      { interval: '1 fortnight', metrics: {} },
      "web.yaml: aggregate.interval: cannot understand duration '1 fortnight'",
    ],
    [
      { interval: 0.5, metrics: { n: { function: 'count' } } },
      'aggregate.interval: must be a whole number of seconds, at least 1',
    ],
    [{ interval: '1m', metrics: {} }, 'web.yaml: aggregate.metrics: must map at least one metric key'],
    [{ interval: '1m', metric: {} }, "web.yaml: aggregate.metric: unknown key (did you mean 'metrics'?)"],
    [
      { interval: '1m', metrics: { n: { function: 'cnt' } } },
      "web.yaml: aggregate.metrics.n.function: unknown function 'cnt' (did you mean 'count'?)",
    ],
    [
      { interval: '1m', metrics: { n: { function: 'sum' } } },
      'web.yaml: aggregate.metrics.n: sum needs a field',
    ],
    [
      { interval: '1m', metrics: { n: { function: 'sum', field: 'endpoint' } } },
      "aggregate.metrics.n.field: 'endpoint' is not numeric (it is string)",
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', by: ['endpont'] } } },
      "web.yaml: aggregate.metrics.n.by[0]: no field 'endpont' in any emitter (did you mean 'endpoint'?)",
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', emitter: 'logins' } } },
      "aggregate.metrics.n.emitter: no emitter 'logins' (did you mean 'login'?)",
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', emitter: 'login', by: 'status' } } },
      "aggregate.metrics.n.by: no field 'status' in emitter 'login'",
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', groupby: 'x' } } },
      'aggregate.metrics.n.groupby: unknown key',
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', scale: '2' } } },
      'aggregate.metrics.n.scale: must be a finite number',
    ],
    [
      { interval: '1m', metrics: { n: { function: 'count', metric_type: 'app' } } },
      "aggregate.metrics.n.metric_type: unknown metric type 'app'",
    ],
    [
      { interval: '1m', time: 'tme', metrics: { n: { function: 'count' } } },
      "aggregate.time: no emitter has a field 'tme' (did you mean 'time'?)",
    ],
    [
      { interval: '1m', time: 'time', metrics: { n: { function: 'count' } } },
      "aggregate.metrics.n: emitter 'login' has no time field",
    ],
    [
      { interval: '1m', metrics: { 'n|a=1,b=2': { function: 'count' }, 'n|b=2,a=1': { function: 'count' } } },
      "writes the same series as 'n|a=1,b=2'",
    ],
  ])('refuses %j with one line naming the file and path', (block, message) => {
    const load = () => parseAggregate(block, 'web.yaml', schema);
    expect(load).toThrow(RecordFormatError);
    expect(load).toThrow(message);
  });

  it('ignores _comment keys', () => {
    expect(() =>
      parseAggregate(
        { _comment: 'x', interval: '1m', metrics: { _note: 1, n: { function: 'count', _why: 'y' } } },
        'w',
        schema,
      ),
    ).not.toThrow();
  });

  it('leaves the old file when writing fails', async () => {
    const agg = new Aggregator(
      parseAggregate({ interval: '1m', metrics: { n: { function: 'count' } } }, 'w', schema),
    );
    await expect(writeAggregates(agg, tmp.file('missing-dir/m.json.gz'))).rejects.toThrow();
    expect(existsSync(tmp.file('missing-dir'))).toBe(false);
  });
});
