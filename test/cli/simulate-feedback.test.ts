/** What simulate says while it works: data warnings before the run, and nothing but errors with -q. */
import { existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cli } from '../support/cli';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

// Two markets, one of them without prices.
const metrics = tmp.file('half-priced.json.gz');
writeFileSync(
  metrics,
  gzipSync(
    JSON.stringify({
      metadata: {
        'fulfilled_capacity|cluster=c,pool=default.mesos': [
          [0, { '<m5.large, us-west-2a>': 4 }],
          [1800, { '<m5.large, us-west-2a>': 4, '<m5.large, us-west-2b>': 2 }],
        ],
        'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=m5.large': [[0, 0.05]],
      },
      system_metrics: { 'cpus_allocated|cluster=c,pool=default.mesos': [[0, 3]] },
    }),
  ),
);
const run = (...args: string[]) =>
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
    ...args,
  ]);
const WARNING = 'Warning: no spot_prices series for <m5.large, us-west-2b>: its instances cost nothing';

describe('simulate feedback', () => {
  it('warns of a market without prices before the first event fires', () => {
    const res = run('--log-level', 'info');
    expect(res.status).toBe(0);
    const lines = res.stderr.trim().split('\n');
    expect(lines[0]).toBe(WARNING);
    expect(lines.filter((l) => l === WARNING)).toHaveLength(1);
    expect(lines[1]).toMatch(/^=== Event 0 -- /);
  });

  it('-q prints nothing, warnings and summary included, and still writes the result', () => {
    const result = tmp.file('quiet-result.json.gz');
    const res = run('-q', '--simulation-result-file', result);
    expect(res.status).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('');
    expect(existsSync(result)).toBe(true);
  });

  it('-q still shows errors', () => {
    const res = cli(['simulate', '--metrics-data-files', metrics, '-q']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^Error: --cluster is required/);
  });
});
