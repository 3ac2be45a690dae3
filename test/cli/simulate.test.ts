import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readMetricsFile } from '../../src/metrics/read';
import { MetricsData } from '../../src/metrics/model';
import { byHand } from '../support/by-hand';
import { cli } from '../support/cli';
import { itestLikeData, writeIso2017, writeJsonpickle } from '../support/clusterman-files';
import { CLUSTERMAN_FIXTURES, ROOT } from '../support/paths';
import { describeWithShared } from '../support/shared';
import { tempDir } from '../support/tmp';
import { EXAMPLE_WINDOW, writeWorkedExample } from '../support/tiny-cluster';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ITEST = join(CLUSTERMAN_FIXTURES, 'itest-metrics.json.gz');
const WINDOW = ['--start-time', '2017-12-01T16:00:00Z', '--end-time', '2017-12-01T17:00:00Z'];

function metricsFile(name: string, doc: unknown): string {
  const path = tmp.file(name);
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

const example = writeWorkedExample(tmp.file('example.json.gz'));

/** clusterman's 2017 names: capacity by role, prices by AZ and instance_type. */
const DOCS_CAPACITY = 'capacity|cluster=norcal-prod,role=seagull';
const docsPrice = (type: string, az: string) => `spot_prices|AZ=${az},instance_type=${type}`;
const DOCS_ARGS = [
  '--cluster',
  'norcal-prod',
  '--pool',
  'seagull',
  '--start-time',
  '2017-08-01T15:00:00Z',
  '--end-time',
  '2017-08-01T16:00:00Z',
];

interface Replay {
  avg_cpus: number;
  avg_cpus_allocated: number;
  total_cost: number;
  resources: Record<string, { avg_capacity: number; avg_allocated: number }>;
}

/** A replay of acceptance-test-shaped metrics (m3.large, pool local-dev/default.mesos) against figures by hand. */
function expectReplay(doc: Replay, data: MetricsData, start: number): void {
  const hand = byHand(data, {
    capacityKey: 'fulfilled_capacity|cluster=local-dev,pool=default.mesos',
    priceKey: (type, az) => `spot_prices|aws_availability_zone=${az},aws_instance_type=${type}`,
    vcpus: { 'm3.large': 2 },
    start,
    end: start + 3600,
  });
  expect(hand.totalCost).toBeGreaterThan(0);
  expect(doc.avg_cpus).toBeCloseTo(hand.avgCpus, 10);
  expect(doc.total_cost).toBeCloseTo(hand.totalCost, 10);
  // m3.large: 2 vCPUs, 7.5 GiB, 32 GB of instance store; the files have mem and disk allocation.
  expect(Object.keys(doc.resources)).toEqual(['mem', 'disk']);
  expect(doc.resources.mem!.avg_capacity).toBeCloseTo((hand.avgCpus / 2) * 7.5, 6);
  expect(doc.resources.disk!.avg_capacity).toBeCloseTo((hand.avgCpus / 2) * 32, 6);
  // Allocation is one point a minute from the start: its time-weighted mean is the plain mean.
  const allocated = data.get('system_metrics', 'cpus_allocated|cluster=local-dev,pool=default.mesos')!;
  expect(allocated).toHaveLength(60);
  const mean = allocated.reduce((sum, p) => sum + (p.value as number), 0) / 60;
  expect(doc.avg_cpus_allocated).toBeCloseTo(mean, 10);
}

describe('simulate', () => {
  it('the worked example: $3 with hourly billing, $3.50 per second, as JSON', () => {
    const hourly = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--billing-period',
      '1h',
      '--json',
    ]);
    expect(hourly.status).toBe(0);
    const doc = JSON.parse(hourly.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      name: 'simulation',
      start: '1970-01-01T00:00:00Z',
      end: '1970-01-01T02:00:00Z',
      avg_cpus: 32,
      avg_cpus_allocated: 16,
      avg_unused_cpus: 16,
      instances_launched: 1,
    });
    expect(doc.total_cost).toBeCloseTo(3, 10);
    expect(doc.unused_cpus_cost).toBeCloseTo(1.5, 10);
    expect(doc.cost_per_cpu_hour).toBeCloseTo(3 / 64, 10);
    const perSecond = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--json',
    ]);
    expect((JSON.parse(perSecond.stdout) as { total_cost: number }).total_cost).toBeCloseTo(3.5, 10);
  });

  it('prints a readable summary by default, and the event log at --log-level info', () => {
    const res = cli([
      'simulate',
      '--metrics-data-file',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--log-level',
      'info',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/total cost\s+\$3\.50/);
    expect(res.stdout).toMatch(/instances launched \/ terminated \/ outbid\s+1 \/ 0 \/ 0/);
    expect(res.stderr.split('\n').filter(Boolean)).toEqual([
      '=== Event 0 -- 1970-01-01T00:00:00Z\t[SimulationStartEvent]',
      '=== Event 1 -- 1970-01-01T00:00:00Z\t[ClusterChangeEvent] new size: 1',
      '=== Event 2 -- 1970-01-01T00:00:00Z\t[PriceChangeEvent]',
      '=== Event 3 -- 1970-01-01T00:30:00Z\t[PriceChangeEvent]',
      '=== Event 4 -- 1970-01-01T02:00:00Z\t[SimulationEndEvent]',
    ]);
  });

  it("replays metrics shaped like clusterman's acceptance tests, as jsonpickle (CMAN_CLUSTER works for --cluster)", async () => {
    const start = Date.UTC(2017, 11, 1, 16) / 1000;
    const data = itestLikeData(start);
    const file = await writeJsonpickle(tmp.file('itest-like.json.gz'), data);
    const res = cli(['simulate', '--metrics-data-files', file, ...WINDOW, '--json'], {
      env: { CMAN_CLUSTER: 'local-dev' },
    });
    expect(res.status).toBe(0);
    expectReplay(JSON.parse(res.stdout) as Replay, data, start);
  });

  it("replays the 2017 format (capacity|cluster=..,role=.., markets 'type,az', prices by AZ and instance_type)", async () => {
    const start = Date.UTC(2017, 7, 1, 15) / 1000;
    const data = new MetricsData();
    // c3.8xlarge has 32 vCPUs: weight 40 is one instance, 70 two, 20 none.
    data.set('metadata', DOCS_CAPACITY, [
      {
        t: start,
        value: new Map([
          ['c3.8xlarge,us-west-2a', 40],
          ['c3.8xlarge,us-west-2b', 20],
        ]),
      },
      { t: start + 1200, value: new Map([['c3.8xlarge,us-west-2a', 70]]) },
    ]);
    data.set('metadata', docsPrice('c3.8xlarge', 'us-west-2a'), [
      { t: start, value: 0.5 },
      { t: start + 1800, value: 1 },
    ]);
    const file = writeIso2017(tmp.file('docs-like.json.gz'), data);
    const res = cli(['simulate', '--metrics-data-files', file, ...DOCS_ARGS, '--json']);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as { avg_cpus: number; total_cost: number };
    // By hand: 32 vCPUs for 20 minutes, then 64 for 40. Cost: 1 instance at $0.50/h for 20 minutes,
    // 2 at $0.50/h for 10 minutes, 2 at $1/h for 30 minutes (us-west-2b, weight 20, holds no instance).
    expect(doc.avg_cpus).toBeCloseTo((32 * 1200 + 64 * 2400) / 3600, 10);
    expect(doc.total_cost).toBeCloseTo(0.5 / 3 + (2 * 0.5) / 6 + (2 * 1) / 2, 10);
  });

  it('replays designs/example.yaml as worked out by hand', async () => {
    const demo = tmp.file('demo.json.gz');
    expect(
      cli(['generate-data', '-i', join(ROOT, 'designs/example.yaml'), '-o', demo, '--seed', '1', '-q'])
        .status,
    ).toBe(0);
    const start = Date.UTC(2017, 11, 1, 8) / 1000;
    const res = cli([
      'simulate',
      '--metrics-data-files',
      demo,
      '--cluster',
      'norcal-prod',
      '--pool',
      'seagull',
      '--start-time',
      '2017-12-01T08:00:00Z',
      '--end-time',
      '2017-12-01T09:00:00Z',
      '--json',
    ]);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as {
      avg_cpus: number;
      avg_cpus_allocated: number;
      total_cost: number;
    };
    const { data } = await readMetricsFile(demo);
    const hand = byHand(data, {
      capacityKey: 'fulfilled_capacity|cluster=norcal-prod,pool=seagull.mesos',
      priceKey: (type, az) => `spot_prices|aws_availability_zone=${az},aws_instance_type=${type}`,
      vcpus: { 'c3.8xlarge': 32 },
      start,
      end: start + 3600,
    });
    expect(doc.avg_cpus).toBeCloseTo(hand.avgCpus, 10);
    expect(doc.total_cost).toBeCloseTo(hand.totalCost, 10);
    // The design draws allocation once a minute from 08:00: its time-weighted mean is the plain mean.
    const allocated = data.get('system_metrics', 'cpus_allocated|cluster=norcal-prod,pool=seagull.mesos')!;
    expect(allocated).toHaveLength(60);
    expect(doc.avg_cpus_allocated).toBeCloseTo(
      allocated.reduce((sum, p) => sum + (p.value as number), 0) / 60,
      10,
    );
  });

  it('warns when a market has no price series (its instances cost nothing)', () => {
    const unpriced = metricsFile('unpriced.json.gz', {
      metadata: { 'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<m5.large, us-west-2b>': 4 }]] },
    });
    const res = cli([
      'simulate',
      '--metrics-data-files',
      unpriced,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--json',
    ]);
    expect(res.status).toBe(0);
    expect(res.stderr.trim()).toBe(
      'Warning: no spot_prices series for <m5.large, us-west-2b>: its instances cost nothing',
    );
    expect((JSON.parse(res.stdout) as { total_cost: number }).total_cost).toBe(0);
  });

  it("an autoscaler config in the style of clusterman's (spot fleet request ids only) is refused with a way forward", () => {
    const sfrs = tmp.file('sfrs.yaml');
    writeFileSync(sfrs, 'sfrs:\n  - sfr-00000000-1111-2222-3333-444444444444\n');
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--autoscaler-config',
      sfrs,
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/sfrs\.yaml: sfrs: spot fleet request ids need AWS to describe them/);
  });

  it('a later file replaces a series of an earlier one, with a warning', () => {
    const cheaper = metricsFile('cheaper.json.gz', {
      metadata: { 'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': [[0, 0.5]] },
    });
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      cheaper,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--json',
    ]);
    expect(res.status).toBe(0);
    expect((JSON.parse(res.stdout) as { total_cost: number }).total_cost).toBeCloseTo(1, 10);
    expect(res.stderr).toContain(
      `Warning: ${cheaper} replaces metadata 'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge' from ${example}`,
    );
  });
});

describeWithShared("simulate: clusterman's own metrics files (interop with the real files)", () => {
  it('replays itest-metrics.json.gz (jsonpickle) as worked out by hand', async () => {
    const res = cli([
      'simulate',
      '--metrics-data-files',
      ITEST,
      '--cluster',
      'local-dev',
      ...WINDOW,
      '--json',
    ]);
    expect(res.status).toBe(0);
    const { data } = await readMetricsFile(ITEST);
    expectReplay(JSON.parse(res.stdout) as Replay, data, Date.UTC(2017, 11, 1, 16) / 1000);
  });

  it('replays docs-metrics.json.gz (the 2017 format) as worked out by hand', async () => {
    const file = join(CLUSTERMAN_FIXTURES, 'docs-metrics.json.gz');
    const res = cli(['simulate', '--metrics-data-files', file, ...DOCS_ARGS, '--json']);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as { avg_cpus: number; total_cost: number };
    const start = Date.UTC(2017, 7, 1, 15) / 1000;
    const { data } = await readMetricsFile(file);
    const hand = byHand(data, {
      capacityKey: DOCS_CAPACITY,
      priceKey: docsPrice,
      vcpus: { 'c3.8xlarge': 32 },
      start,
      end: start + 3600,
    });
    expect(hand.totalCost).toBeGreaterThan(0);
    expect(doc.avg_cpus).toBeCloseTo(hand.avgCpus, 10);
    expect(doc.total_cost).toBeCloseTo(hand.totalCost, 10);
  });

  it('autoscaler_config.yaml (spot fleet request ids only) is refused with a way forward', () => {
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--autoscaler-config',
      join(CLUSTERMAN_FIXTURES, 'autoscaler_config.yaml'),
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(
      /autoscaler_config\.yaml: sfrs: spot fleet request ids need AWS to describe them/,
    );
  });
});

describe('simulate: bad input (one line, exit 2)', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'a missing metrics file',
      ['--metrics-data-files', tmp.file('nope.json.gz'), '--cluster', 'c'],
      /nope\.json\.gz.*no such file/,
    ],
    [
      'no capacity series',
      ['--metrics-data-files', example, '--cluster', 'other', ...EXAMPLE_WINDOW],
      /no capacity series for cluster 'other'.*looked for metadata 'fulfilled_capacity\|cluster=other,pool=default\.mesos'.*'fulfilled_capacity\|cluster=c,pool=default\.mesos'/,
    ],
    [
      'end not after start',
      [
        '--metrics-data-files',
        example,
        '--cluster',
        'c',
        '--start-time',
        '2017-12-01T17:00:00Z',
        '--end-time',
        '2017-12-01T16:00:00Z',
      ],
      /--end-time .* must be after --start-time/,
    ],
    [
      'an unknown instance type',
      ['--metrics-data-files', '@unknown', '--cluster', 'c', ...EXAMPLE_WINDOW],
      /unknown instance type 'x9\.huge'/,
    ],
    [
      'a file that is not JSON',
      ['--metrics-data-files', '@notJson', '--cluster', 'c', ...EXAMPLE_WINDOW],
      /not-json\.json\.gz: not valid JSON/,
    ],
    [
      'a duplicate timestamp',
      ['--metrics-data-files', '@dupes', '--cluster', 'c', ...EXAMPLE_WINDOW],
      /dupes\.json\.gz: series 'cpus_allocated\|cluster=c,pool=default\.mesos' \(system_metrics\): duplicate timestamp 5/,
    ],
    [
      'a bad join delay',
      ['--metrics-data-files', example, '--cluster', 'c', '--join-delay-params', '5'],
      /--join-delay-params takes two non-negative numbers/,
    ],
    [
      'a bad billing period',
      ['--metrics-data-files', example, '--cluster', 'c', '--billing-period', 'soon'],
      /--billing-period/,
    ],
    [
      'a bad discount',
      ['--metrics-data-files', example, '--cluster', 'c', '--discount', 'cheap'],
      /--discount must not be negative/,
    ],
  ];
  const notJson = tmp.file('not-json.json.gz');
  writeFileSync(notJson, gzipSync('this is not json'));
  const dupes = metricsFile('dupes.json.gz', {
    system_metrics: {
      'cpus_allocated|cluster=c,pool=default.mesos': [
        [5, 1],
        [5, 2],
      ],
    },
  });
  const unknown = metricsFile('unknown.json.gz', {
    metadata: { 'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<x9.huge, us-west-2a>': 32 }]] },
  });

  it.each(cases)('%s', (_name, args, message) => {
    const files: Record<string, string> = { '@unknown': unknown, '@notJson': notJson, '@dupes': dupes };
    const res = cli(['simulate', ...args.map((a) => files[a] ?? a)]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
