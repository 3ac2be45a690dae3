/**
 * simulate at fleet scale (issue 12): inputs whose capacity is redrawn every minute in three markets
 * (bench/designs/churn-*.yaml: ~640,000 instances launched in 30 days), 30 and 90 days beside a baseline build,
 * and a year of minutes. The baseline is BASELINE_BIN (a bin/run.js), else BASELINE_REF (default `main`)
 * exported with `git archive` into bench/out/baseline and bundled there. Its one-year run is skipped unless
 * BASELINE_YEAR=1: a build that keeps every instance needs gigabytes for it.
 *
 * Goals: 30 days <= 1.5 s, 90 days <= 3.1x the 30-day time, peak RSS <= 250 MB for both, a year <= 400 MB.
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, rmSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');

const NOW = '2017-12-31T00:00:00Z';
const DAY = 86400;

function baselineBin(root, out) {
  if (process.env.BASELINE_BIN) return process.env.BASELINE_BIN;
  const ref = process.env.BASELINE_REF ?? 'main';
  const dir = join(out, 'baseline');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git -C '${root}' archive '${ref}' | tar -x -C '${dir}'`]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'bundle'], { cwd: dir, stdio: 'inherit' });
  return join(dir, 'bin/run.js');
}

function simulateArgv(bin, input, days) {
  const start = new Date(Date.parse(NOW) - days * DAY * 1000).toISOString().replace('.000Z', 'Z');
  return [
    'node',
    bin,
    'simulate',
    '--metrics-data-files',
    input,
    '--cluster',
    'churn',
    '--start-time',
    start,
    '--end-time',
    NOW,
    '--seed',
    '1',
    '--json',
  ];
}

/** `measure(argv)` -> {wall, cpu, rss_mib}; returns the figures for results.json. */
function measureChurn({ root, out, bin, runs, measure, median }) {
  const base = baselineBin(root, out);
  const inputs = {};
  for (const days of [30, 90, 365]) {
    inputs[days] = join(out, `churn-${days}d.json.gz`);
    execFileSync('sh', [
      '-c',
      `rm -f '${inputs[days]}' && exec node '${bin}' generate-data -i '${join(__dirname, `designs/churn-${days}d.yaml`)}' -o '${inputs[days]}' --now ${NOW} --seed 7 --quiet`,
    ]);
  }
  const figures = (rows) => ({
    wall_s: median(rows.map((r) => r.wall)),
    peak_rss_mib: Math.max(...rows.map((r) => r.rss_mib)),
  });
  const result = {};
  for (const days of [30, 90, 365]) {
    const ours = [];
    const baseline = [];
    const withBaseline = days !== 365 || process.env.BASELINE_YEAR === '1';
    // A year is long: fewer runs.
    for (let i = 0; i < (days === 365 ? Math.min(runs, 2) : runs); i++) {
      ours.push(measure(simulateArgv(bin, inputs[days], days)));
      if (withBaseline) baseline.push(measure(simulateArgv(base, inputs[days], days)));
    }
    result[`${days}d`] = { ours: figures(ours), baseline: withBaseline ? figures(baseline) : null };
  }
  result.ours_90d_over_30d = result['90d'].ours.wall_s / result['30d'].ours.wall_s;
  return result;
}

function printChurn(result, line, fmt) {
  for (const days of [30, 90, 365]) {
    const r = result[`${days}d`];
    const goal = days === 30 ? 'goal <= 1.5' : '';
    line(`simulate churn ${days} days: wall s`, fmt(r.ours.wall_s), goal);
    line('  peak RSS MiB', fmt(r.ours.peak_rss_mib, 1), days === 365 ? 'goal <= 400 MB' : 'goal <= 250 MB');
    if (r.baseline) {
      line(
        '  baseline: wall s / peak RSS MiB',
        `${fmt(r.baseline.wall_s)} / ${fmt(r.baseline.peak_rss_mib, 1)}`,
        '',
      );
    }
  }
  line('  churn 90 days / 30 days', fmt(result.ours_90d_over_30d, 2), 'goal <= 3.1');
}

module.exports = { measureChurn, printChurn };
