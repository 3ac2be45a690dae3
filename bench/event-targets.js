#!/usr/bin/env node
/**
 * generate-events targets (issue 13): 200,000 clickstream records (the reference's B1 config) to stdout,
 * `-o file`, `-o file.gz`, an hourly-rotated file and an http receiver, pinned to one core like
 * bench/events.js. Each case runs interleaved with the same case on a baseline build (BASE, default the
 * `base` checkout beside this one) where the baseline has it; the baseline refuses .gz, rotation and http,
 * so those cases stand beside this build's own `-o file` run instead. CPU is user+sys of the generate-events
 * process (bench/measure.py); the http receiver is a separate process, not counted.
 *
 *   node bench/event-targets.js     (RUNS=n, default 3; BASE=/path/to/checkout; bench/run.js calls it too)
 */
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { median } = require('./timing.js');

const ROOT = join(__dirname, '..');
const BASE = resolve(process.env.BASE ?? join(ROOT, '../base'));
/** ../shared beside the checkout (CLUSTERMAN_SHARED=... for a worktree elsewhere). */
const IMPLY = resolve(process.env.CLUSTERMAN_SHARED ?? join(ROOT, '../shared'), 'fixtures/imply');
const OUT = join(__dirname, 'out', 'event-targets');
const N = 200_000;
const pinned = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];

function run(root, args) {
  const res = spawnSync(
    'python3',
    [
      join(__dirname, 'measure.py'),
      '--',
      ...pinned,
      'node',
      join(root, 'bin/run.js'),
      'generate-events',
      ...args,
    ],
    { cwd: OUT, encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`measure failed: ${res.stderr}`);
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0) throw new Error(`generate-events ${args.join(' ')} exited ${m.exit}: ${res.stderr}`);
  return m;
}

/** An HTTP receiver in its own process (this one blocks in spawnSync): answers 200 to every POST. */
function startReceiver() {
  const code = `
    const s = require('node:http').createServer((q, r) => { q.resume(); q.on('end', () => r.end('ok')); });
    s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    child.stdout.once('data', (d) =>
      res({ url: `http://127.0.0.1:${String(d).trim()}`, stop: () => child.kill() }),
    );
    child.once('error', rej);
  });
}

function cases(url) {
  const common = [
    '-c',
    join(IMPLY, 'clickstream.json'),
    '-s',
    '2024-01-01T00:00:00',
    '-n',
    String(N),
    '--seed',
    '42',
    '-q',
  ];
  const target = (name, spec) => {
    const file = join(OUT, name);
    writeFileSync(file, JSON.stringify(spec));
    return ['--target', file];
  };
  return [
    { id: 'stdout', args: common, base: true },
    { id: '-o file', args: [...common, '-o', 'ev.jsonl'], base: true },
    { id: '-o file.gz', args: [...common, '-o', 'ev.jsonl.gz'], base: false },
    {
      id: 'rotate hourly',
      args: [
        ...common,
        ...target('hourly.json', { type: 'file', path: join(OUT, 'rot', 'ev.jsonl'), rotation: 'hourly' }),
      ],
      base: false,
    },
    {
      id: 'http lines',
      args: [...common, ...target('http.json', { type: 'http', url: `${url}/ingest`, batch_lines: 5000 })],
      base: false,
    },
  ];
}

async function measureTargets(runs = 3) {
  if (!existsSync(IMPLY)) return { skipped: `${IMPLY} is absent` };
  const hasBase = existsSync(join(BASE, 'bin/run.js')) && existsSync(join(BASE, 'dist'));
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, 'rot'), { recursive: true });
  const receiver = await startReceiver();
  try {
    const list = cases(receiver.url);
    const rows = Object.fromEntries(list.map((c) => [c.id, { ours: [], base: [] }]));
    for (let i = 0; i < runs; i++)
      for (const c of list) {
        if (c.base && hasBase) rows[c.id].base.push(run(BASE, c.args));
        rows[c.id].ours.push(run(ROOT, c.args));
      }
    const sum = (ms) =>
      ms.length === 0
        ? undefined
        : {
            cpu_s: median(ms.map((m) => m.cpu)),
            wall_s: median(ms.map((m) => m.wall)),
            peak_rss_mib: Math.max(...ms.map((m) => m.rss_mib)),
          };
    const out = { records: N, base: hasBase ? BASE : null, cases: {} };
    for (const c of list) out.cases[c.id] = { ours: sum(rows[c.id].ours), base: sum(rows[c.id].base) };
    out.rotated_files = readdirSync(join(OUT, 'rot')).length;
    return out;
  } finally {
    receiver.stop();
  }
}

/** `line(label, value, note)` as bench/run.js prints: one line per target, ours beside the baseline. */
function printTargets(r, line = standaloneLine) {
  if (r.skipped) return line('generate-events targets', 'skipped', r.skipped);
  for (const [id, c] of Object.entries(r.cases)) {
    const base = c.base ? `base ${c.base.cpu_s.toFixed(2)} s CPU` : 'base has no such target';
    line(
      `generate-events ${id}: CPU s (${r.records / 1000}k records)`,
      c.ours.cpu_s.toFixed(2),
      `${base}; ours ${c.ours.wall_s.toFixed(2)} s wall, ${Math.round(c.ours.peak_rss_mib)} MiB`,
    );
  }
  line('  rotate hourly: files written', r.rotated_files, '');
}

const standaloneLine = (label, value, note = '') =>
  console.log(`${label.padEnd(52)} ${String(value).padStart(12)}  ${note}`);

module.exports = { measureTargets, printTargets };

if (require.main === module)
  measureTargets(Number(process.env.RUNS ?? 3))
    .then((r) => printTargets(r))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
