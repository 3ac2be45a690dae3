/**
 * A writer killed at any moment leaves the old file whole: the CLI is killed mid-write (SIGKILL, no chance
 * to clean up) at several moments, and the file must still be the old one, byte for byte.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readMetricsFile } from '../../src/metrics/read';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const small = tmp.file('small.yaml');
writeFileSync(
  small,
  `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m, values: 3}\n`,
);
// About 4 million points: long enough to be caught in the middle of writing.
const big = tmp.file('big.yaml');
writeFileSync(
  big,
  `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2018-01-15T00:00:00Z', frequency: 1s,
    values: {distribution: uniform, params: {a: 0, b: 100}}}
`,
);

const tempFiles = (): string[] => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts writing the big design over `out`; once its temp file exists, waits `afterMs`, then sends `signal`. */
async function interrupt(
  out: string,
  afterMs: number,
  signal: NodeJS.Signals,
): Promise<{ killedWhileRunning: boolean; code: number | null; signal: NodeJS.Signals | null }> {
  const temps = new Set(tempFiles());
  const child = spawn(
    process.execPath,
    [BIN, 'generate-data', '-i', big, '-o', out, '--seed', '7', '--yes', '-q'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (code, sig) => resolve([code, sig])),
  );
  const deadline = Date.now() + 20_000;
  while (!tempFiles().some((f) => !temps.has(f)) && child.exitCode === null && Date.now() < deadline) {
    await sleep(2);
  }
  await sleep(afterMs);
  const killedWhileRunning = child.exitCode === null && child.signalCode === null;
  child.kill(signal);
  const [code, sig] = await exited;
  return { killedWhileRunning, code, signal: sig };
}

describe('killing the writer', () => {
  it.each([0, 40, 150, 400])('SIGKILL %i ms into writing leaves the old file whole', async (afterMs) => {
    const out = tmp.file(`kill-${afterMs}.json.gz`);
    expect(cli(['generate-data', '-i', small, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    const before = readFileSync(out);

    const run = await interrupt(out, afterMs, 'SIGKILL');
    expect(run.killedWhileRunning).toBe(true);
    expect(run.signal).toBe('SIGKILL');
    expect(readFileSync(out).equals(before)).toBe(true);
    const { data } = await readMetricsFile(out);
    expect(data.get('system_metrics', 'm')).toHaveLength(60);
  });

  it('SIGKILL with no old file leaves no file at the target', async () => {
    const out = tmp.file('kill-new.json.gz');
    const run = await interrupt(out, 100, 'SIGKILL');
    expect(run.killedWhileRunning).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s mid-write: old file whole, temp file removed, exit %i', async (signal, exitCode) => {
    const out = tmp.file(`${signal}.json.gz`);
    expect(cli(['generate-data', '-i', small, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    const before = readFileSync(out);
    const leftBefore = tempFiles().length;
    const run = await interrupt(out, 100, signal);
    expect(run.killedWhileRunning).toBe(true);
    expect(run.code).toBe(exitCode);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(tempFiles()).toHaveLength(leftBefore);
  });

  it('a run left to finish replaces the file, leaving no temp file of its own', async () => {
    const out = tmp.file('kill-0.json.gz');
    const leftBefore = tempFiles().length;
    expect(cli(['generate-data', '-i', big, '-o', out, '--seed', '7', '--yes', '-q']).status).toBe(0);
    // Counted with the native parser: our validating reader is not what is under test here.
    const doc = JSON.parse(gunzipSync(readFileSync(out)).toString('utf8')) as {
      system_metrics: { m: unknown[] };
    };
    expect(doc.system_metrics.m).toHaveLength(45 * 86400);
    expect(tempFiles()).toHaveLength(leftBefore);
  });
});
