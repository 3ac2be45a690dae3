/**
 * `npm run bench`, section 9: `validate telemetry` on 10,000 devices x 1 day x 60 s x 2 measurements
 * (28.8 million rows, about 3.7 GB of CSV, made once by bench/telemetry-writer.js), in rows/s (goal >= 5
 * million) and peak RSS, beside `wc -l` reading the same file (the floor for any tool that reads every byte).
 * VALIDATE_DEVICES=n makes a smaller fleet for a quick look.
 *
 *   node bench/validate.js            (after npm run build)
 */
const { execFileSync } = require('node:child_process');
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, 'out');
const BIN = join(ROOT, 'bin/run.js');
const DEVICES = Number(process.env.VALIDATE_DEVICES ?? 10_000);
const INTERVAL = 60;

const { measure, median } = require('./timing.js');

function benchValidate(runs) {
  const dir = join(OUT, `validate-${DEVICES}x${INTERVAL}s`);
  const data = join(dir, 'data-2023-02-27.csv');
  const rows = DEVICES * (86_400 / INTERVAL) * 2;
  // Made once and kept between runs of the bench: writing 3.7 GB is not what is measured.
  if (!existsSync(join(dir, 'contract.yaml'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('node', [join(__dirname, 'telemetry-writer.js'), dir, String(DEVICES), String(INTERVAL)], {
      stdio: 'inherit',
    });
  }
  const ours = [];
  const wc = [];
  for (let i = 0; i < runs; i++) {
    ours.push(measure(['node', BIN, 'validate', 'telemetry', '-d', dir]));
    wc.push(measure(['wc', '-l', data]));
  }
  const wall = median(ours.map((m) => m.wall));
  return {
    rows,
    wall_s: wall,
    cpu_s: median(ours.map((m) => m.cpu)),
    rows_per_s: rows / wall,
    peak_rss_mib: Math.max(...ours.map((m) => m.rss_mib)),
    wc_l_wall_s: median(wc.map((m) => m.wall)),
  };
}

function printValidate(r) {
  const line = (label, value, goal) =>
    console.log(`${label.padEnd(52)} ${String(value).padStart(12)}  ${goal}`);
  line(`validate telemetry, ${r.rows.toLocaleString('en-US')} CSV rows: wall s`, r.wall_s.toFixed(2), '');
  line('  rows/s', Math.round(r.rows_per_s).toLocaleString('en-US'), 'goal >= 5,000,000');
  line('  CPU s', r.cpu_s.toFixed(2), '');
  line('  peak RSS MiB', r.peak_rss_mib.toFixed(1), 'flat in rows');
  line('  wc -l on the same file: wall s', r.wc_l_wall_s.toFixed(2), '');
}

module.exports = { benchValidate, printValidate };

if (require.main === module) {
  const r = benchValidate(Number(process.env.RUNS ?? 3));
  printValidate(r);
  if (process.env.JSON) console.log(JSON.stringify(r));
}
