/** --output-prefix: a name to put before `_report.html`, or a folder (ending in `/`) to put the files in. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportFileName, reportFiles } from '../../src/report/files';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { writeTinyCluster } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('reportFileName', () => {
  it('joins a name prefix with _, a folder prefix without, and no prefix not at all', () => {
    expect(reportFileName('runs/a', 'report.html')).toBe('runs/a_report.html');
    expect(reportFileName('runs/', 'report.html')).toBe('runs/report.html');
    expect(reportFileName('runs/', 'cpus.png')).toBe('runs/cpus.png');
    expect(reportFileName(undefined, 'report.html')).toBe('report.html');
    expect(reportFileName('', 'report.html')).toBe('report.html');
    expect(reportFiles(['cpus', 'cost'], 'out/')).toEqual([
      'out/report.html',
      'out/cpus.png',
      'out/cost.png',
    ]);
  });
});

describe('simulate --output-prefix adir/', () => {
  it('writes adir/report.html and adir/<type>.png', () => {
    const metrics = writeTinyCluster(tmp.file('one.json.gz'));
    const dir = join(tmp.path, 'adir');
    mkdirSync(dir);
    const res = cli([
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
      'cpus',
      '--output-prefix',
      `${dir}/`,
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Reports: ${dir}/report.html, ${dir}/cpus.png`);
    expect(readdirSync(dir).sort()).toEqual(['cpus.png', 'report.html']);
    expect(existsSync(join(tmp.path, 'adir_report.html'))).toBe(false);
  });
});

describe('simulate --reports without --output-prefix, and existing report files', () => {
  const metrics = writeTinyCluster(tmp.file('two.json.gz'));
  const dir = join(tmp.path, 'named');
  mkdirSync(dir);
  const run = (...extra: string[]) =>
    cli(
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
        'cpus',
        ...extra,
      ],
      { cwd: dir },
    );

  it('names the files after --name, and replaces them only with --yes', () => {
    const first = run('--name', 'nightly');
    expect(first.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['nightly_cpus.png', 'nightly_report.html']);
    writeFileSync(join(dir, 'nightly_report.html'), 'kept');
    const before = statSync(join(dir, 'nightly_cpus.png')).mtimeMs;

    // No terminal to ask on and no --yes: refused before any work, exit 1, nothing written.
    const refused = run('--name', 'nightly');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'Error: nightly_report.html, nightly_cpus.png already exist: pass --yes to replace them (nothing written)\n',
    );
    expect(readFileSync(join(dir, 'nightly_report.html'), 'utf8')).toBe('kept');
    expect(statSync(join(dir, 'nightly_cpus.png')).mtimeMs).toBe(before);

    const replaced = run('--name', 'nightly', '--yes');
    expect(replaced.status).toBe(0);
    expect(readFileSync(join(dir, 'nightly_report.html'), 'utf8')).toContain('<h1>nightly</h1>');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('asks on a terminal (util-linux script gives it a pty): "n" refuses, "y" replaces', () => {
    const onTerminal = (answer: string) => {
      const args = [
        process.execPath,
        BIN,
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
        'cpus',
        '--name',
        'nightly',
      ];
      const res = spawnSync('script', ['-qec', args.map((a) => `'${a}'`).join(' '), '/dev/null'], {
        cwd: dir,
        input: answer,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0', TERM: 'dumb' },
        timeout: 60_000,
      });
      return { status: res.status, screen: res.stdout };
    };
    writeFileSync(join(dir, 'nightly_report.html'), 'kept');
    writeFileSync(join(dir, 'nightly_cpus.png'), 'kept');
    const question =
      'Report files already exist: nightly_report.html, nightly_cpus.png\r\nReplace 2 report files? [y/N]';
    const no = onTerminal('n\n');
    expect(no.screen).toContain(question);
    expect(no.status).toBe(1);
    expect(no.screen).toContain('not replaced (nothing written)');
    expect(readFileSync(join(dir, 'nightly_report.html'), 'utf8')).toBe('kept');
    const yes = onTerminal('y\n');
    expect(yes.status).toBe(0);
    expect(readFileSync(join(dir, 'nightly_report.html'), 'utf8')).toContain('<h1>nightly</h1>');
  }, 90_000);
});
