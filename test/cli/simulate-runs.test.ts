/**
 * simulate runs from the CLI beyond the summary: an autoscaler, saved and compared results, a custom policy
 * module, and windows outside the data. (test/cli/simulate.test.ts has the replays and bad input.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { itestLikeData, writeJsonpickle } from '../support/clusterman-files';
import { ROOT } from '../support/paths';
import { EXAMPLE_WINDOW, writeWorkedExample } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const example = writeWorkedExample(tmp.file('example.json.gz'));

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
