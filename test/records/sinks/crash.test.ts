/**
 * Outputs and state move together: a writer killed with SIGKILL at random moments and started again ends
 * with exactly the files of a run never interrupted (no record lost, repeated or reordered).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/paths';
import { describeWithPostgres, startPostgres, type Postgres } from '../../support/postgres';
import { filesIn, tempDir } from '../../support/tmp';

const WRITER = join(ROOT, 'test/support/crash-writer.js');
const TOTAL = 2000;

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Outcome {
  readonly code: number | null;
  readonly killed: boolean;
  readonly stderr: string;
}

/**
 * Runs the writer; with `killAt`, kills it once it reports having reached that record, after a further
 * `graceMs` (so the kill lands at varied points: mid-line, mid-checkpoint, between them).
 */
function runWriter(
  url: string,
  dir: string,
  rotation: string,
  kill?: { readonly killAt: number; readonly graceMs: number },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRITER, url, dir, rotation, String(TOTAL)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    let armed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (kill === undefined || armed) return;
      const reached = [...stderr.matchAll(/progress (\d+)/g)].some((m) => Number(m[1]) >= kill.killAt);
      if (!reached) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null) killed = child.kill('SIGKILL');
      }, kill.graceMs);
    });
    child.once('exit', (code) => resolve({ code, killed, stderr }));
  });
}

/**
 * Kill points from a fixed seed (a small LCG): the same moments on every run of the test. Each is a record
 * count well past the previous one (so each run has new records to write before it dies) plus a few
 * milliseconds of grace.
 */
function killPoints(seed: number, count: number): Array<{ killAt: number; graceMs: number }> {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length: count }, (_, k) => ({
    killAt: 150 + k * 350 + Math.floor(next() * 150),
    graceMs: Math.floor(next() * 20),
  }));
}

async function killedAndResumed(
  newUrl: () => Promise<string>,
  rotation: string,
  seed: number,
): Promise<void> {
  const whole = join(tmp.path, `${rotation}-whole`);
  const crashed = join(tmp.path, `${rotation}-crashed`);
  mkdirSync(whole);
  mkdirSync(crashed);
  const clean = await runWriter(await newUrl(), whole, rotation);
  expect(clean).toMatchObject({ code: 0, killed: false });

  const url = await newUrl();
  let kills = 0;
  for (const point of killPoints(seed, 5)) {
    const outcome = await runWriter(url, crashed, rotation, point);
    if (outcome.killed) kills++;
    else expect(outcome).toMatchObject({ code: 0 });
  }
  const last = await runWriter(url, crashed, rotation);
  expect(last.code).toBe(0);
  expect(kills).toBeGreaterThanOrEqual(3);
  const expected = filesIn(whole);
  expect(Object.keys(expected).length).toBeGreaterThan(rotation === 'none' ? 1 : 5);
  expect(filesIn(crashed)).toEqual(expected);
}

describe('a writer killed at random moments, on the DuckDB store', () => {
  let n = 0;
  const newUrl = async (): Promise<string> => `duckdb://${join(tmp.path, `store-${n++}.duckdb`)}`;
  it(
    'ends with the bytes of an uninterrupted run (daily rotation)',
    () => killedAndResumed(newUrl, 'daily', 7),
    120_000,
  );
});

describeWithPostgres('a writer killed at random moments, on PostgreSQL', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });
  it(
    'ends with the bytes of an uninterrupted run (size rotation)',
    () => killedAndResumed(() => pg.emptyDatabase(), 'size', 11),
    120_000,
  );
});
