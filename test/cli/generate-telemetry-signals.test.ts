/** A generate-telemetry run stopped by a signal: exit 128 + signal, no temp file left, the old file whole. */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => {
  expect(cli(['generate-inventory', '-d', tmp.path, '-n', '3000', '--seed', '1']).status).toBe(0);
});

it.each([
  ['SIGINT', 'csv', 130],
  ['SIGTERM', 'parquet', 143],
] as const)(
  '%s during a %s file: exit %d, no temp files, the old file untouched',
  async (signal, format, code) => {
    const old = join(tmp.path, `data-2023-02-27.${format}`);
    writeFileSync(old, 'old contents\n');
    // 3,000 devices x 1,440 slots x 2: seconds of work, stopped as soon as the temp file exists.
    const child = spawn(process.execPath, [
      BIN,
      'generate-telemetry',
      '-d',
      tmp.path,
      '--date',
      '2023-02-27',
      '--interval',
      '60',
      '--format',
      format,
      '--seed',
      '1',
      '--yes',
    ]);
    const exited = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    const temps = () => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));
    for (let i = 0; i < 600 && temps().length === 0; i++) await sleep(50);
    expect(temps().length).toBeGreaterThan(0);
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(temps()).toEqual([]);
    expect(readFileSync(old, 'utf8')).toBe('old contents\n');
  },
  60_000,
);
