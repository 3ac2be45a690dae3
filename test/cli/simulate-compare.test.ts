/**
 * --compare as a user reads it: a table of each figure for A, for B and A op B (a ratio as `×`, a difference
 * signed in the figure's unit), names falling back to file names, and a warning when the windows differ.
 */
import { cli } from '../support/cli';
import { EXAMPLE_WINDOW, writeWorkedExample } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const example = writeWorkedExample(tmp.file('example.json.gz'));

/** Saves a run of the worked example ($3 hourly, $3.50 per second over two hours) and returns the file. */
function saved(file: string, period: string, window = EXAMPLE_WINDOW, ...extra: string[]): string {
  const out = tmp.file(file);
  const res = cli([
    'simulate',
    '--metrics-data-files',
    example,
    '--cluster',
    'c',
    ...window,
    '--billing-period',
    period,
    '--simulation-result-file',
    out,
    '-q',
    ...extra,
  ]);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  return out;
}

const perSecond = saved('per-second.result.gz', '1s');
const hourly = saved('hourly.result.gz', '1h');

describe('simulate --compare', () => {
  it('prints A, B and A / B per figure, unnamed runs going by their file names', () => {
    const res = cli(['simulate', '--compare', perSecond, hourly]);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe('');
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^figure +A: per-second +B: hourly +A \/ B$/);
    expect(lines).toContainEqual(expect.stringMatching(/^total cost +\$3\.50 +\$3\.00 +×1\.17$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^average capacity \(vCPUs\) +32\.00 +32\.00 +×1\.00$/),
    );
  });

  it('prints a difference signed, in dollars for money', () => {
    const res = cli(['simulate', '--compare', hourly, perSecond, '--comparison-operator', 'sub']);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^figure +A: hourly +B: per-second +A − B$/m);
    expect(res.stdout).toMatch(/^total cost +\$3\.00 +\$3\.50 +-\$0\.50$/m);
  });

  it('warns when the two windows differ, naming both; --json says so too', () => {
    const short = saved(
      'short.result.gz',
      '1s',
      ['--start-time', '1970-01-01T00:00:00Z', '--end-time', '1970-01-01T01:00:00Z'],
      '--name',
      'first hour',
    );
    const res = cli(['simulate', '--compare', short, perSecond]);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe(
      'Warning: the windows differ: first hour covers 1970-01-01T00:00:00Z to 1970-01-01T01:00:00Z, per-second 1970-01-01T00:00:00Z to 1970-01-01T02:00:00Z; totals and averages cover different times\n',
    );
    const json = cli(['simulate', '--compare', short, perSecond, '--json']);
    const doc = JSON.parse(json.stdout) as {
      windows_differ: boolean;
      a: { name: string };
      b: { end: string };
    };
    expect(doc.windows_differ).toBe(true);
    expect(doc.a.name).toBe('first hour');
    expect(doc.b.end).toBe('1970-01-01T02:00:00Z');
  });

  it('a run against a saved result: --json gives A op B, and the run-only total_cost_with_final_periods only alone', () => {
    const run = ['simulate', '--metrics-data-files', example, '--cluster', 'c', ...EXAMPLE_WINDOW];
    const alone = cli([...run, '--billing-period', '1h', '--json']);
    expect(alone.status).toBe(0);
    const own = JSON.parse(alone.stdout) as Record<string, unknown>;
    expect(own.total_cost).toBeCloseTo(3, 9);
    expect(typeof own.total_cost_with_final_periods).toBe('number');
    const res = cli([...run, '--billing-period', '1h', '--compare', perSecond, '--json']);
    expect(res.status).toBe(0);
    const doc = JSON.parse(res.stdout) as Record<string, unknown> & { a: { total_cost: number } };
    expect(doc.total_cost).toBeCloseTo(3 / 3.5, 9);
    expect(doc.a.total_cost).toBeCloseTo(3, 9);
    // Beside the combined total_cost, the run's own figure would read as A / B.
    expect(doc).not.toHaveProperty('total_cost_with_final_periods');
    expect(typeof doc.seed).toBe('number');
  });
});
