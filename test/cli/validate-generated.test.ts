/**
 * Issue 15's end-to-end claim: what generate-inventory and generate-telemetry write (with the contract
 * --write-contract gives) passes every check of validate telemetry, for plain days and for shards.
 */
import { join } from 'node:path';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ok = (args: string[]) => {
  const res = cli(args);
  expect({ args, stderr: res.stderr, status: res.status }).toMatchObject({ args, status: 0 });
  return res;
};

interface JsonReport {
  passed: boolean;
  rows: number;
  checks: Array<{ name: string; status: string }>;
}

describe('generate, then validate', () => {
  it('passes every check on two days of the coherent power/cpu model with fuzz', () => {
    const dir = tmp.file('days');
    ok(['generate-inventory', '--directory', dir, '--count', '25', '--seed', '11']);
    ok([
      'generate-telemetry',
      '--directory',
      dir,
      '--date',
      '2023-02-27',
      '--days',
      '2',
      '--interval',
      '900',
      '--fuzz',
      '30',
      '--measurements',
      join(ROOT, 'designs/telemetry/power-cpu.yaml'),
      '--seed',
      '11',
      '--write-contract',
    ]);
    const res = ok(['validate', 'telemetry', '--directory', dir, '--json']);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(report.checks.map((c) => [c.name, c.status])).toEqual(
      [
        'readme',
        'schema',
        'coherence',
        'dictionaries',
        'ranges',
        'time grid',
        'file names',
        'uniqueness',
        'order',
        'row count',
        'completeness',
      ].map((name) => [name, 'passed']),
    );
    expect(report.rows).toBe(25 * 96 * 2 * 2);
  });

  it('passes on the union of two shards, hourly files in --end form', () => {
    const dir = tmp.file('shards');
    ok(['generate-inventory', '--directory', dir, '--count', '12', '--seed', '5']);
    for (const shard of ['1/2', '2/2']) {
      ok([
        'generate-telemetry',
        '--directory',
        dir,
        '--date',
        '2023-02-27T22',
        '--hours',
        '3',
        '--interval',
        '300',
        '--end',
        '--shard',
        shard,
        '--seed',
        '5',
        '--write-contract',
        '--yes',
      ]);
    }
    const res = ok(['validate', 'telemetry', '--directory', dir, '--json']);
    const report = JSON.parse(res.stdout) as JsonReport;
    expect(report.passed).toBe(true);
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.rows).toBe(12 * 12 * 3 * 2);
  });
});
