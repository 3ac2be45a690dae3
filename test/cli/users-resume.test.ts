/**
 * Crash safety and online mode, through the built CLI: a run SIGKILLed at several moments and started again
 * writes exactly the files of an uninterrupted run (on DuckDB and on PostgreSQL); an online run catches up
 * from a few minutes ago, then writes records near the wall clock, stops on SIGTERM with its state saved, and
 * resumes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Rng } from '../../src/random/rng';
import { openStore } from '../../src/store';
import { readState } from '../../src/users/state-file';
import { cli, cliAsync } from '../support/cli';
import { BIN } from '../support/paths';
import { describeWithPostgres, type Postgres, startPostgres } from '../support/postgres';
import { tempDir } from '../support/tmp';

jest.setTimeout(240_000);
const tmp = tempDir();
afterAll(() => tmp.cleanup());
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const CONFIG = `global:
  organisation: "test"
  project: "crash"
  sink_types: ["csv", "ndjson"]
  log_events_filename: "out/logs.csv"
  catalog_events_filename: "out/catalog.csv"
  start_ts: "2020-01-01 00:00:00"
  end_ts: "2020-01-05 00:00:00"
  randomise_registration_times: true
catalogs:
  default: {target_count: 10}
users:
  population: {initial_count: 6, target_min_count: 6, target_max_count: 9, volatility: 0.3}
  profiles:
    default:
      user_type: "purchase_engagement"
      product_user_type: "mobile"
      background_per_minute_probability: 0.1
      session_max_count: 4
      session_engagement: {change_probability: 0.5, change_min: 0.05, change_max: 0.2}
      behaviour:
        normal_event_probability: 0.5
        purchase: {views_required_per_purchase_min: 1, views_required_per_purchase_max: 2, checkout_cancellation_probability_max: 0.5}
`;

const FILES = ['logs.csv', 'catalog.csv', 'logs.ndjson', 'catalog.ndjson'];

function workspace(name: string): { dir: string; config: string } {
  const dir = tmp.file(name);
  mkdirSync(dir);
  const config = join(dir, 'users.yaml');
  writeFileSync(config, CONFIG);
  return { dir, config };
}

const files = (dir: string) => FILES.map((f) => readFileSync(join(dir, 'out', f), 'utf8'));
const FAST = { CLUSTERMAN_USERS_CHECKPOINT_SECONDS: '0' };

/** Starts a run and SIGKILLs it once its log file has grown past `bytes`, plus a few ms. */
function runAndKill(
  args: string[],
  cwd: string,
  logFile: string,
  bytes: number,
  extraMs: number,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...FAST },
      stdio: 'ignore',
    });
    let killed = false;
    const poll = setInterval(() => {
      const size = existsSync(logFile) ? statSync(logFile).size : 0;
      if (!killed && size > bytes) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve(code);
    });
  });
}

async function crashAndCompare(db: (dir: string) => string): Promise<void> {
  const whole = workspace(`whole-${Math.random().toString(36).slice(2)}`);
  const res = await cliAsync(
    ['users', 'run', whole.config, '--seed', '5', '--output-dir', whole.dir, '--db', db(whole.dir), '-q'],
    { env: FAST },
  );
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  const expected = files(whole.dir);
  const total = expected[0]!.length;
  expect(total).toBeGreaterThan(50_000);

  const crash = workspace(`crash-${Math.random().toString(36).slice(2)}`);
  const args = [
    'users',
    'run',
    crash.config,
    '--seed',
    '5',
    '--output-dir',
    crash.dir,
    '--db',
    db(crash.dir),
    '-q',
  ];
  const rng = Rng.fromSeed(99n);
  let kills = 0;
  // Kill points spread over the run: after a growing share of the log is written, plus 0-300 ms.
  for (const share of [0.15, 0.4, 0.7]) {
    const code = await runAndKill(
      args,
      crash.dir,
      join(crash.dir, 'out', 'logs.csv'),
      share * total,
      Math.floor(rng.random() * 300),
    );
    if (code === null) kills++;
  }
  expect(kills).toBeGreaterThanOrEqual(2);
  const last = await cliAsync(args, { env: FAST });
  expect(last.status).toBe(0);
  const got = files(crash.dir);
  for (let i = 0; i < FILES.length; i++)
    expect({ file: FILES[i], same: got[i] === expected[i], length: got[i]!.length }).toEqual({
      file: FILES[i],
      same: true,
      length: expected[i]!.length,
    });
}

describe('users run: killed and resumed', () => {
  it('SIGKILL at several moments, then a last run: the same files as one uninterrupted run (DuckDB)', async () => {
    await crashAndCompare((dir) => `duckdb://${join(dir, 'state.duckdb')}`);
  });
});

describeWithPostgres('users run: killed and resumed on PostgreSQL', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });
  it('SIGKILL at several moments, then a last run: the same files as one uninterrupted run (PostgreSQL)', async () => {
    let n = 0;
    const urls = new Map<string, string>();
    // One database per workspace: both runs use the same organisation/project.
    for (const name of ['a', 'b']) urls.set(name, await pg.createDatabase(`users_${name}`));
    await crashAndCompare((dir) => {
      const key = dir.includes('whole') ? 'a' : 'b';
      n++;
      return urls.get(key)!;
    });
    expect(n).toBeGreaterThan(0);
  });
});

describe('users run: a state saved by an earlier clusterman', () => {
  it('resumes a gzipped version 1 state whose running sessions have no due time: the same files as one run', async () => {
    const whole = workspace('old-whole');
    const db = (dir: string) => `duckdb://${join(dir, 'state.duckdb')}`;
    const run = (w: { dir: string; config: string }, more: string[]) =>
      cliAsync(['users', 'run', w.config, '--output-dir', w.dir, '--db', db(w.dir), '-q', ...more], {
        env: FAST,
      });
    expect((await run(whole, ['--seed', '5'])).status).toBe(0);
    const old = workspace('old-split');
    expect((await run(old, ['--seed', '5', '--until', '2020-01-02 13:17:00'])).status).toBe(0);
    // Into the earliest layout: version 1 (keyed JSON), sessions without due and pending, gzipped before the
    // store's codec.
    const store = await openStore(db(old.dir));
    const key = { organisation: 'test', project: 'crash', simulation: 'users' };
    const saved = (await store.load(key))!;
    const state = readState(Buffer.from(saved.state).toString('utf8'));
    const users = state.users.map(({ s, at }) => {
      if (at === undefined) return { s };
      const { start, day, index, se, pe } = at;
      return { s, at: { start, day, index, se, pe } };
    });
    expect(state.users.some((u) => u.at?.due !== undefined)).toBe(true);
    await store.save(key, { ...saved, state: gzipSync(JSON.stringify({ ...state, version: 1, users })) });
    await store.close();
    expect((await run(old, [])).status).toBe(0);
    expect(files(old.dir)).toEqual(files(whole.dir));
  });
});

describe('users run: online', () => {
  it('catches up from minutes ago, writes records near the wall clock, stops on SIGTERM and resumes', async () => {
    const { dir, config } = workspace('online');
    writeFileSync(
      config,
      `global:
  organisation: "test"
  project: "online"
  sink_types: ["csv"]
  log_events_filename: "logs.csv"
  catalog_events_filename: "catalog.csv"
  start_ts: "-3m"
  end_ts: null
users:
  population: {initial_count: 2, target_min_count: 2, target_max_count: 2}
  profiles:
    default:
      user_type: "event_per_period"
      event_probabilities: {page: 1}
      events: {page: {properties: {page_count_per_session_max: 1, duration_seconds_min: 0.1, duration_seconds_max: 0.5}}}
      behaviour: {schedule: {seconds_per_event: 2}}
`,
    );
    const env = { ...process.env, CLUSTERMAN_USERS_STEP_SECONDS: '1' };
    const start = async (): Promise<{ stop: () => Promise<number | null>; err: () => string }> => {
      const child = spawn(
        process.execPath,
        [BIN, 'users', 'run', config, '--seed', '3', '--output-dir', dir],
        { cwd: dir, env },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      return {
        err: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      };
    };
    const lastTs = (): number => {
      const text = existsSync(join(dir, 'logs.csv'))
        ? readFileSync(join(dir, 'logs.csv'), 'utf8').trim()
        : '';
      const last = text.split('\r\n').pop() ?? '';
      const ts = last.split(',')[4];
      return ts && ts !== 'ts' ? Date.parse(ts) : 0;
    };
    const first = await start();
    let near = false;
    for (let i = 0; i < 120 && !near; i++) {
      await sleep(500);
      near = Date.now() - lastTs() < 10_000;
    }
    expect(near).toBe(true);
    expect(await first.stop()).toBe(0);
    expect(first.err()).toMatch(/Random seed: 3/);
    const status = cli(['users', 'status', config, '--output-dir', dir, '--json'], { cwd: dir });
    const saved = JSON.parse(status.stdout) as { simulatedTime: string };
    expect(Math.abs(Date.now() - Date.parse(saved.simulatedTime))).toBeLessThan(30_000);
    const before = lastTs();
    const second = await start();
    let moved = false;
    for (let i = 0; i < 60 && !moved; i++) {
      await sleep(500);
      moved = lastTs() > before + 3000;
    }
    expect({ moved, stderr: second.err() }).toEqual({
      moved: true,
      stderr: expect.stringMatching(/Random seed/),
    });
    expect(await second.stop()).toBe(0);
    expect(second.err()).toMatch(/Random seed: 3 \(from the saved simulation\)/);
    const lines = readFileSync(join(dir, 'logs.csv'), 'utf8').trim().split('\r\n').slice(1);
    const times = lines.map((l) => Date.parse(l.split(',')[4]!));
    const backwards = lines.filter((_, i) => i > 0 && times[i]! < times[i - 1]!);
    expect(backwards).toEqual([]);
    expect(new Set(lines).size).toBe(lines.length);
    expect(moved).toBe(true);
  });
});
