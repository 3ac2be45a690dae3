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

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ITEST = join(CLUSTERMAN_FIXTURES, 'itest-metrics.json.gz');
const WINDOW = ['--start-time', '2017-12-01T16:00:00Z', '--end-time', '2017-12-01T17:00:00Z'];

function metricsFile(name: string, doc: unknown): string {
  const path = tmp.file(name);
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

/** One c3.8xlarge (32 vCPUs) for two hours, $1/h then $2/h from the half hour: clusterman's worked example. */
const example = metricsFile('example.json.gz', {
  metadata: {
    'fulfilled_capacity|cluster=c,pool=default.mesos': [[0, { '<c3.8xlarge, us-west-2a>': 32 }]],
    'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge': [
      [0, 1],
      [1800, 2],
    ],
  },
  system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': [[0, 16]] },
});
const EXAMPLE_WINDOW = ['--start-time', '1970-01-01T00:00:00Z', '--end-time', '1970-01-01T02:00:00Z'];

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

describe('simulate with --autoscaler-config', () => {
  it('runs examples/autoscaler.yaml over the autoscaler-workload design', () => {
    const workload = tmp.file('workload.json.gz');
    const made = cli([
      'generate-data',
      '-i',
      join(ROOT, 'designs/autoscaler-workload.yaml'),
      '-o',
      workload,
      '--now',
      '2017-12-08T00:00:00Z',
      '--seed',
      '7',
      '-q',
    ]);
    expect(made.status).toBe(0);
    const args = [
      'simulate',
      '--metrics-data-files',
      workload,
      '--cluster',
      'norcal-prod',
      '--start-time',
      '2017-12-01T00:00:00Z',
      '--end-time',
      '2017-12-08T00:00:00Z',
      '--json',
    ];
    const scaled = cli([...args, '--autoscaler-config', join(ROOT, 'examples/autoscaler.yaml')]);
    expect(scaled.status).toBe(0);
    const doc = JSON.parse(scaled.stdout) as {
      avg_cpus: number;
      avg_cpus_allocated: number;
      total_cost: number;
      instances_launched: number;
    };
    // The policy keeps allocation near 70% of capacity (0.65-0.75 band, with instance rounding and lag).
    const utilization = doc.avg_cpus_allocated / doc.avg_cpus;
    expect(utilization).toBeGreaterThan(0.55);
    expect(utilization).toBeLessThan(0.8);
    expect(doc.total_cost).toBeGreaterThan(0);
    expect(doc.instances_launched).toBeGreaterThan(10);
  });

  it('a malformed config is one line naming the file and field, exit 2', () => {
    const bad = tmp.file('bad-scaler.yaml');
    writeFileSync(
      bad,
      'setpoint: 2\nresource_groups: [{type: on_demand, instance_type: m5.large, az: us-west-2a, weight: 2}]\n',
    );
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--autoscaler-config',
      bad,
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(`Error: ${bad}: setpoint: must be in (0, 1]`);
  });
});

describe('saving and comparing results', () => {
  const run = (out: string, period: string) =>
    cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--billing-period',
      period,
      '--simulation-result-file',
      out,
      '--name',
      period,
      '--json',
    ]);

  it('--simulation-result-file saves a result that --compare reads back; two results combine point by point', () => {
    const perSecond = tmp.file('per-second.result.gz');
    const hourly = tmp.file('hourly.result.gz');
    expect(run(perSecond, '1s').status).toBe(0);
    expect(run(hourly, '1h').status).toBe(0);
    const res = cli(['simulate', '--compare', perSecond, hourly, '--json']);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as Record<string, unknown>;
    expect(doc.name).toBe('[1s] / [1h]');
    expect(doc.total_cost as number).toBeCloseTo(3.5 / 3, 10);
    expect(doc.avg_cpus).toBe(1);
    const diff = cli(['simulate', '--compare', perSecond, hourly, '--comparison-operator', 'sub', '--json']);
    expect((JSON.parse(diff.stdout) as { total_cost: number }).total_cost).toBeCloseTo(0.5, 10);
  });

  it('a run compares with one saved result, the run first', () => {
    const hourly = tmp.file('hourly-2.result.gz');
    expect(run(hourly, '1h').status).toBe(0);
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--compare',
      hourly,
      '--comparison-operator',
      'sub',
      '--json',
    ]);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as { name: string; total_cost: number };
    expect(doc.name).toBe('[simulation] - [1h]');
    expect(doc.total_cost).toBeCloseTo(0.5, 10);
  });

  it.each([
    [['--compare', 'a', 'b', 'c'], /--compare takes one or two saved results \(got 3\)/],
    [
      ['--compare', 'a'],
      /give --metrics-data-files or --metrics-datastore to simulate, or --compare with two saved results/,
    ],
    [['--compare', '@example', '@example'], /not a simulation result/],
  ])('bad comparisons are one line, exit 2 (%#)', (args, message) => {
    const res = cli(['simulate', ...args.map((a) => (a === '@example' ? example : a))]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
  });
});

describe('a custom policy module from the CLI', () => {
  function scaler(name: string, policy: string): string {
    writeFileSync(tmp.file(`${name}.js`), policy);
    const config = tmp.file(`${name}.yaml`);
    writeFileSync(
      config,
      `period: 10m\ntarget_capacity: 32\npolicy: ./${name}.js\nresource_groups:\n  - type: spot_fleet\n    launch_specs: [{instance_type: c3.8xlarge, az: us-west-2a, bid: 1, weight: 32}]\n`,
    );
    return config;
  }

  it('its answer sets the target (a path relative to the config)', () => {
    const config = scaler('fixed', 'module.exports = () => 96;');
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--autoscaler-config',
      config,
      '--json',
    ]);
    expect(res.status).toBe(0);
    // 32 vCPUs for the first 10 minutes, then 3 instances.
    expect((JSON.parse(res.stdout) as { avg_cpus: number }).avg_cpus).toBeCloseTo(
      (32 * 600 + 96 * 6600) / 7200,
      10,
    );
  });

  it('one that throws stops the run: one line naming the module and the time, exit 2', () => {
    const config = scaler('broken', "module.exports = () => { throw new Error('no signal'); };");
    const res = cli([
      'simulate',
      '--metrics-data-files',
      example,
      '--cluster',
      'c',
      ...EXAMPLE_WINDOW,
      '--autoscaler-config',
      config,
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      `Error: policy module ${tmp.file('broken.js')} threw at 1970-01-01T00:10:00Z: no signal`,
    );
  });
});

describe('simulate: a window outside the data', () => {
  // The example's data is at 1970-01-01 00:00-00:30; with no window, simulate takes the last hour before --now.
  const base = ['simulate', '--metrics-data-files', example, '--cluster', 'c'];

  it('exits 2 naming the window and the span, instead of carrying 1970 forward', () => {
    const res = cli([...base, '--now', '2026-12-02T13:00:00Z']);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim()).toBe(
      'Error: the window 2026-12-02T12:00:00Z – 13:00:00Z holds no capacity data: the metrics span ' +
        '1970-01-01T00:00:00Z – 00:00:00Z (give --start-time/--end-time inside it, or --allow-stale)',
    );
  });

  it('--allow-stale simulates it with the last values', () => {
    const res = cli([...base, '--now', '2026-12-02T13:00:00Z', '--allow-stale', '--json']);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ avg_cpus: 32, avg_cpus_allocated: 16 });
  });

  it('a window before the first point is refused even with --allow-stale', async () => {
    // An hour of data from 2017-12-01T16:00:00Z, written here: the test needs no ../shared.
    const itestLike = await writeJsonpickle(
      tmp.file('itest-like-span.json.gz'),
      itestLikeData(Date.UTC(2017, 11, 1, 16) / 1000),
    );
    const res = cli([
      'simulate',
      '--metrics-data-files',
      itestLike,
      '--cluster',
      'local-dev',
      '--start-time',
      '2017-11-30T00:00:00Z',
      '--end-time',
      '2017-11-30T01:00:00Z',
      '--allow-stale',
    ]);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      'Error: the window 2017-11-30T00:00:00Z – 01:00:00Z holds no capacity data: the metrics span ' +
        '2017-12-01T16:00:00Z – 16:59:00Z (give --start-time/--end-time inside it)',
    );
  });
});
