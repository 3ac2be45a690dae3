#!/usr/bin/env node
/**
 * generate-events output formats (issue 13): each format beside JSON lines on the same config and
 * arguments (the baseline: same records, other text), pinned to one core like bench/events.js.
 *   - B2/B3 with their pattern files, as the reference's throughput table ran them (its best pinned rows/s);
 *   - CSV, Parquet and --metrics on designs/events/web-traffic.yaml; the v3 template on ssh_auth.json.
 * Rows/s over the run alone (the CLI's `Wrote N records ... in S s`), wall time and peak RSS per process.
 *
 *   node bench/event-formats.js     (RUNS=n, default 3; bench/run.js calls measureFormats too)
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin/run.js');
const IMPLY = resolve(process.env.CLUSTERMAN_SHARED ?? resolve(ROOT, '../shared'), 'fixtures/imply');
const OUT = join(__dirname, 'out');
const WEB = join(ROOT, 'designs/events/web-traffic.yaml');
const S = ['-s', '2024-01-01T00:00:00', '--seed', '42'];
const pinned = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];

/** Each case: the format's arguments and the JSON-lines baseline's (both write to a file in bench/out). */
function cases() {
  const imply = (f) => join(IMPLY, f);
  const out = (name) => join(OUT, name);
  const web = ['-c', WEB, ...S, '-n', '200000', '-m', '1000'];
  return [
    {
      id: 'B2 pattern',
      reference: 6_100,
      args: [
        '-c',
        imply('apache_access_combined.json'),
        '-f',
        imply('tsv_apache_access_combined.txt'),
        ...S,
        '-n',
        '150000',
        '-o',
        out('b2.log'),
      ],
      base: ['-c', imply('apache_access_combined.json'), ...S, '-n', '150000', '-o', out('b2.jsonl')],
    },
    {
      id: 'B3 pattern',
      reference: 5_000,
      args: [
        '-c',
        imply('vpc_flow_logs.json'),
        '-f',
        imply('vpc_flow_logs.txt'),
        ...S,
        '-n',
        '100000',
        '-o',
        out('b3.log'),
      ],
      base: ['-c', imply('vpc_flow_logs.json'), ...S, '-n', '100000', '-o', out('b3.jsonl')],
    },
    {
      id: 'v3 template',
      args: [
        '-c',
        imply('ssh_auth.json'),
        '-t',
        'linux_secure',
        ...S,
        '-n',
        '100000',
        '-m',
        '5000',
        '-o',
        out('ssh.log'),
      ],
      base: ['-c', imply('ssh_auth.json'), ...S, '-n', '100000', '-m', '5000', '-o', out('ssh.jsonl')],
    },
    {
      id: 'web CSV',
      args: [...web, '--format', 'csv', '-o', out('web.csv')],
      base: [...web, '-o', out('web.jsonl')],
    },
    {
      id: 'web Parquet',
      args: [...web, '--format', 'parquet', '-o', out('web.parquet')],
      base: [...web, '-o', out('web.jsonl')],
    },
    {
      id: 'web --metrics',
      args: [...web, '-o', out('web-m.jsonl'), '--metrics', out('web.json.gz')],
      base: [...web, '-o', out('web.jsonl')],
    },
  ];
}

function run(args) {
  const res = spawnSync(
    'python3',
    [join(__dirname, 'measure.py'), '--', ...pinned, 'node', BIN, 'generate-events', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (res.status !== 0) throw new Error(`measure failed: ${res.stderr}`);
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0) throw new Error(`generate-events ${args.join(' ')} exited ${m.exit}: ${res.stderr}`);
  const inRun = /Wrote (\d+) records .* in ([\d.]+) s/.exec(res.stderr);
  return { ...m, records: inRun ? Number(inRun[1]) : NaN, run_s: inRun ? Number(inRun[2]) : NaN };
}

const { median } = require('./timing.js');

function summarize(rows) {
  return {
    records: rows[0].records,
    rows_per_s: median(rows.map((r) => r.records / r.run_s)),
    wall_s: median(rows.map((r) => r.wall)),
    peak_rss_mib: Math.max(...rows.map((r) => r.rss_mib)),
  };
}

function measureFormats(runs = 3) {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(IMPLY)) return { skipped: `${IMPLY} is absent` };
  const result = {};
  for (const c of cases()) {
    const ours = [];
    const base = [];
    // Interleaved, so that a change in the machine's load hits both sides.
    for (let i = 0; i < runs; i++) {
      ours.push(run(c.args));
      base.push(run(c.base));
    }
    result[c.id] = {
      format: summarize(ours),
      json_lines: summarize(base),
      reference_rows_per_s: c.reference,
    };
  }
  for (const f of [
    'b2.log',
    'b3.log',
    'ssh.log',
    'web.csv',
    'web.parquet',
    'web-m.jsonl',
    'b2.jsonl',
    'b3.jsonl',
    'ssh.jsonl',
    'web.jsonl',
  ])
    rmSync(join(OUT, f), { force: true });
  return result;
}

function printFormats(result, line = (a, b, c) => console.log(`${a}: ${b} ${c}`)) {
  if (result.skipped) return console.log(`generate-events formats: skipped (${result.skipped})`);
  for (const [id, r] of Object.entries(result)) {
    const k = (x) => Math.round(x).toLocaleString('en-US');
    const goal = r.reference_rows_per_s ? `reference ${k(r.reference_rows_per_s)}/s, goal >= 50x` : '';
    line(`generate-events ${id}: rows/s (${k(r.format.records)} records)`, k(r.format.rows_per_s), goal);
    line('  JSON lines, same run: rows/s', k(r.json_lines.rows_per_s), '');
    line('  format / JSON lines, wall', (r.format.wall_s / r.json_lines.wall_s).toFixed(2), '');
    line(
      '  peak RSS MiB (format / JSON lines)',
      `${r.format.peak_rss_mib.toFixed(1)} / ${r.json_lines.peak_rss_mib.toFixed(1)}`,
      '',
    );
  }
  return undefined;
}

module.exports = { measureFormats, printFormats };

if (require.main === module) printFormats(measureFormats(Number(process.env.RUNS ?? 3)));
