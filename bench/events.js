#!/usr/bin/env node
/**
 * generate-events figures (issue 13): the four v2 configs of the reference's throughput table with its
 * arguments, pinned to one core (`taskset -c 0`), beside the reference's best pinned rows/s (its spec, §8),
 * whose goal is 50x; peak RSS for 10x the records (flat in -n); and -m 100,000 live workers.
 * Rows/s are given two ways: over the whole process (start-up included, as the reference's figures are) and
 * over the run alone (the CLI's own `Wrote N records ... in S s` line). B2 and B3 render the pattern files
 * (-f) the reference's table used.
 *
 * IMPLY_REFERENCE=/path/to/imply-eventgenerator (v2: implydata/imply-eventgenerator at 94b1655, a checkout
 * outside this repository, run with Debian's /usr/bin/python3 and its python3-numpy, -dateutil,
 * -sortedcontainers, -isodate, -kafka and -confluent-kafka packages: the generator imports both Kafka clients
 * even when it writes to stdout) also runs the reference itself on each case, once, pinned the same way, in
 * the same run: its rows/s beside ours.
 *
 *   node bench/events.js            (RUNS=n, default 3; bench/run.js calls measureEvents too)
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/run.js');
// ../shared beside the checkout; CLUSTERMAN_SHARED names it where the checkout is elsewhere (a worktree).
const IMPLY = resolve(process.env.CLUSTERMAN_SHARED ?? resolve(ROOT, '../shared'), 'fixtures/imply');
const OUT = join(__dirname, 'out');
const S = '2024-01-01T00:00:00';

/** The reference's table (pinned runs): config, -n, best rows/s, and the pattern file B2/B3 used there. */
const CASES = [
  { id: 'B1', config: 'clickstream.json', n: 200_000, reference: 14_200 },
  {
    id: 'B2',
    config: 'apache_access_combined.json',
    pattern: 'tsv_apache_access_combined.txt',
    n: 150_000,
    reference: 6_100,
  },
  { id: 'B3', config: 'vpc_flow_logs.json', pattern: 'vpc_flow_logs.txt', n: 100_000, reference: 5_000 },
  { id: 'B4', config: 'apache_access_json.json', n: 150_000, reference: 5_600 },
];

const REFERENCE = process.env.IMPLY_REFERENCE;

/** One pinned run of the reference (v2 generator.py, its own conf/ copies of the configs). */
function runReference(c) {
  const args = ['generator.py', '-c', `conf/gen/${c.config}`, '-s', S, '-n', String(c.n), '--seed', '42'];
  if (c.pattern) args.push('-f', `conf/form/${c.pattern}`);
  const res = spawnSync(
    'python3',
    [join(__dirname, 'measure.py'), '--', ...pinned, '/usr/bin/python3', ...args],
    {
      cwd: REFERENCE,
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`measure failed: ${res.stderr}`);
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0)
    throw new Error(`reference ${args.join(' ')} exited ${m.exit}: ${res.stderr.slice(-500)}`);
  return { wall_s: m.wall, cpu_s: m.cpu, rows_per_s: c.n / m.wall, peak_rss_mib: m.rss_mib };
}

const pinned = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];

function run(args) {
  const res = spawnSync('python3', [join(__dirname, 'measure.py'), '--', ...pinned, 'node', BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`measure failed: ${res.stderr}`);
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0) throw new Error(`generate-events ${args.join(' ')} exited ${m.exit}: ${res.stderr}`);
  const inRun = /Wrote (\d+) records .* in ([\d.]+) s/.exec(res.stderr);
  return { ...m, records: inRun ? Number(inRun[1]) : NaN, run_s: inRun ? Number(inRun[2]) : NaN };
}

const { median } = require('./timing.js');

/** A config whose workers live for hours: -m 100000 fills up in simulated seconds. */
function manyWorkersConfig() {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'events-many-workers.json');
  writeFileSync(
    file,
    JSON.stringify({
      interarrival: { type: 'exponential', mean: 0.001 },
      emitters: [
        {
          name: 'e',
          dimensions: [
            { type: 'clock', name: 'time' },
            { type: 'variable', name: 'id', variable: 'id' },
            { type: 'int', name: 'v', distribution: { type: 'uniform', min: 0, max: 1000 } },
          ],
        },
      ],
      states: [
        {
          name: 'live',
          emitter: 'e',
          variables_on_entry: [
            { type: 'int', name: 'id', distribution: { type: 'uniform', min: 0, max: 1e9 } },
          ],
          delay: { type: 'exponential', mean: 3600 },
          transitions: [{ next: 'live', probability: 1 }],
        },
      ],
    }),
  );
  return file;
}

function measureEvents(runs = 3) {
  if (!existsSync(IMPLY)) return { skipped: `${IMPLY} is absent` };
  const cases = CASES.map((c) => {
    const rows = [];
    const args = ['generate-events', '-c', join(IMPLY, c.config), '-s', S, '-n', String(c.n), '--seed', '42'];
    if (c.pattern) args.push('-f', join(IMPLY, c.pattern));
    for (let i = 0; i < runs; i++) rows.push(run(args));
    const wall = median(rows.map((r) => r.wall));
    const runS = median(rows.map((r) => r.run_s));
    return {
      ...c,
      records: rows[0].records,
      wall_s: wall,
      rows_per_s: c.n / wall,
      run_rows_per_s: c.n / runS,
      x_reference: c.n / wall / c.reference,
      x_reference_run: c.n / runS / c.reference,
      cpu_s: median(rows.map((r) => r.cpu)),
      peak_rss_mib: Math.max(...rows.map((r) => r.rss_mib)),
      ...(REFERENCE ? { measured_reference: runReference(c) } : {}),
    };
  });
  const click = (n) =>
    run(['generate-events', '-c', join(IMPLY, 'clickstream.json'), '-s', S, '-n', String(n), '--seed', '42']);
  const flat = { n_200k_mib: click(200_000).rss_mib, n_2m_mib: click(2_000_000).rss_mib };
  const many = run([
    'generate-events',
    '-c',
    manyWorkersConfig(),
    '-s',
    S,
    '-n',
    '300000',
    '-m',
    '100000',
    '--seed',
    '1',
  ]);
  return {
    cases,
    flat,
    many_workers: { workers: 100_000, records: 300_000, wall_s: many.wall, peak_rss_mib: many.rss_mib },
  };
}

function printEvents(
  result,
  line = (l, v, g) => console.log(`${l.padEnd(52)} ${String(v).padStart(12)}  ${g}`),
) {
  if (result.skipped) return console.log(`generate-events: skipped (${result.skipped})`);
  const n = (x) => Math.round(x).toLocaleString('en-US');
  for (const c of result.cases) {
    line(`generate-events ${c.id} ${c.config} -n ${n(c.n)}: wall s`, c.wall_s.toFixed(2), '');
    line(
      '  rows/s, whole process / run alone',
      `${n(c.rows_per_s)} / ${n(c.run_rows_per_s)}`,
      `goal >= ${n(50 * c.reference)}`,
    );
    line(
      '  x reference (pinned), whole / run',
      `${c.x_reference.toFixed(1)} / ${c.x_reference_run.toFixed(1)}`,
      'goal >= 50',
    );
    line('  CPU s (user+sys)', c.cpu_s.toFixed(2), '');
    line('  peak RSS MiB', c.peak_rss_mib.toFixed(1), 'goal <= 150');
    const r = c.measured_reference;
    if (r) {
      line('  reference, same run: wall s / CPU s', `${r.wall_s.toFixed(2)} / ${r.cpu_s.toFixed(2)}`, '');
      line(
        '  reference rows/s; ours x it (whole process)',
        `${n(r.rows_per_s)}; ${(c.rows_per_s / r.rows_per_s).toFixed(1)}`,
        'goal >= 50',
      );
    }
  }
  line(
    'clickstream peak RSS MiB, -n 200k / 2M',
    `${result.flat.n_200k_mib.toFixed(0)} / ${result.flat.n_2m_mib.toFixed(0)}`,
    'flat',
  );
  line(
    '-m 100,000 workers, 300k records: peak RSS MiB',
    result.many_workers.peak_rss_mib.toFixed(0),
    'goal <= 500',
  );
}

module.exports = { measureEvents, printEvents };

if (require.main === module) printEvents(measureEvents(Number(process.env.RUNS ?? 3)));
