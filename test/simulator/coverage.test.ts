import { MetricsData, type Point } from '../../src/metrics/model';
import { checkCoverage, type CoverageOptions } from '../../src/simulator/coverage';
import { SimulationInputError } from '../../src/simulator/errors';

const POOL = { cluster: 'c', pool: 'p', scheduler: 'mesos' } as const;
const CAPACITY = 'fulfilled_capacity|cluster=c,pool=p.mesos';
const ALLOCATED = 'cpus_allocated|cluster=c,pool=p.mesos';
const DAY = 86400;
const T0 = Date.UTC(2017, 11, 1) / 1000; // 2017-12-01T00:00:00Z

const capacity = (times: number[]): Point[] =>
  times.map((t) => ({ t, value: new Map([['<m3.large, a>', 2]]) }));

/** Capacity from 2017-12-01 to 2017-12-08 (a point a day), allocation only on the first day. */
function data(): MetricsData {
  const d = new MetricsData();
  d.set('metadata', CAPACITY, capacity([0, 1, 2, 3, 4, 5, 6, 7].map((i) => T0 + i * DAY)));
  d.set('system_metrics', ALLOCATED, [
    { t: T0, value: 4 },
    { t: T0 + 3600, value: 5 },
  ]);
  return d;
}

const check = (start: number, end: number, over: Partial<CoverageOptions> = {}): void =>
  checkCoverage(data(), { pool: POOL, start, end, autoscaler: false, allowStale: false, ...over });

describe('checkCoverage: the window must hold the data that drives the run', () => {
  it('accepts a window inside the data, one that starts before it, and one less than a day after it', () => {
    expect(() => check(T0 + 3600, T0 + 7200)).not.toThrow();
    expect(() => check(T0 - DAY, T0 + 60)).not.toThrow();
    expect(() => check(T0 + 7 * DAY + 3600, T0 + 7 * DAY + 7200)).not.toThrow();
  });

  it('refuses a window more than a day after the last point, naming the window and the span', () => {
    const start = Date.UTC(2026, 11, 2, 12) / 1000;
    expect(() => check(start, start + 3600)).toThrow(
      new SimulationInputError(
        'the window 2026-12-02T12:00:00Z – 13:00:00Z holds no capacity data: the metrics span ' +
          '2017-12-01T00:00:00Z – 2017-12-08T00:00:00Z (give --start-time/--end-time inside it, or --allow-stale)',
      ),
    );
  });

  it('--allow-stale carries the old value forward', () => {
    expect(() => check(T0 + 30 * DAY, T0 + 31 * DAY, { allowStale: true })).not.toThrow();
  });

  it('refuses a window that ends at or before the first point, even with --allow-stale', () => {
    expect(() => check(T0 - 3600, T0, { allowStale: true })).toThrow(
      /the window 2017-11-30T23:00:00Z – 2017-12-01T00:00:00Z holds no capacity data: .*\(give --start-time\/--end-time inside it\)$/,
    );
  });

  it('with an autoscaler, cpus_allocated drives the run', () => {
    // Capacity covers day 3, allocation stopped on day 1.
    expect(() => check(T0 + 3 * DAY, T0 + 3 * DAY + 3600, { autoscaler: true })).toThrow(
      /holds no cpus_allocated data: the metrics span 2017-12-01T00:00:00Z – 01:00:00Z/,
    );
    expect(() => check(T0 + 1800, T0 + 3 * DAY, { autoscaler: true })).not.toThrow();
  });

  it('shows times in --tz', () => {
    expect(() => check(T0 + 30 * DAY, T0 + 30 * DAY + 3600, { zone: 'America/Los_Angeles' })).toThrow(
      /the window 2017-12-30T16:00:00-08:00 – 17:00:00-08:00 holds no capacity data: the metrics span 2017-11-30T16:00:00-08:00 – 2017-12-07T16:00:00-08:00/,
    );
  });
});
