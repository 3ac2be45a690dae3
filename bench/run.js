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
 * Options: RUNS=n (default 5).
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
const { join } = require('node:path');
const { gunzipSync } = require('node:zlib');

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, 'out');
const RUNS = Number(process.env.RUNS ?? 5);
const BIN = join(ROOT, 'bin/run.js');
const SEED = '1';

mkdirSync(OUT, { recursive: true });

const { measure, median } = require('./timing.js');
const fmt = (x, digits = 3) => x.toFixed(digits);

/** A fresh output each time: an existing file would be read and merged, which is another figure. */
function generate(design, out) {
  return [
    'sh',
    '-c',
    `rm -f '${out}' && exec node '${BIN}' generate-data -i '${design}' -o '${out}' --seed ${SEED} --yes --quiet`,
  ];
}

// 1. The 864,000-point run, interleaved with its two baselines.
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

execFileSync(generate(design, ours)[0], generate(design, ours).slice(1), { cwd: ROOT });
writeFileSync(plain, gunzipSync(readFileSync(ours)));
const gzipShell = ['sh', '-c', `gzip -6 -c '${plain}' > /dev/null`];

const rows = { ours: [], gzip: [], python: [] };
for (let i = 0; i < RUNS; i++) {
  rows.ours.push(measure(generate(design, ours)));
  rows.gzip.push(measure(gzipShell));
  rows.python.push(measure(python));
}
const same = Buffer.compare(gunzipSync(readFileSync(ours)), gunzipSync(readFileSync(theirs))) === 0;
const med = (name, key) => median(rows[name].map((r) => r[key]));

// 2. Ten million points.
const big = [];
for (let i = 0; i < Math.max(1, Math.min(RUNS, 3)); i++)
  big.push(measure(generate(join(__dirname, 'designs/ten-million.yaml'), join(OUT, 'ten-million.json.gz'))));

// 3. --help.
const help = [];
for (let i = 0; i < RUNS * 2; i++) help.push(measure(['node', BIN, '--help']));

// 4. simulate, on inputs generated once (not timed).
const simulateRows = {};
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
  if (days === 30) {
    const prefix = join(OUT, 'bench');
    for (let i = 0; i < RUNS; i++)
      reports.push(measure([...argv, '--reports', 'all', '--output-prefix', prefix, '--yes']));
    const files = readdirSync(OUT).filter((f) => f.startsWith('bench_'));
    reports.bytes = files.reduce((n, f) => n + statSync(join(OUT, f)).size, 0);
    reports.htmlBytes = statSync(`${prefix}_report.html`).size;
  }
  simulateRows[days] = { points, runs, scaled, reports };
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

// 5. backfill from the stand-in, beside curl fetching the same chunks.
bundleTs(join(ROOT, 'test/support/signalfx-server.ts'), 'signalfx-server.js');
const urlFile = join(OUT, 'signalfx-url');
rmSync(urlFile, { force: true });
const standIn = spawn(process.execPath, [join(__dirname, 'signalfx-stand-in.js'), urlFile], {
  stdio: 'inherit',
});
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
const bfRows = { ours: [], curl: [] };
for (let i = 0; i < RUNS; i++) {
  bfRows.ours.push(measure(backfillArgv));
  bfRows.curl.push(measure(curlArgv));
}
standIn.kill();

// 6. Import into VictoriaMetrics: 1M points through the datastore module, beside curl posting the same
// JSON lines (prepared beforehand) to /api/v1/import. A fresh server with a temp data folder.
let vmRows;
if (spawnSync('sh', ['-c', 'command -v victoria-metrics']).status === 0) {
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
  for (let i = 0; i < 200; i++) {
    if (spawnSync('curl', ['-sf', `${vmUrl}/health`]).status === 0) break;
    execFileSync('sleep', ['0.05']);
  }
  const importer = join(__dirname, 'import-vm.js');
  const bundle = join(OUT, 'datastore.js');
  vmRows = { ours: [], curl: [] };
  for (let i = 0; i < RUNS; i++) {
    const body = join(OUT, `vm-body-${i}.jsonl`);
    execFileSync('node', [importer, bundle, vmUrl, `c${i}`, '--body', body]);
    const inner = join(OUT, 'vm-import.json');
    const ours = () => {
      const outer = measure(['node', importer, bundle, vmUrl, `r${i}`], {
        env: { ...process.env, BENCH_OUT: inner },
      });
      vmRows.ours.push({ ...outer, import_s: JSON.parse(readFileSync(inner, 'utf8')).wall_s });
    };
    const curl = () =>
      vmRows.curl.push(
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
  vm.kill();
  rmSync(vmData, { recursive: true, force: true });
}

// 7. in-process figures.
bundleTs(join(__dirname, 'micro-entry.ts'), 'micro-src.js');
const micro = require('./micro.js').measureMicro(require(join(OUT, 'micro-src.js')), RUNS);

const simWall = (days) => median(simulateRows[days].runs.map((r) => r.wall));

const users = require('./users.js').measureUsers({
  measure,
  median,
  runs: RUNS,
  bin: BIN,
  out: OUT,
  shared: join(ROOT, '../shared'),
});

// 14. simulate at fleet scale, beside the baseline build.
const { measureChurn, printChurn } = require('./churn.js');
const churn = measureChurn({ root: ROOT, out: OUT, bin: BIN, runs: RUNS, measure, median });

const result = {
  runs: RUNS,
  uncompressed_bytes: readFileSync(plain).length,
  compressed_bytes: {
    ours: statSync(ours).size,
    gzip6: execFileSync('gzip', ['-6', '-c', plain], { maxBuffer: 1 << 30 }).length,
    python: statSync(theirs).size,
  },
  generate_864k: {
    wall_s: med('ours', 'wall'),
    cpu_s: med('ours', 'cpu'),
    peak_rss_mib: med('ours', 'rss_mib'),
    points_per_s: points / med('ours', 'wall'),
  },
  gzip6_alone: { wall_s: med('gzip', 'wall') },
  python_clusterman_loop: {
    wall_s: med('python', 'wall'),
    peak_rss_mib: med('python', 'rss_mib'),
    same_bytes: same,
  },
  ratio_ours_to_gzip: med('ours', 'wall') / med('gzip', 'wall'),
  speedup_vs_python: med('python', 'wall') / med('ours', 'wall'),
  ten_million: {
    wall_s: median(big.map((r) => r.wall)),
    peak_rss_mib: Math.max(...big.map((r) => r.rss_mib)),
    points_per_s: 1e7 / median(big.map((r) => r.wall)),
  },
  help_ms: median(help.map((r) => r.wall)) * 1000,
  simulate_30d: {
    points: simulateRows[30].points,
    wall_s: simWall(30),
    peak_rss_mib: Math.max(...simulateRows[30].runs.map((r) => r.rss_mib)),
  },
  simulate_90d: {
    points: simulateRows[90].points,
    wall_s: simWall(90),
    peak_rss_mib: Math.max(...simulateRows[90].runs.map((r) => r.rss_mib)),
  },
  simulate_90d_over_30d: simWall(90) / simWall(30),
  backfill_1m: {
    wall_s: median(bfRows.ours.map((r) => r.wall)),
    points_per_s: 1e6 / median(bfRows.ours.map((r) => r.wall)),
    peak_rss_mib: Math.max(...bfRows.ours.map((r) => r.rss_mib)),
    curl_same_chunks_wall_s: median(bfRows.curl.map((r) => r.wall)),
  },
  datastore_import_1m: vmRows && {
    import_s: median(vmRows.ours.map((r) => r.import_s)),
    points_per_s: 1e6 / median(vmRows.ours.map((r) => r.import_s)),
    process_wall_s: median(vmRows.ours.map((r) => r.wall)),
    peak_rss_mib: Math.max(...vmRows.ours.map((r) => r.rss_mib)),
    curl_same_points_wall_s: median(vmRows.curl.map((r) => r.wall)),
  },
  simulate_30d_reports_all: {
    wall_s: median(simulateRows[30].reports.map((r) => r.wall)),
    html_bytes: simulateRows[30].reports.htmlBytes,
    all_files_bytes: simulateRows[30].reports.bytes,
  },
  simulate_30d_autoscaler_every_minute: {
    wall_s: median(simulateRows[30].scaled.map((r) => r.wall)),
    peak_rss_mib: Math.max(...simulateRows[30].scaled.map((r) => r.rss_mib)),
  },
  simulate_churn: churn,
  micro,
  users,
};
writeFileSync(join(OUT, 'results.json'), JSON.stringify(result, null, 2));

const line = (label, value, goal) =>
  console.log(`${label.padEnd(52)} ${String(value).padStart(12)}  ${goal}`);
console.log(
  `median of ${RUNS} interleaved runs; uncompressed JSON ${(result.uncompressed_bytes / 1e6).toFixed(1)} MB\n`,
);
const mb = (n) => (n / 1e6).toFixed(2);
const sizes = result.compressed_bytes;
line(
  'compressed MB: ours / gzip -6 / python',
  `${mb(sizes.ours)} / ${mb(sizes.gzip6)} / ${mb(sizes.python)}`,
  '',
);
line('generate-data 864,000 points: wall s', fmt(result.generate_864k.wall_s), '');
line('  points/s', Math.round(result.generate_864k.points_per_s).toLocaleString('en-US'), '');
line('  peak RSS MiB', fmt(result.generate_864k.peak_rss_mib, 1), '');
line('(a) gzip -6 alone on the same JSON: wall s', fmt(result.gzip6_alone.wall_s), '');
line('    ours / gzip -6', fmt(result.ratio_ours_to_gzip, 2), 'goal <= 0.6');
line('(b) plain-Python clusterman loop: wall s', fmt(result.python_clusterman_loop.wall_s), '');
line('    same uncompressed bytes as ours', String(same), 'must be true');
line('    python / ours', fmt(result.speedup_vs_python, 2), 'goal >= 3');
line('10,000,000 points: wall s', fmt(result.ten_million.wall_s), '');
line('  points/s', Math.round(result.ten_million.points_per_s).toLocaleString('en-US'), '');
line('  peak RSS MiB', fmt(result.ten_million.peak_rss_mib, 1), 'goal <= 200 MB');
line('clusterman --help: ms', fmt(result.help_ms, 0), 'goal < 400');
line(
  `simulate 30 days (${result.simulate_30d.points.toLocaleString('en-US')} points): wall s`,
  fmt(result.simulate_30d.wall_s),
  'goal <= 3',
);
line('  peak RSS MiB', fmt(result.simulate_30d.peak_rss_mib, 1), '');
line(
  `simulate 90 days (${result.simulate_90d.points.toLocaleString('en-US')} points): wall s`,
  fmt(result.simulate_90d.wall_s),
  '',
);
line('  90 days / 30 days', fmt(result.simulate_90d_over_30d, 2), 'goal <= 3.5');
line(
  'simulate 30 days, autoscaler every minute: wall s',
  fmt(result.simulate_30d_autoscaler_every_minute.wall_s),
  '',
);
line('  peak RSS MiB', fmt(result.simulate_30d_autoscaler_every_minute.peak_rss_mib, 1), '');
printChurn(churn, line, fmt);
line('simulate 30 days with --reports all: wall s', fmt(result.simulate_30d_reports_all.wall_s), '');
line(
  '  HTML / all files MB',
  `${mb(result.simulate_30d_reports_all.html_bytes)} / ${mb(result.simulate_30d_reports_all.all_files_bytes)}`,
  '',
);
line('backfill 1,000,000 points from the stand-in: wall s', fmt(result.backfill_1m.wall_s), '');
line('  points/s', Math.round(result.backfill_1m.points_per_s).toLocaleString('en-US'), 'goal >= 500,000');
line('  peak RSS MiB', fmt(result.backfill_1m.peak_rss_mib, 1), 'goal <= 300 MB');
line('  curl, same chunks to /dev/null: wall s', fmt(result.backfill_1m.curl_same_chunks_wall_s), '');
line('  ours / curl', fmt(result.backfill_1m.wall_s / result.backfill_1m.curl_same_chunks_wall_s, 2), '');
line(
  'expression evaluations/s',
  Math.round(micro.expr_evals_per_s).toLocaleString('en-US'),
  'goal >= 200,000',
);
line('a year of minute points to local time: ms', fmt(micro.zone_year_of_minutes_ms, 0), 'goal < 1000');
if (result.datastore_import_1m) {
  const vm = result.datastore_import_1m;
  line('import 1,000,000 points into VictoriaMetrics: s', fmt(vm.import_s), '');
  line('  points/s', Math.round(vm.points_per_s).toLocaleString('en-US'), '');
  line('  whole process (building the points too): wall s', fmt(vm.process_wall_s), '');
  line('  peak RSS MiB', fmt(vm.peak_rss_mib, 1), '');
  line('  curl posting the same points as JSON lines: wall s', fmt(vm.curl_same_points_wall_s), '');
  line('  ours / curl', fmt(vm.import_s / vm.curl_same_points_wall_s, 2), '');
} else {
  console.log('import into VictoriaMetrics: skipped (victoria-metrics is not installed)');
}
