import { join } from 'node:path';
import type { FiredEvent } from '../../src/engine';
import { MetricsData, type Point } from '../../src/metrics/model';
import { readMetricsFile } from '../../src/metrics/read';
import { Rng } from '../../src/random/rng';
import { catalogOf } from '../../src/simulator/catalog';
import { SimulationInputError } from '../../src/simulator/errors';
import { simulate, type SimulationOptions } from '../../src/simulator/simulate';
import { byHand } from '../support/by-hand';
import { itestLikeData, writeJsonpickle } from '../support/clusterman-files';
import { CLUSTERMAN_FIXTURES } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';

const catalog = catalogOf({
  'm3.large': { vcpus: 2, memoryGib: 7.5, diskGb: 32, gpus: 0, onDemandUsdPerHour: 0.133 },
  'c5.4xlarge': { vcpus: 16, memoryGib: 32, diskGb: 0, gpus: 0, onDemandUsdPerHour: 0.68 },
});
const POOL = { cluster: 'c', pool: 'p', scheduler: 'mesos' } as const;
const CAPACITY = 'fulfilled_capacity|cluster=c,pool=p.mesos';
const ALLOCATED = 'cpus_allocated|cluster=c,pool=p.mesos';
const A = '<c5.4xlarge, us-west-2a>';
const B = '<c5.4xlarge, us-west-2b>';
const PRICE_A = 'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c5.4xlarge';

const dict = (entries: Record<string, number>): Map<string, number> => new Map(Object.entries(entries));

function options(over: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    name: 'test',
    pool: POOL,
    start: 0,
    end: 7200,
    cpusPerWeight: 1,
    discount: 1,
    joinDelay: { mean: 0, stdev: 0 },
    billing: { period: 3600, refundOutbid: true },
    catalog,
    rng: Rng.fromSeed(1n),
    ...over,
  };
}

function data(capacity: Point[], prices: Point[] = [], allocated: Point[] = []): MetricsData {
  const d = new MetricsData();
  d.set('metadata', CAPACITY, capacity);
  if (prices.length > 0) d.set('metadata', PRICE_A, prices);
  if (allocated.length > 0) d.set('system_metrics', ALLOCATED, allocated);
  return d;
}

describe("clusterman's rules without an autoscaler", () => {
  const example = data(
    [{ t: 0, value: dict({ [A]: 16 }) }],
    [
      { t: 0, value: 1 },
      { t: 1800, value: 2 },
    ],
  );

  it('the worked example: hourly $3, per second $3.50', () => {
    expect(simulate(example, options()).totals.totalCost).toBeCloseTo(3, 10);
    expect(
      simulate(example, options({ billing: { period: 1, refundOutbid: true } })).totals.totalCost,
    ).toBeCloseTo(3.5, 10);
  });

  it('--discount multiplies prices', () => {
    expect(simulate(example, options({ discount: 0.5 })).totals.totalCost).toBeCloseTo(1.5, 10);
  });

  it('instances = floor(weight / floor(vcpus / cpus-per-weight)); missing markets go to 0; oldest leave first', () => {
    const d = data([
      { t: 0, value: dict({ [A]: 40, [B]: 16 }) }, // 2 + 1 instances of 16 vCPUs
      { t: 600, value: dict({ [A]: 50 }) }, // A: 3, B: 0
      { t: 1200, value: dict({ [A]: 16 }) }, // A: 1, the two oldest go
    ]);
    const result = simulate(d, options({ end: 1800 }));
    expect(result.instancesLaunched).toBe(4);
    expect(result.instancesTerminated).toBe(3);
    // vCPUs: 48 for 600 s, 48 for 600 s, 16 for 600 s.
    expect(result.totals.avgCpus).toBeCloseTo((48 * 600 + 48 * 600 + 16 * 600) / 1800, 10);
    const cpus = result.timeline.cpus;
    expect(cpus).toEqual([48, 48, 16]);
  });

  it('cpus-per-weight scales the weight of an instance', () => {
    const d = data([{ t: 0, value: dict({ [A]: 8 }) }]);
    // 16 vCPUs / 4 per weight = 4 weight per instance: 2 instances.
    expect(simulate(d, options({ cpusPerWeight: 4, end: 60 })).totals.avgCpus).toBe(32);
  });

  it('the first size joins at once, later launches after the join delay; one terminated first never joins', () => {
    const d = data([
      { t: 0, value: dict({ [A]: 16 }) },
      { t: 100, value: dict({ [A]: 32 }) }, // second instance launches at 100, joins ~1000 later
      { t: 500, value: dict({ [A]: 16 }) }, // removes the oldest (the first), the new one has not joined
    ]);
    const result = simulate(d, options({ end: 3000, joinDelay: { mean: 1000, stdev: 0 } }));
    // 16 vCPUs until 500, then 0 until the second joins at 1100, then 16.
    expect(result.totals.avgCpus).toBeCloseTo((16 * 500 + 16 * 1900) / 3000, 10);
    const d2 = data([
      { t: 0, value: dict({ [A]: 16 }) },
      { t: 100, value: dict({ [A]: 32 }) },
      { t: 500, value: dict({ [A]: 16 }) },
      { t: 600, value: dict({}) }, // the waiting instance is terminated before it joins
    ]);
    const never = simulate(d2, options({ end: 3000, joinDelay: { mean: 1000, stdev: 0 } }));
    expect(never.totals.avgCpus).toBeCloseTo((16 * 500) / 3000, 10);
  });

  it('join delays are drawn from the seed, so a seed reproduces a run', () => {
    const d = data([
      { t: 0, value: dict({ [A]: 16 }) },
      { t: 100, value: dict({ [A]: 160 }) },
    ]);
    const run = (seed: bigint) =>
      simulate(d, options({ end: 3000, rng: Rng.fromSeed(seed), joinDelay: { mean: 300, stdev: 100 } }))
        .totals.avgCpus;
    expect(run(5n)).toBe(run(5n));
    expect(run(5n)).not.toBe(run(6n));
  });

  it('allocation, unused and oversubscribed vCPUs are time-weighted', () => {
    const d = data(
      [{ t: 0, value: dict({ [A]: 32 }) }],
      [],
      [
        { t: 0, value: 8 },
        { t: 1800, value: 40 },
      ],
    );
    const { totals } = simulate(d, options({ end: 3600 }));
    expect(totals.avgCpusAllocated).toBeCloseTo(24, 10);
    expect(totals.avgUnusedCpus).toBeCloseTo(12, 10); // 24 for half the time, 0 after
    expect(totals.oversubscribedCpuHours).toBeCloseTo(4, 10); // 8 vCPUs over for half an hour
  });

  it('logs events in order: start, then size changes before price changes at the same time', () => {
    const log: FiredEvent[] = [];
    simulate(example, options({ onEvent: (e) => log.push(e) }));
    expect(log.map((e) => `${e.time} ${e.name}${e.detail}`)).toEqual([
      '0 SimulationStartEvent',
      '0 ClusterChangeEvent new size: 1',
      '0 PriceChangeEvent',
      '1800 PriceChangeEvent',
    ]);
  });
});

describe('memory, disk and GPUs', () => {
  it('average capacity counts joined instances (disk with --ebs-volume-size); allocation comes from the metrics', () => {
    const d = data([
      { t: 0, value: dict({ [A]: 32 }) }, // 2 x c5.4xlarge: 32 GiB, no instance store each
      { t: 1800, value: dict({ [A]: 16 }) },
    ]);
    d.set('system_metrics', 'mem_allocated|cluster=c,pool=p.mesos', [{ t: 0, value: 40 }]);
    d.set('system_metrics', 'disk_allocated|cluster=c,pool=p.mesos', [{ t: 1800, value: 100 }]);
    const result = simulate(d, options({ end: 3600, ebsGb: 50 }));
    expect(result.resources.mem).toEqual({ avgCapacity: (64 + 32) / 2, avgAllocated: 40 });
    expect(result.resources.disk).toEqual({ avgCapacity: (100 + 50) / 2, avgAllocated: 50 });
    expect(result.resources.gpus).toBeUndefined(); // no gpus_allocated series
  });
});

describe('bad input', () => {
  it('no capacity series: says what was looked for and what exists', () => {
    const d = new MetricsData();
    d.set('metadata', 'fulfilled_capacity|cluster=other,pool=p.mesos', [{ t: 0, value: dict({ [A]: 16 }) }]);
    expect(() => simulate(d, options())).toThrow(
      new SimulationInputError(
        "no capacity series for cluster 'c', pool 'p.mesos': looked for metadata 'fulfilled_capacity|cluster=c,pool=p.mesos' (or 'capacity|cluster=c,role=p'); capacity series present: 'fulfilled_capacity|cluster=other,pool=p.mesos'",
      ),
    );
  });

  it('many capacity series: five are named, then how many more', () => {
    const d = new MetricsData();
    for (let i = 0; i < 8; i++)
      d.set('metadata', `fulfilled_capacity|cluster=o${i},pool=p.mesos`, [
        { t: 0, value: dict({ [A]: 16 }) },
      ]);
    expect(() => simulate(d, options())).toThrow(
      /capacity series present: 'fulfilled_capacity\|cluster=o0,pool=p\.mesos', .*'fulfilled_capacity\|cluster=o4,pool=p\.mesos' … and 3 more$/,
    );
  });

  it('an unknown instance type is named', () => {
    const d = data([{ t: 0, value: dict({ '<x9.huge, us-west-2a>': 16 }) }]);
    expect(() => simulate(d, options())).toThrow(/unknown instance type 'x9.huge'/);
  });

  it('a plain-number capacity needs an autoscaler', () => {
    const d = data([{ t: 0, value: 16 }]);
    expect(() => simulate(d, options())).toThrow(/capacity is a number/);
  });
});

const ITEST_POOL = { cluster: 'local-dev', pool: 'default', scheduler: 'mesos' } as const;
const ITEST_CAPACITY = 'fulfilled_capacity|cluster=local-dev,pool=default.mesos';
const ITEST_ALLOCATED = 'cpus_allocated|cluster=local-dev,pool=default.mesos';
const m3Price = (type: string, az: string) =>
  `spot_prices|aws_availability_zone=${az},aws_instance_type=${type}`;

/** Simulates a 1-hour window at per-second billing and checks it against the figures worked out by hand. */
function expectAsByHand(d: MetricsData, start: number): void {
  const end = start + 3600;
  const result = simulate(
    d,
    options({ pool: ITEST_POOL, start, end, billing: { period: 1, refundOutbid: true } }),
  );
  const hand = byHand(d, {
    capacityKey: ITEST_CAPACITY,
    priceKey: m3Price,
    vcpus: { 'm3.large': 2 },
    start,
    end,
  });
  expect(hand.totalCost).toBeGreaterThan(0); // the data does exercise prices
  expect(result.totals.avgCpus).toBeCloseTo(hand.avgCpus, 10);
  expect(result.totals.totalCost).toBeCloseTo(hand.totalCost, 10);
  const allocated = d.get('system_metrics', ITEST_ALLOCATED)!;
  // One allocation point a minute across the hour: the time-weighted mean is the plain mean.
  const mean = allocated.reduce((sum, p) => sum + (p.value as number), 0) / allocated.length;
  expect(result.totals.avgCpusAllocated).toBeCloseTo(mean, 10);
}

describe("metrics in the shape of clusterman's acceptance tests, written here as jsonpickle", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('m3.large in three zones, odd weights, a zone missing now and then, prices changing', async () => {
    const start = 1512144000;
    const path = await writeJsonpickle(tmp.file('itest-like.json.gz'), itestLikeData(start));
    const { format, data: back } = await readMetricsFile(path);
    expect(format).toBe('jsonpickle');
    expectAsByHand(back, start);
  });
});

describeWithShared("clusterman's acceptance-test metrics (interop with the real file)", () => {
  it('simulates itest-metrics.json.gz (m3.large in three zones) as worked out by hand', async () => {
    const { data: d } = await readMetricsFile(join(CLUSTERMAN_FIXTURES, 'itest-metrics.json.gz'));
    expect(d.get('metadata', ITEST_CAPACITY)).toHaveLength(60);
    expectAsByHand(d, 1512144000);
  });
});
