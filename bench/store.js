/**
 * State store and file sink figures (issue 14): saving and resuming a 100,000-user state in the embedded
 * DuckDB store (goal: resume <= 2 s to the state in memory; a save must not stall a run for long), and
 * lines/s through the file sink beside plain 1 MiB writeSync calls of the same bytes.
 * The state is synthetic, shaped like a user's saved profile (ids, engagement, schedule, interests, balance).
 * Run alone with `node bench/store.js` after `npm run build`, or as part of `npm run bench`.
 */
const { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { openStore } = require('../dist/src/store');
const { openFileSink } = require('../dist/src/records/sinks');

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (began) => Number(process.hrtime.bigint() - began) / 1e6;
/** CPU ms of this process (with the thread pool's zlib work): on a shared, loaded machine wall time overstates. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A deterministic synthetic population (an LCG, not our Rng: only the size and shape matter here). */
function population(users) {
  let s = 12345;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const hex = (n) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  const out = [];
  for (let i = 0; i < users; i++)
    out.push({
      id: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
      profile: ['loyal', 'short', 'purchase'][i % 3],
      registered: 1704067200000 + Math.floor(r() * 1e9),
      lastSeen: 1706745600000 + Math.floor(r() * 1e8),
      session: { engagement: r(), lastSeen: 1706745600000 },
      purchase: { engagement: r(), lastSeen: 1706745600000 },
      activeDates: Array.from({ length: 5 }, () => 19700 + Math.floor(r() * 30)),
      country: 'DE',
      timezone: 'Europe/Berlin',
      interests: Array.from({ length: 4 }, () => hex(8)),
      balance: Math.round(r() * 10000) / 100,
      favorites: Array.from({ length: 2 }, () => hex(8)),
      level: Math.floor(r() * 10),
      rngState: hex(32),
    });
  return out;
}

async function measureStore(runs, users = 100_000) {
  const dir = mkdtempSync(join(tmpdir(), 'clusterman-bench-store-'));
  const url = `duckdb://${join(dir, 'state.duckdb')}`;
  const key = { organisation: 'bench', project: 'users' };
  const state = Buffer.from(JSON.stringify(population(users)));
  const saves = [];
  const resumes = [];
  const loads = [];
  const resumeCpu = [];
  let stored = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const store = await openStore(url);
      const began = process.hrtime.bigint();
      await store.save(key, {
        simulatedTime: i,
        meta: { users },
        state,
        outputs: { logs: { kind: 'file', file: 'logs.csv', bytes: i } },
      });
      saves.push(ms(began));
      stored = (await store.list())[0].stateBytes;
      await store.close();
      // Resume: open the store, load the checkpoint, decode the users.
      const resumed = process.hrtime.bigint();
      const cpu = cpuMs();
      const again = await openStore(url);
      const loaded = await again.load(key);
      loads.push(ms(resumed));
      const users2 = JSON.parse(Buffer.from(loaded.state).toString('utf8'));
      resumes.push(ms(resumed));
      resumeCpu.push(cpuMs() - cpu);
      if (users2.length !== users) throw new Error('state lost');
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    users,
    state_mib: state.length / 2 ** 20,
    stored_mib: stored / 2 ** 20,
    save_ms: median(saves),
    open_and_load_ms: median(loads),
    resume_ms: median(resumes),
    resume_cpu_ms: median(resumeCpu),
    resume_note: 'open + load + gunzip + JSON.parse of the users',
  };
}

async function measureFileSink(runs, lines = 2_000_000) {
  const dir = mkdtempSync(join(tmpdir(), 'clusterman-bench-sink-'));
  const line = (i) =>
    `user-${i % 1000},-3788958267,android,True,2024-01-01T01:29:17.261465Z,page,0.0.0.0,76904,17667,core,"{""path"": ""/p/${i}""}"\n`;
  const text = Array.from({ length: 1000 }, (_, i) => line(i));
  const sink = [];
  const raw = [];
  try {
    for (let r = 0; r < runs; r++) {
      const path = join(dir, `logs-${r}.csv`);
      let began = process.hrtime.bigint();
      const out = openFileSink({ path, rotation: { kind: 'daily' } });
      for (let i = 0; i < lines; i++) out.write(text[i % 1000], 1704067200000 + i * 10);
      await out.close();
      sink.push(ms(began));
      const bytes = statSync(join(dir, `logs-${r}-2024-01-01.csv`)).size;
      began = process.hrtime.bigint();
      const fd = openSync(join(dir, `raw-${r}.csv`), 'w');
      const chunk = Buffer.from(text.join('').repeat(Math.ceil((1024 * 1024) / text.join('').length)));
      for (let written = 0; written < bytes; written += chunk.length) writeSync(fd, chunk);
      closeSync(fd);
      raw.push(ms(began));
      rmSync(join(dir, `logs-${r}-2024-01-01.csv`));
      rmSync(join(dir, `raw-${r}.csv`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    lines,
    sink_lines_per_s: lines / (median(sink) / 1000),
    raw_writes_ms: median(raw),
    sink_ms: median(sink),
  };
}

async function benchStore(runs = 3) {
  const store = await measureStore(runs);
  const sink = await measureFileSink(runs);
  return { store_100k_users: store, file_sink: sink };
}

module.exports = { benchStore };

if (require.main === module)
  benchStore(Number(process.env.RUNS ?? 3)).then((r) => console.log(JSON.stringify(r, null, 2)));
