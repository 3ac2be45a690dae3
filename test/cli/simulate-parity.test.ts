/** simulate's clusterman parity flags and figures, through the built CLI. */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cli } from '../support/cli';
import { simulateArgs } from '../support/tiny-cluster';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const A = '<c3.8xlarge, us-west-2a>';
const CAPACITY = 'fulfilled_capacity|cluster=c,pool=default.mesos';
const PRICE = 'spot_prices|aws_availability_zone=us-west-2a,aws_instance_type=c3.8xlarge';
const ALLOCATED = 'cpus_allocated|cluster=c,pool=default.mesos';

function metrics(name: string, doc: unknown): string {
  const path = tmp.file(name);
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const window = (start: number, end: number) => ['--start-time', iso(start), '--end-time', iso(end)];

describe('simulate: parity with Python clusterman', () => {
  it('hourly: a terminated instance is charged up to the window end; --json keeps the whole last period', () => {
    // One c3.8xlarge at $1/h from 0 to 4,000 s, window 0-5,000 s.
    const file = metrics('last-period.json.gz', {
      metadata: {
        [CAPACITY]: [
          [0, { [A]: 32 }],
          [4000, {}],
        ],
        [PRICE]: [[0, 1]],
      },
    });
    const res = cli([...simulateArgs(file, ...window(0, 5000)), '--billing-period', '1h', '--json']);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.total_cost).toBeCloseTo(1.3889, 4);
    expect(out.total_cost_with_final_periods).toBeCloseTo(2, 12);
  });

  describe('--clusterman-window', () => {
    // One instance from 0, $1/h then $2/h from 3600, 16 vCPUs allocated; the window starts between points.
    const file = metrics('between.json.gz', {
      metadata: {
        [CAPACITY]: [
          [0, { [A]: 32 }],
          [3600, { [A]: 32 }],
        ],
        [PRICE]: [
          [0, 1],
          [3600, 2],
        ],
      },
      system_metrics: {
        [ALLOCATED]: [
          [0, 16],
          [3600, 16],
        ],
      },
    });

    it('carries nothing in: the cluster, prices and allocation start at the first point in the window', () => {
      const run = (...extra: string[]) =>
        JSON.parse(cli([...simulateArgs(file, ...window(1800, 5400)), '--json', ...extra]).stdout);
      const ours = run();
      const theirs = run('--clusterman-window');
      expect([ours.total_cost, ours.avg_cpus, ours.avg_cpus_allocated]).toEqual([1.5, 32, 16]);
      expect([theirs.total_cost, theirs.avg_cpus, theirs.avg_cpus_allocated]).toEqual([1, 16, 8]);
    });

    it('refuses a window holding no capacity point, saying why', () => {
      const res = cli([...simulateArgs(file, ...window(4000, 5000)), '--clusterman-window']);
      expect(res.status).toBe(2);
      expect(res.stderr).toBe(
        'Error: the window 1970-01-01T01:06:40Z – 01:23:20Z holds no capacity data: the metrics span ' +
          '1970-01-01T00:00:00Z – 01:00:00Z (give --start-time/--end-time inside it; --clusterman-window ' +
          'ignores the points before the window)\n',
      );
    });
  });
});
