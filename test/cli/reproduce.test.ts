/**
 * A random run says how to repeat it: `Random seed: N` once its input is checked, and at the end
 * `Reproduce with: --seed N` plus `--now <time>` when a relative time depended on the clock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cli } from '../support/cli';
import { simulateArgs, EXAMPLE_WINDOW, writeTinyCluster } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function design(name: string, start: string, end: string): string {
  const path = tmp.file(name);
  const text = `cpus:\n  start_time: '${start}'\n  end_time: '${end}'\n  frequency: 1m\n  values: {distribution: uniform, params: {a: 0, b: 100}}\n`;
  writeFileSync(path, text);
  return path;
}

const reproduceArgs = (stdout: string): string[] => {
  const line = stdout.trimEnd().split('\n').at(-1) ?? '';
  expect(line).toMatch(/^Reproduce with: /);
  return line.replace('Reproduce with: ', '').split(' ');
};

describe('generate-data', () => {
  it('relative times: the last line repeats the run byte for byte', () => {
    const input = design('relative.yaml', '-10m', 'now');
    const first = cli(['generate-data', '-i', input, '-o', tmp.file('a.json.gz')]);
    expect(first.status).toBe(0);
    const again = reproduceArgs(first.stdout);
    expect(again).toEqual(['--seed', expect.stringMatching(/^\d+$/), '--now', expect.stringMatching(/Z$/)]);
    const second = cli(['generate-data', '-i', input, '-o', tmp.file('b.json.gz'), ...again]);
    expect(second.status).toBe(0);
    expect(readFileSync(tmp.file('b.json.gz')).equals(readFileSync(tmp.file('a.json.gz')))).toBe(true);
  });

  it('absolute times: the seed alone', () => {
    const input = design('absolute.yaml', '2017-12-01T00:00:00Z', '2017-12-01T00:10:00Z');
    const res = cli(['generate-data', '-i', input, '-o', tmp.file('c.json.gz'), '--seed', '9']);
    expect(reproduceArgs(res.stdout)).toEqual(['--seed', '9']);
  });

  it('no seed is printed when the input is refused', () => {
    const bad = tmp.file('bad.yaml');
    writeFileSync(
      bad,
      "cpus:\n  start_time: '-1h'\n  end_time: now\n  frequency: 1m\n  values: {distribution: nope}\n",
    );
    const res = cli(['generate-data', '-i', bad, '-o', tmp.file('d.json.gz'), '--seed', '3']);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    const unwritable = cli([
      'generate-data',
      '-i',
      design('ok.yaml', '-1h', 'now'),
      '-o',
      `${bad}/x.json.gz`,
    ]);
    expect(unwritable.status).not.toBe(0);
    expect(unwritable.stdout).toBe('');
  });
});

describe('simulate', () => {
  const metrics = writeTinyCluster(tmp.file('metrics.json.gz'));
  // The data is from 1970: a window relative to today needs --allow-stale to carry it forward.
  const run = (...extra: string[]) => cli(simulateArgs(metrics, '--allow-stale', ...extra));

  it('the default window (-1h to now) is relative: seed and now, and they repeat the summary', () => {
    const first = run('--join-delay-params', '60', '30');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Random seed: \d+\n/);
    const again = reproduceArgs(first.stdout);
    expect(again).toEqual(['--seed', expect.stringMatching(/^\d+$/), '--now', expect.stringMatching(/Z$/)]);
    const second = run('--join-delay-params', '60', '30', ...again);
    const withoutWallTime = (s: string) => s.replace(/wall time.*\n/, '');
    expect(withoutWallTime(second.stdout)).toBe(withoutWallTime(first.stdout));
  });

  it('an absolute window: the seed alone; --json has seed and now instead', () => {
    const window = EXAMPLE_WINDOW;
    expect(reproduceArgs(run(...window, '--seed', '4').stdout)).toEqual(['--seed', '4']);
    const json = JSON.parse(run(...window, '--seed', '4', '--json', '--now', '2020-01-01T00:00:00Z').stdout);
    expect(json).toMatchObject({ seed: 4, now: '2020-01-01T00:00:00Z' });
  });

  it('no seed is printed when the input is refused', () => {
    const res = run('--billing-period', 'soon');
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
  });
});
