/**
 * Output paths are checked before any work: a folder, a missing folder or a path under a file fails at
 * once with exit 2 and one line naming the flag and the path, and nothing is written.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliAsync } from '../support/cli';
import { writeTinyCluster } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const design = tmp.file('d.yaml');
writeFileSync(
  design,
  `m: {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m, values: 3}\n`,
);
const metrics = writeTinyCluster(tmp.file('example.json.gz'));
const folder = tmp.file('a-folder');
mkdirSync(folder);
const plainFile = tmp.file('plain.txt');
writeFileSync(plainFile, 'not a folder\n');
const missing = join(tmp.file('no-such-folder'), 'out.json.gz');
const underFile = join(plainFile, 'out.json.gz');

// At --log-level info a simulation logs every event: none may appear before the refusal.
const simulate = (...args: string[]) =>
  cli([
    'simulate',
    '--metrics-data-files',
    metrics,
    '--cluster',
    'c',
    '--start-time',
    '1970-01-01T00:00:00Z',
    '--end-time',
    '1970-01-01T02:00:00Z',
    '--log-level',
    'info',
    ...args,
  ]);

/** Exit 2, one line, the flag and the path named, no stack. */
function expectRefused(res: { status: number | null; stderr: string; stdout: string }, text: string) {
  expect(res.status).toBe(2);
  expect(res.stderr.trim().split('\n')).toEqual([`Error: ${text}`]);
  expect(res.stdout).toBe('');
}

const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('generate-data --output', () => {
  it.each([
    [
      'a folder',
      folder,
      `--output: ${folder} is a folder: give a file name, e.g. ${join(folder, 'metrics.json.gz')}`,
    ],
    [
      'a missing folder',
      missing,
      `--output: ${missing}: folder ${tmp.file('no-such-folder')} does not exist`,
    ],
    [
      'a path under a file',
      underFile,
      `--output: ${underFile} is under ${plainFile}, which is a file, not a folder`,
    ],
  ])('%s: refused before any work', (_what, out, message) => {
    expectRefused(cli(['generate-data', '-i', design, '-o', out, '--seed', '1']), message);
    expect(leftovers(tmp.path)).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });
  // A folder without write permission: test/cli/bad-input.test.ts ('output folder missing or not writable'),
  // which runs as user nobody when the tests run as root, as they do here.
});

describe('simulate output paths', () => {
  it('a folder as --simulation-result-file fails before the simulation, leaving nothing', () => {
    const res = simulate('--simulation-result-file', folder);
    expectRefused(
      res,
      `--simulation-result-file: ${folder} is a folder: give a file name, e.g. ${join(folder, 'result.json.gz')}`,
    );
    expect(res.stderr).not.toMatch(/=== Event/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a result file in a missing folder fails before the simulation', () => {
    const res = simulate('--simulation-result-file', missing);
    expectRefused(
      res,
      `--simulation-result-file: ${missing}: folder ${tmp.file('no-such-folder')} does not exist`,
    );
  });

  it('report files are checked too: --output-prefix under a file, report.html a folder', () => {
    const prefix = join(plainFile, 'run');
    expectRefused(
      simulate('--reports', 'cost', '--output-prefix', prefix),
      `--output-prefix: ${prefix}_report.html is under ${plainFile}, which is a file, not a folder`,
    );
    const cwd = tmp.file('cwd');
    mkdirSync(join(cwd, 'simulation_report.html'), { recursive: true });
    const res = cli(
      [
        'simulate',
        '--metrics-data-files',
        metrics,
        '--cluster',
        'c',
        '--start-time',
        '1970-01-01T00:00:00Z',
        '--end-time',
        '1970-01-01T02:00:00Z',
        '--reports',
        'cost',
      ],
      { cwd },
    );
    // Without --output-prefix the files are named after --name (default: simulation).
    expectRefused(
      res,
      '--name: simulation_report.html is a folder: choose an --output-prefix that names no folder',
    );
    expect(existsSync(join(cwd, 'simulation_cost.png'))).toBe(false);
  });
});

describe('backfill --dest-file', () => {
  it('a folder is refused before any request (the source is never reached)', async () => {
    // Nothing listens on port 1: reaching the source would fail differently.
    const res = await cliAsync([
      'backfill',
      '--src',
      'prometheus',
      '-o',
      'url=http://127.0.0.1:1',
      '--src-metric-names',
      'up',
      '--dest-file',
      folder,
    ]);
    expectRefused(
      res,
      `--dest-file: ${folder} is a folder: give a file name, e.g. ${join(folder, 'metrics.json.gz')}`,
    );
  });
});
