/**
 * Does the window hold the data that drives the simulation? Without an autoscaler that is the capacity series
 * (fulfilled_capacity), with one it is cpus_allocated (what the policy scales on). A window after the data
 * would otherwise carry a years-old value forward, and one before it would simulate an empty cluster: both
 * print plausible nonsense.
 */
import type { MetricsData } from '../metrics/model';
import { formatTime } from '../time';
import { SimulationInputError } from './errors';
import { capacitySeries } from './follow';
import { allocatedKey, type PoolRef } from './markets';

/** How far the last point before the window may lie before its start, unless stale data is allowed. */
export const MAX_STALENESS_S = 86400;

export interface CoverageOptions {
  readonly pool: PoolRef;
  readonly start: number;
  readonly end: number;
  /** With an autoscaler, cpus_allocated drives the run; without one, fulfilled_capacity. */
  readonly autoscaler: boolean;
  /** --allow-stale: carry a value older than a day into the window. */
  readonly allowStale: boolean;
  /** --clusterman-window: nothing is carried in, so the window itself must hold a point. */
  readonly clustermanWindow?: boolean;
  readonly zone?: string;
}

/** Throws a SimulationInputError naming the window and the data's span when the window is outside the data. */
export function checkCoverage(data: MetricsData, options: CoverageOptions): void {
  const driver = drivingSeries(data, options);
  if (!driver || driver.times.length === 0) return;
  const { times, name } = driver;
  const { start, end } = options;
  const first = times[0] as number;
  const last = times[times.length - 1] as number;
  const before = lastAtOrBefore(times, start);
  const inside = times.some((t) => t >= start && t < end);
  const endsBeforeData = end <= first;
  const stale = !inside && before !== undefined && start - before > MAX_STALENESS_S;
  const nothingCarried = !inside && options.clustermanWindow === true;
  if (!endsBeforeData && !(stale && !options.allowStale) && !nothingCarried) return;
  const zone = options.zone ?? 'UTC';
  const hint = endsBeforeData
    ? 'give --start-time/--end-time inside it'
    : nothingCarried
      ? 'give --start-time/--end-time inside it; --clusterman-window ignores the points before the window'
      : 'give --start-time/--end-time inside it, or --allow-stale';
  throw new SimulationInputError(
    `the window ${span(start, end, zone)} holds no ${name} data: the metrics span ${span(first, last, zone)} (${hint})`,
  );
}

function drivingSeries(
  data: MetricsData,
  options: CoverageOptions,
): { name: string; times: Float64Array } | undefined {
  if (options.autoscaler) {
    const columns = data.columns('system_metrics', allocatedKey(options.pool, 'cpus'));
    return columns && { name: 'cpus_allocated', times: columns.times };
  }
  // A missing capacity series is an error of its own, raised here with the keys looked for.
  return { name: 'capacity', times: capacitySeries(data, options.pool).times };
}

function lastAtOrBefore(times: Float64Array, t: number): number | undefined {
  let found: number | undefined;
  for (const time of times) {
    if (time > t) break;
    found = time;
  }
  return found;
}

/** '2017-12-01T08:00:00Z – 09:00:00Z' when both ends fall on one day, both in full otherwise. */
function span(from: number, to: number, zone: string): string {
  const a = formatTime(from, zone);
  const b = formatTime(to, zone);
  return a.slice(0, 11) === b.slice(0, 11) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}
