#!/usr/bin/env node
/**
 * generate-telemetry figures (issue 15): 10,000 devices x 1 day x 60 s x 2 measurements = 28.8 million rows,
 * `reference` values, CSV and Parquet, each beside DuckDB doing the reference's cartesian-join COPY
 * (ORDER BY t, sn) on the same inventory (bench/telemetry-duckdb.js); wall time and peak RSS from the kernel
 * (bench/measure.py). Goals: <= 0.25x DuckDB's time per format, RSS <= 500 MB. Plus, in-process, the
 * expression model (designs/telemetry/power-cpu.yaml) in rows/s (goal >= 5 million).
 *
 * Called by bench/run.js; alone: `node bench/telemetry.js` (RUNS=n, TELEMETRY_DEVICES=n for a smaller fleet).
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, 'out', 'telemetry');
const BIN = join(ROOT, 'bin/run.js');

const { measure, median } = require('./timing.js');

async function benchTelemetry(runs = 3, devices = 10_000) {
  mkdirSync(OUT, { recursive: true });
  const dir = join(OUT, 'fleet');
  execFileSync(process.execPath, [
    BIN,
    'generate-inventory',
    '-d',
    dir,
    '-n',
    String(devices),
    '--seed',
    '1',
    '--yes',
    '-q',
  ]);
  const inventory = join(dir, 'inventory.csv');
  const rows = devices * 1440 * 2;
  const result = { devices, rows };
  for (const format of ['csv', 'parquet']) {
    const ours = [];
    const duck = [];
    const duckOut = join(OUT, `duckdb.${format}`);
    // Interleaved, and each output removed at once: two 4 GB CSVs need not sit on the disk together.
    for (let i = 0; i < runs; i++) {
      ours.push(
        measure([
          process.execPath,
          BIN,
          'generate-telemetry',
          '-d',
          dir,
          '--date',
          '2023-02-27',
          '--interval',
          '60',
          '--format',
          format,
          '--seed',
          '1',
          '--yes',
          '-q',
        ]),
      );
      rmSync(join(dir, `data-2023-02-27.${format}`), { force: true });
      duck.push(
        measure([process.execPath, join(__dirname, 'telemetry-duckdb.js'), inventory, duckOut, format, '60']),
      );
      rmSync(duckOut, { force: true });
    }
    const wall = median(ours.map((r) => r.wall));
    const duckWall = median(duck.map((r) => r.wall));
    result[format] = {
      wall_s: wall,
      rows_per_s: rows / wall,
      peak_rss_mib: Math.max(...ours.map((r) => r.rss_mib)),
      duckdb_wall_s: duckWall,
      duckdb_peak_rss_mib: Math.max(...duck.map((r) => r.rss_mib)),
      ours_over_duckdb: wall / duckWall,
    };
  }
  result.expression_rows_per_s = await expressionRate(inventory, runs);
  rmSync(OUT, { recursive: true, force: true });
  return result;
}

/** The power/cpu expression model alone (no formatting, no I/O): rows (device x slot x measurement) per second. */
async function expressionRate(inventory, runs) {
  const bundle = join(OUT, 'telemetry-src.js');
  execFileSync(
    'npx',
    [
      'esbuild',
      join(__dirname, 'telemetry-entry.ts'),
      '--bundle',
      '--platform=node',
      '--format=cjs',
      `--outfile=${bundle}`,
      '--log-level=warning',
    ],
    { cwd: ROOT },
  );
  const t = require(bundle);
  const tables = join(ROOT, 'designs', 'telemetry');
  const set = await t.loadMeasurements(join(tables, 'power-cpu.yaml'));
  const devices = await t.readInventory(inventory);
  const model = new t.DeviceModel({
    set,
    devices,
    types: await t.readTypesTable(join(tables, 'server-types.csv')),
    locations: await t.readLocationsTable(join(tables, 'locations.csv')),
    seed: 1n,
  });
  const out = new Float64Array(set.measurements.length);
  // A whole day of 1-minute slots, as generate-telemetry makes it: the JIT's warm-up counts, spread as in a run.
  const slots = 1440;
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    model.startFile();
    for (let k = 0; k < slots; k++) {
      model.startSlot(1677456000 + k * 60);
      for (let d = 0; d < devices.length; d++) model.compute(d, out);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push((slots * devices.length * set.measurements.length) / seconds);
  }
  return median(rates);
}

function printTelemetry(r) {
  const line = (label, value, goal = '') =>
    console.log(`${label.padEnd(52)} ${String(value).padStart(12)}  ${goal}`);
  const n = (x) => Math.round(x).toLocaleString('en-US');
  for (const format of ['csv', 'parquet']) {
    const f = r[format];
    line(`generate-telemetry ${n(r.rows)} rows, ${format}: wall s`, f.wall_s.toFixed(2));
    line('  rows/s', n(f.rows_per_s));
    line('  peak RSS MiB', f.peak_rss_mib.toFixed(1), 'goal <= 500');
    line(`  DuckDB cartesian COPY ORDER BY t, sn: wall s`, f.duckdb_wall_s.toFixed(2));
    line('  DuckDB peak RSS MiB', f.duckdb_peak_rss_mib.toFixed(1));
    line('  ours / DuckDB', f.ours_over_duckdb.toFixed(2), 'goal <= 0.25');
  }
  line('telemetry expression model (power/cpu): rows/s', n(r.expression_rows_per_s), 'goal >= 5,000,000');
}

module.exports = { benchTelemetry, printTelemetry };

if (require.main === module) {
  const devices = Number(process.env.TELEMETRY_DEVICES ?? 10_000);
  benchTelemetry(Number(process.env.RUNS ?? 3), devices).then((r) => {
    printTelemetry(r);
    console.log(JSON.stringify(r));
  });
}
