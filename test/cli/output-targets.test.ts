/**
 * Odd output targets: `-o -` streams the gzipped metrics to stdout, a symlink is followed, a name without
 * .gz earns a warning, and --dry-run checks everything and writes nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { cli, cliAsync } from '../support/cli';
import { BIN } from '../support/paths';
import { startPrometheus, type PromStandIn } from '../support/prometheus-server';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
let server: PromStandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => tmp.cleanup());

const design = tmp.file('d.yaml');
writeFileSync(
  design,
  `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m,
    values: {distribution: uniform, params: {a: 0, b: 1}}}\n`,
);
const temps = (): string[] => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));
const doc = (gz: Buffer): { system_metrics: { m: Array<[number, number]> } } =>
  JSON.parse(gunzipSync(gz).toString('utf8')) as { system_metrics: { m: Array<[number, number]> } };

/** The CLI with stdout as raw bytes. */
function cliBytes(args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const res = spawnSync(process.execPath, [BIN, ...args], { input: '', timeout: 30_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr.toString('utf8') };
}

describe('generate-data -o -', () => {
  it('writes the gzipped metrics to stdout, the same as a file would hold; the summary goes to stderr', () => {
    const piped = cliBytes(['generate-data', '-i', design, '-o', '-', '--seed', '5']);
    expect(piped.status).toBe(0);
    const file = tmp.file('same.json.gz');
    expect(cli(['generate-data', '-i', design, '-o', file, '--seed', '5', '-q']).status).toBe(0);
    expect(doc(piped.stdout)).toEqual(doc(readFileSync(file)));
    expect(doc(piped.stdout).system_metrics.m).toHaveLength(60);
    expect(piped.stderr).toContain('Random seed: 5');
    expect(piped.stderr).toContain('Wrote 60 points in 1 series to stdout (json).');
  });

  it('--json goes to stderr too, naming the output -', () => {
    const piped = cliBytes(['generate-data', '-i', design, '-o', '-', '--seed', '5', '--json']);
    expect(piped.status).toBe(0);
    expect(doc(piped.stdout).system_metrics.m).toHaveLength(60);
    expect(JSON.parse(piped.stderr)).toMatchObject({ output: '-', format: 'json', seed: 5 });
  });

  it('is refused when stdout is a terminal (gzip would garble it)', () => {
    const command = [process.execPath, BIN, 'generate-data', '-i', design, '-o', '-', '--seed', '5']
      .map((a) => `'${a}'`)
      .join(' ');
    const res = spawnSync('script', ['-qec', command, '/dev/null'], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, TERM: 'dumb' },
      timeout: 30_000,
    });
    expect(res.status).toBe(2);
    expect(res.stdout).toMatch(/Error: --output -: stdout is a terminal.*redirect it/);
    expect(res.stdout).not.toContain('\x1f\x8b');
  });

  it('a reader that stops early (| head) ends the run quietly with exit 141, as SIGPIPE would', async () => {
    const big = tmp.file('big.yaml');
    writeFileSync(
      big,
      `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-20T00:00:00Z', frequency: 1s,
    values: {distribution: uniform, params: {a: 0, b: 100}}}\n`,
    );
    const child = spawn(process.execPath, [BIN, 'generate-data', '-i', big, '-o', '-', '--seed', '1', '-q']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(141);
    expect(stderr).toBe('');
  }, 60_000);
});

describe('generate-data output names', () => {
  it('a symlink is followed: the file it points to is replaced, the link stays', () => {
    const real = tmp.file('real.json.gz');
    const link = tmp.file('link.json.gz');
    symlinkSync('real.json.gz', link);
    expect(cli(['generate-data', '-i', design, '-o', link, '--seed', '1', '-q']).status).toBe(0);
    expect(cli(['generate-data', '-i', design, '-o', link, '--seed', '2', '-q', '--yes']).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(doc(readFileSync(real)).system_metrics.m).toHaveLength(60);
    expect(temps()).toEqual([]);
  });

  it('a name without .gz warns, and the file is gzipped all the same; -q keeps quiet', () => {
    const out = tmp.file('plain.json');
    const res = cli(['generate-data', '-i', design, '-o', out, '--seed', '1']);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe(
      `Warning: --output ${out} does not end in .gz, but the file is gzipped JSON (e.g. ${out}.gz)\n`,
    );
    expect(doc(readFileSync(out)).system_metrics.m).toHaveLength(60);
    const quiet = cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '--yes', '-q']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('generate-data --dry-run', () => {
  it('prints the summary and writes nothing, not even a temp file', () => {
    const out = tmp.file('dry-new.json.gz');
    const res = cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '--dry-run']);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/system_metrics\s+m\s+60 /);
    expect(res.stdout).toContain(
      `Dry run: would write 60 points in 1 series to ${out} (json); nothing written.`,
    );
    expect(existsSync(out)).toBe(false);
    expect(temps()).toEqual([]);
  });

  it('over an existing file: says what it would replace, asks nothing, leaves the file as it was', () => {
    const out = tmp.file('dry-old.json.gz');
    expect(cli(['generate-data', '-i', design, '-o', out, '--seed', '1', '-q']).status).toBe(0);
    const before = readFileSync(out);
    const res = cli(['generate-data', '-i', design, '-o', out, '--seed', '2', '--dry-run', '--json']);
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      dry_run: true,
      replaced: [{ type: 'system_metrics', key: 'm' }],
    });
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('still checks the design: a bad one fails with exit 2', () => {
    const bad = tmp.file('bad.yaml');
    writeFileSync(
      bad,
      `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m}\n`,
    );
    const res = cli(['generate-data', '-i', bad, '-o', tmp.file('never.json.gz'), '--dry-run']);
    expect(res.status).toBe(2);
    expect(existsSync(tmp.file('never.json.gz'))).toBe(false);
  });
});

describe('backfill --dest-file', () => {
  const START = 1512086400;
  const args = (url: string, dest: string, ...more: string[]) => [
    'backfill',
    '--src',
    'prometheus',
    '-o',
    `url=${url}`,
    '--src-metric-names',
    'up',
    '--start-time',
    '2017-12-01T00:00:00Z',
    '--end-time',
    '2017-12-01T00:10:00Z',
    '--dest-file',
    dest,
    ...more,
  ];
  const queries = { up: [{ labels: { job: 'node' }, value: (t: number) => (t - START) / 60 }] };

  it('follows a symlink and warns about a name without .gz', async () => {
    server = await startPrometheus({ queries });
    const link = tmp.file('bf-link.json');
    symlinkSync('bf-real.json', link);
    const res = await cliAsync(args(server.url, link));
    expect(res.status).toBe(0);
    expect(res.stderr).toContain(`Warning: --dest-file ${link} does not end in .gz`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const written = JSON.parse(gunzipSync(readFileSync(tmp.file('bf-real.json'))).toString('utf8')) as {
      system_metrics: Record<string, unknown[]>;
    };
    expect(Object.values(written.system_metrics)[0]).toHaveLength(10);
  });

  it('--dry-run pulls and summarises, writing nothing', async () => {
    server = await startPrometheus({ queries });
    const out = tmp.file('bf-dry.json.gz');
    const res = await cliAsync(args(server.url, out, '--dry-run'));
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Dry run: would write 1 series to ${out}; nothing written.`);
    expect(existsSync(out)).toBe(false);
    expect(temps()).toEqual([]);
  });
});
