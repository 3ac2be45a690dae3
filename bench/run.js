#!/usr/bin/env node
/**
 * `npm run bench`: whole-command figures, each side by side with its baseline in the same run (interleaved,
 * median of several runs). Wall time, CPU and peak RSS come from the kernel (bench/measure.py, wait4).
 *
 *   1. generate-data, 20 series x 12 h at 1 s (864,000 points) vs (a) `gzip -6` alone on the same uncompressed
 *      JSON and (b) a plain-Python clusterman loop writing the same bytes at the same gzip level;
 *   2. 10 million points: peak RSS must stay flat (goal <= 200 MB);
 *   3. `clusterman --help` (goal < 400 ms);
 *   5. backfill: 1 million points (10 series x 100,000 one-minute steps) from the SignalFx stand-in to a file
 *      (goals >= 500,000 points/s, <= 300 MB), beside curl fetching the same chunks to /dev/null.
 *   6. import into VictoriaMetrics: 1 million points through the datastore module, beside curl posting the
 *      same points as JSON lines (needs Debian's victoria-metrics; skipped with a message otherwise).
 *   7. in-process: evaluations/s of a typical expression (goal >= 200,000) and a year of minute points
 *      through the time-zone conversion (goal < 1 s) (bench/micro.js).
 *   4. simulate: 30 days of 1-minute capacity and allocation over 3 markets with random spot-price changes
 *      (goal <= 3 s), and 90 days (goal <= 3.5x the 30-day time).
 *   8. generate-telemetry: 10,000 devices x 1 day x 60 s x 2 measurements (28.8 million rows), CSV and Parquet,
 *      each beside DuckDB's cartesian-join COPY ORDER BY t, sn (goals <= 0.25x, <= 500 MB), and the expression
 *      model in rows/s (goal >= 5 million) (bench/telemetry.js; at most 3 runs: each writes gigabytes).
 *   9. validate telemetry: 10,000 devices x 1 day x 60 s x 2 measurements (28.8 million CSV rows), rows/s
 *      (goal >= 5 million) and peak RSS, beside wc -l on the same file (bench/validate.js).
 *  10. users run: 1,000 users x 7 days beside the reference's figure, 100,000 users x 1 day, and their resume
 *      (bench/users.js; needs ../shared).
 *  14. simulate at fleet scale: capacity redrawn every minute (~640,000 instances in 30 days), 30 and 90 days
 *      beside a baseline build, and a year (bench/churn.js).
 *
 *  11. the state store and the file sink (bench/store.js).
 *  12. generate-events on the reference's four throughput configs, pinned (bench/events.js).
 *  13. generate-events output formats beside JSON lines (bench/event-formats.js).
 *  15. generate-events targets: stdout, -o file, .gz, hourly rotation and http, beside a baseline build
 *      (bench/event-targets.js).
 *
 * Options: RUNS=n (default 5); ONLY=4,14 runs those cases alone (to re-measure one issue's figures).
 * Cases run one after another (none is timed beside another) and print their lines as they end;
 * bench/out/results.json holds every figure measured so far.
 */
const { execFileSync, spawn, spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { join, resolve } = require('node:path');
const { gunzipSync } = require('node:zlib');
const { measure, median } = require('./timing.js');

const ROOT = join(__dirname, '..');
const SHARED = resolve(process.env.CLUSTERMAN_SHARED ?? join(ROOT, '../shared'));
const OUT = join(__dirname, 'out');
const RUNS = Number(process.env.RUNS ?? 5);
const BIN = join(ROOT, 'bin/run.js');
const SEED = '1';

mkdirSync(OUT, { recursive: true });

const fmt = (x, digits = 3) => x.toFixed(digits);
const count = (x) => Math.round(x).toLocaleString('en-US');
const mb = (n) => (n / 1e6).toFixed(2);
const line = (label, value, goal = '') =>
  console.log(`${label.padEnd(52)} ${String(value).padStart(12)}  ${goal}`);
const medianOf = (rows, key) => median(rows.map((r) => r[key]));
const maxOf = (rows, key) => Math.max(...rows.map((r) => r[key]));

/** A fresh output each time: an existing file would be read and merged, which is another figure. */
function generate(design, out) {
  return [
    'sh',
    '-c',
    `rm -f '${out}' && exec node '${BIN}' generate-data -i '${design}' -o '${out}' --seed ${SEED} --yes --quiet`,
  ];
}

function countPoints(file) {
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  let n = 0;
  for (const byKey of Object.values(doc)) for (const points of Object.values(byKey)) n += points.length;
  return n;
}

/** A TypeScript module bundled to CommonJS in OUT, for the bench's plain-Node helpers to require. */
function bundleTs(entry, outName) {
  const argv = ['esbuild', entry, '--bundle', '--platform=node', '--format=cjs'];
  execFileSync('npx', [...argv, `--outfile=${join(OUT, outName)}`, '--log-level=warning'], { cwd: ROOT });
}

/** 1. The 864,000-point run, interleaved with its two baselines (gzip -6 alone, a plain-Python loop). */
function generateData() {
  const design = join(__dirname, 'designs/uniform-20x12h.yaml');
  const ours = join(OUT, 'ours.json.gz');
  const theirs = join(OUT, 'python.json.gz');
  const plain = join(OUT, 'ours.json');
  const points = 20 * 12 * 3600;
  const start = Date.UTC(2017, 11, 1) / 1000;
  const python = [
    'python3',
    join(__dirname, 'clusterman_loop.py'),
    theirs,
    SEED,
    '20',
    String(start),
    String(start + 12 * 3600),
    '1',
    '0',
    '100',
    '6',
  ];
  const first = generate(design, ours);
  execFileSync(first[0], first.slice(1), { cwd: ROOT });
  writeFileSync(plain, gunzipSync(readFileSync(ours)));
  const gzipShell = ['sh', '-c', `gzip -6 -c '${plain}' > /dev/null`];
  const rows = { ours: [], gzip: [], python: [] };
  for (let i = 0; i < RUNS; i++) {
    rows.ours.push(measure(generate(design, ours)));
    rows.gzip.push(measure(gzipShell));
    rows.python.push(measure(python));
  }
  const same = Buffer.compare(gunzipSync(readFileSync(ours)), gunzipSync(readFileSync(theirs))) === 0;
  const r = {
    uncompressed_bytes: readFileSync(plain).length,
    compressed_bytes: {
      ours: statSync(ours).size,
      gzip6: execFileSync('gzip', ['-6', '-c', plain], { maxBuffer: 1 << 30 }).length,
      python: statSync(theirs).size,
    },
    generate_864k: {
      wall_s: medianOf(rows.ours, 'wall'),
      cpu_s: medianOf(rows.ours, 'cpu'),
      peak_rss_mib: medianOf(rows.ours, 'rss_mib'),
      points_per_s: points / medianOf(rows.ours, 'wall'),
    },
    gzip6_alone: { wall_s: medianOf(rows.gzip, 'wall') },
    python_clusterman_loop: {
      wall_s: medianOf(rows.python, 'wall'),
      peak_rss_mib: medianOf(rows.python, 'rss_mib'),
      same_bytes: same,
    },
    ratio_ours_to_gzip: medianOf(rows.ours, 'wall') / medianOf(rows.gzip, 'wall'),
    speedup_vs_python: medianOf(rows.python, 'wall') / medianOf(rows.ours, 'wall'),
  };
  const sizes = r.compressed_bytes;
  line(`uncompressed JSON MB`, (r.uncompressed_bytes / 1e6).toFixed(1));
  line(
    'compressed MB: ours / gzip -6 / python',
    `${mb(sizes.ours)} / ${mb(sizes.gzip6)} / ${mb(sizes.python)}`,
  );
  line('generate-data 864,000 points: wall s', fmt(r.generate_864k.wall_s));
  line('  points/s', count(r.generate_864k.points_per_s));
  line('  peak RSS MiB', fmt(r.generate_864k.peak_rss_mib, 1));
  line('(a) gzip -6 alone on the same JSON: wall s', fmt(r.gzip6_alone.wall_s));
  line('    ours / gzip -6', fmt(r.ratio_ours_to_gzip, 2), 'goal <= 0.6');
  line('(b) plain-Python clusterman loop: wall s', fmt(r.python_clusterman_loop.wall_s));
  line('    same uncompressed bytes as ours', String(same), 'must be true');
  line('    python / ours', fmt(r.speedup_vs_python, 2), 'goal >= 3');
  return r;
}

/** 2. Ten million points: peak RSS must stay flat. */
function tenMillion() {
  const big = [];
  for (let i = 0; i < Math.max(1, Math.min(RUNS, 3)); i++)
    big.push(
      measure(generate(join(__dirname, 'designs/ten-million.yaml'), join(OUT, 'ten-million.json.gz'))),
    );
  const r = {
    wall_s: medianOf(big, 'wall'),
    peak_rss_mib: maxOf(big, 'rss_mib'),
    points_per_s: 1e7 / medianOf(big, 'wall'),
  };
  line('10,000,000 points: wall s', fmt(r.wall_s));
  line('  points/s', count(r.points_per_s));
  line('  peak RSS MiB', fmt(r.peak_rss_mib, 1), 'goal <= 200 MB');
  return { ten_million: r };
}

/** 3. --help. */
function help() {
  const rows = [];
  for (let i = 0; i < RUNS * 2; i++) rows.push(measure(['node', BIN, '--help']));
  const ms = medianOf(rows, 'wall') * 1000;
  line('clusterman --help: ms', fmt(ms, 0), 'goal < 400');
  return { help_ms: ms };
}

/** 4. simulate, on inputs generated once (not timed). */
function simulate() {
  const byDays = {};
  for (const days of [30, 90]) {
    const input = join(OUT, `simulate-${days}d.json.gz`);
    execFileSync('sh', [
      '-c',
      `rm -f '${input}' && exec node '${BIN}' generate-data -i '${join(__dirname, `designs/simulate-${days}d.yaml`)}' -o '${input}' --now 2017-12-31T00:00:00Z --seed 7 --quiet`,
    ]);
    const points = countPoints(input);
    const argv = [
      'node',
      BIN,
      'simulate',
      '--metrics-data-files',
      input,
      '--cluster',
      'norcal-prod',
      '--start-time',
      `-${days}d`,
      '--end-time',
      'now',
      '--now',
      '2017-12-31T00:00:00Z',
      '--json',
    ];
    const runs = [];
    const scaled = [];
    const scaledArgv = [...argv, '--autoscaler-config', join(__dirname, 'autoscaler-1m.yaml')];
    for (let i = 0; i < RUNS; i++) {
      runs.push(measure(argv));
      if (days === 30) scaled.push(measure(scaledArgv));
    }
    const reports = [];
    let bytes = {};
    if (days === 30) {
      const prefix = join(OUT, 'bench');
      for (let i = 0; i < RUNS; i++)
        reports.push(measure([...argv, '--reports', 'all', '--output-prefix', prefix, '--yes']));
      const files = readdirSync(OUT).filter((f) => f.startsWith('bench_'));
      bytes = {
        all: files.reduce((n, f) => n + statSync(join(OUT, f)).size, 0),
        html: statSync(`${prefix}_report.html`).size,
      };
    }
    byDays[days] = { points, runs, scaled, reports, bytes };
  }
  const d30 = byDays[30];
  const d90 = byDays[90];
  const r = {
    simulate_30d: {
      points: d30.points,
      wall_s: medianOf(d30.runs, 'wall'),
      peak_rss_mib: maxOf(d30.runs, 'rss_mib'),
    },
    simulate_90d: {
      points: d90.points,
      wall_s: medianOf(d90.runs, 'wall'),
      peak_rss_mib: maxOf(d90.runs, 'rss_mib'),
    },
    simulate_30d_reports_all: {
      wall_s: medianOf(d30.reports, 'wall'),
      html_bytes: d30.bytes.html,
      all_files_bytes: d30.bytes.all,
    },
    simulate_30d_autoscaler_every_minute: {
      wall_s: medianOf(d30.scaled, 'wall'),
      peak_rss_mib: maxOf(d30.scaled, 'rss_mib'),
    },
  };
  r.simulate_90d_over_30d = r.simulate_90d.wall_s / r.simulate_30d.wall_s;
  line(
    `simulate 30 days (${count(r.simulate_30d.points)} points): wall s`,
    fmt(r.simulate_30d.wall_s),
    'goal <= 3',
  );
  line('  peak RSS MiB', fmt(r.simulate_30d.peak_rss_mib, 1));
  line(`simulate 90 days (${count(r.simulate_90d.points)} points): wall s`, fmt(r.simulate_90d.wall_s));
  line('  90 days / 30 days', fmt(r.simulate_90d_over_30d, 2), 'goal <= 3.5');
  line(
    'simulate 30 days, autoscaler every minute: wall s',
    fmt(r.simulate_30d_autoscaler_every_minute.wall_s),
  );
  line('  peak RSS MiB', fmt(r.simulate_30d_autoscaler_every_minute.peak_rss_mib, 1));
  line('simulate 30 days with --reports all: wall s', fmt(r.simulate_30d_reports_all.wall_s));
  line('  HTML / all files MB', `${mb(d30.bytes.html)} / ${mb(d30.bytes.all)}`);
  return r;
}

/** 5. backfill from the SignalFx stand-in, beside curl fetching the same chunks. */
function backfill() {
  bundleTs(join(ROOT, 'test/support/signalfx-server.ts'), 'signalfx-server.js');
  const urlFile = join(OUT, 'signalfx-url');
  rmSync(urlFile, { force: true });
  const standIn = spawn(process.execPath, [join(__dirname, 'signalfx-stand-in.js'), urlFile], {
    stdio: 'inherit',
  });
  try {
    for (let i = 0; i < 200 && !existsSync(urlFile); i++) execFileSync('sleep', ['0.05']);
    const sfxUrl = readFileSync(urlFile, 'utf8').trim();
    const BF_START = Date.UTC(2017, 0, 1) / 1000;
    const BF_END = BF_START + 100_000 * 60;
    const bfOut = join(OUT, 'backfill.json.gz');
    const backfillArgv = [
      'sh',
      '-c',
      `rm -f '${bfOut}' && SFX_API_TOKEN=bench-token exec node '${BIN}' backfill --src signalfx --src-metric-names cpus --dest-file '${bfOut}' -o stream_url=${sfxUrl} --start-time ${new Date(BF_START * 1000).toISOString()} --end-time ${new Date(BF_END * 1000).toISOString()} --yes --quiet`,
    ];
    const chunkUrls = [];
    for (let a = BF_START; a < BF_END; a += 5 * 86400)
      chunkUrls.push(
        `${sfxUrl}?start=${a * 1000}&stop=${Math.min(a + 5 * 86400, BF_END) * 1000}&resolution=60000&immediate=true`,
      );
    const curlArgv = [
      'sh',
      '-c',
      chunkUrls
        .map((u) => `curl -s -X POST -H 'X-SF-Token: bench-token' --data p '${u}' > /dev/null`)
        .join(' && '),
    ];
    const rows = { ours: [], curl: [] };
    for (let i = 0; i < RUNS; i++) {
      rows.ours.push(measure(backfillArgv));
      rows.curl.push(measure(curlArgv));
    }
    const r = {
      wall_s: medianOf(rows.ours, 'wall'),
      points_per_s: 1e6 / medianOf(rows.ours, 'wall'),
      peak_rss_mib: maxOf(rows.ours, 'rss_mib'),
      curl_same_chunks_wall_s: medianOf(rows.curl, 'wall'),
    };
    line('backfill 1,000,000 points from the stand-in: wall s', fmt(r.wall_s));
    line('  points/s', count(r.points_per_s), 'goal >= 500,000');
    line('  peak RSS MiB', fmt(r.peak_rss_mib, 1), 'goal <= 300 MB');
    line('  curl, same chunks to /dev/null: wall s', fmt(r.curl_same_chunks_wall_s));
    line('  ours / curl', fmt(r.wall_s / r.curl_same_chunks_wall_s, 2));
    return { backfill_1m: r };
  } finally {
    standIn.kill();
  }
}

/**
 * 6. Import into VictoriaMetrics: 1M points through the datastore module, beside curl posting the same JSON
 * lines (prepared beforehand) to /api/v1/import. A fresh server with a temp data folder.
 */
function importVictoria() {
  if (spawnSync('sh', ['-c', 'command -v victoria-metrics']).status !== 0) {
    console.log('import into VictoriaMetrics: skipped (victoria-metrics is not installed)');
    return { datastore_import_1m: null };
  }
  bundleTs(join(__dirname, 'datastore-entry.ts'), 'datastore.js');
  const vmData = join(OUT, 'vm-data');
  rmSync(vmData, { recursive: true, force: true });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const vmUrl = `http://127.0.0.1:${port}`;
  const vm = spawn(
    'victoria-metrics',
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${vmData}`,
      '-retentionPeriod=100y',
      '-search.disableCache',
      '-loggerLevel=ERROR',
    ],
    { stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 200; i++) {
      if (spawnSync('curl', ['-sf', `${vmUrl}/health`]).status === 0) break;
      execFileSync('sleep', ['0.05']);
    }
    const importer = join(__dirname, 'import-vm.js');
    const bundle = join(OUT, 'datastore.js');
    const rows = { ours: [], curl: [] };
    for (let i = 0; i < RUNS; i++) {
      const body = join(OUT, `vm-body-${i}.jsonl`);
      execFileSync('node', [importer, bundle, vmUrl, `c${i}`, '--body', body]);
      const inner = join(OUT, 'vm-import.json');
      const ours = () => {
        const outer = measure(['node', importer, bundle, vmUrl, `r${i}`], {
          env: { ...process.env, BENCH_OUT: inner },
        });
        rows.ours.push({ ...outer, import_s: JSON.parse(readFileSync(inner, 'utf8')).wall_s });
      };
      const curl = () =>
        rows.curl.push(
          measure(['curl', '-sf', '-X', 'POST', '--data-binary', `@${body}`, `${vmUrl}/api/v1/import`]),
        );
      // Alternate which goes first: the server's second import of a run finds its storage warmer.
      if (i % 2 === 0) {
        ours();
        curl();
      } else {
        curl();
        ours();
      }
      rmSync(body);
    }
    const r = {
      import_s: medianOf(rows.ours, 'import_s'),
      points_per_s: 1e6 / medianOf(rows.ours, 'import_s'),
      process_wall_s: medianOf(rows.ours, 'wall'),
      peak_rss_mib: maxOf(rows.ours, 'rss_mib'),
      curl_same_points_wall_s: medianOf(rows.curl, 'wall'),
    };
    line('import 1,000,000 points into VictoriaMetrics: s', fmt(r.import_s));
    line('  points/s', count(r.points_per_s));
    line('  whole process (building the points too): wall s', fmt(r.process_wall_s));
    line('  peak RSS MiB', fmt(r.peak_rss_mib, 1));
    line('  curl posting the same points as JSON lines: wall s', fmt(r.curl_same_points_wall_s));
    line('  ours / curl', fmt(r.import_s / r.curl_same_points_wall_s, 2));
    return { datastore_import_1m: r };
  } finally {
    vm.kill();
    rmSync(vmData, { recursive: true, force: true });
  }
}

/** 7. In-process figures: expression evaluations/s, a year of minutes to local time. */
function micro() {
  bundleTs(join(__dirname, 'micro-entry.ts'), 'micro-src.js');
  const r = require('./micro.js').measureMicro(require(join(OUT, 'micro-src.js')), RUNS);
  line('expression evaluations/s', count(r.expr_evals_per_s), 'goal >= 200,000');
  line('a year of minute points to local time: ms', fmt(r.zone_year_of_minutes_ms, 0), 'goal < 1000');
  return { micro: r };
}

/** 8. generate-telemetry beside DuckDB doing the reference's COPY (at most 3 runs: each writes gigabytes). */
async function telemetry() {
  const bench = require('./telemetry.js');
  const r = await bench.benchTelemetry(Math.min(RUNS, 3));
  bench.printTelemetry(r);
  return { telemetry: r };
}

/** 9. validate telemetry on 28.8 million CSV rows, beside wc -l on the same file. */
function validate() {
  const bench = require('./validate.js');
  const r = bench.benchValidate(Math.min(RUNS, 3));
  bench.printValidate(r);
  return { validate_telemetry: r };
}

/**
 * 10. users run: 1,000 users x 7 days, 100,000 users x 1 day, and its resume; with BASELINE_BIN (another
 * build's bin/run.js) the same cases for it after ours, in the same run.
 */
function users() {
  const bench = require('./users.js');
  const r = bench.measureUsers({ measure, median, runs: RUNS, bin: BIN, out: OUT, shared: SHARED });
  bench.printUsers(r, line, fmt);
  const baselineBin = process.env.BASELINE_BIN;
  if (!baselineBin || !r) return { users: r ?? null };
  const out = join(OUT, 'baseline');
  const base = bench.measureUsers({ measure, median, runs: RUNS, bin: baselineBin, out, shared: SHARED });
  console.log(`baseline: ${baselineBin}`);
  bench.printUsers(base, line, fmt);
  return { users: r, users_baseline: base };
}

/** 11. The state store (a 100,000-user state saved and resumed) and the file sink beside plain writes. */
async function store() {
  const { store_100k_users: s, file_sink: f } = await require('./store.js').benchStore(Math.min(RUNS, 3));
  line('save a 100,000-user state (DuckDB): ms', fmt(s.save_ms, 0), 'must not stall a run for long');
  line('resume it (open, load, decode): ms', fmt(s.resume_ms, 0), 'goal <= 2000 to the first record');
  line('  of which the store (open + load): ms', fmt(s.open_and_load_ms, 0));
  line('file sink, daily rotation: lines/s', count(f.sink_lines_per_s));
  line(
    '  plain 1 MiB writeSync of the same bytes: ms',
    fmt(f.raw_writes_ms, 0),
    `sink: ${fmt(f.sink_ms, 0)}`,
  );
  return { store: { store_100k_users: s, file_sink: f } };
}

/** 12. generate-events on the reference's throughput configs, pinned, beside its pinned figures. */
function events() {
  const bench = require('./events.js');
  const r = bench.measureEvents(Math.min(RUNS, 3));
  bench.printEvents(r, line);
  return { events: r };
}

/** 13. generate-events output formats, each beside JSON lines on the same run. */
function eventFormats() {
  const bench = require('./event-formats.js');
  const r = bench.measureFormats(Math.min(RUNS, 3));
  bench.printFormats(r, line);
  return { event_formats: r };
}

/** 14. simulate at fleet scale, beside the baseline build. */
function churn() {
  const bench = require('./churn.js');
  const r = bench.measureChurn({ root: ROOT, out: OUT, bin: BIN, runs: RUNS, measure, median });
  bench.printChurn(r, line, fmt);
  return { simulate_churn: r };
}

/** 15. generate-events targets, beside a baseline build where it has them. */
async function eventTargets() {
  const bench = require('./event-targets.js');
  const r = await bench.measureTargets(Math.min(RUNS, 3));
  bench.printTargets(r, line);
  return { event_targets: r };
}

const CASES = {
  1: generateData,
  2: tenMillion,
  3: help,
  4: simulate,
  5: backfill,
  6: importVictoria,
  7: micro,
  8: telemetry,
  9: validate,
  10: users,
  11: store,
  12: events,
  13: eventFormats,
  14: churn,
  15: eventTargets,
};

function chosenCases() {
  if (!process.env.ONLY) return Object.keys(CASES);
  const ids = process.env.ONLY.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !(id in CASES));
  if (unknown.length > 0) {
    console.error(
      `bench: ONLY names no case ${unknown.join(', ')} (cases are 1 to ${Object.keys(CASES).length})`,
    );
    process.exit(2);
  }
  return ids;
}

(async () => {
  const ids = chosenCases();
  const result = { runs: RUNS, started: new Date().toISOString() };
  console.log(`median of ${RUNS} interleaved runs (cases with heavy outputs use at most 3)\n`);
  for (const id of ids) {
    console.log(`# ${id}. ${CASES[id].name}`);
    Object.assign(result, await CASES[id]());
    writeFileSync(join(OUT, 'results.json'), JSON.stringify(result, null, 2));
    console.log('');
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
