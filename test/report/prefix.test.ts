/** --output-prefix: a name to put before `_report.html`, or a folder (ending in `/`) to put the files in. */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { reportFileName, reportFiles } from '../../src/report/files';
import { cli } from '../support/cli';
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
