/**
 * Chart data from a result's step series: the value in effect at each point of a regular grid (charts of a
 * month of per-second changes need a few thousand points, not millions), with the local hour and date for
 * heatmaps, per-day quartiles for trends, and exact per-day max and integral for sparse series.
 */
import { DateTime } from 'luxon';
import { quantileSorted } from 'simple-statistics';
import type { StepSeries } from '../simulator/result';
import { formatTime, localParts } from '../time';
import { isUtc } from '../time/zone';

export interface Sample {
  /** Epoch milliseconds. */
  readonly t: number;
  /** The report zone's wall clock as if it were UTC, in ms: what the time axes show (Vega knows only UTC). */
  readonly lt: number;
  readonly value: number;
  /** Local hour of day (fractional: 16.5 is 16:30) and date, in the report's zone. */
  readonly hour: number;
  readonly date: string;
}

export interface DailyQuartiles {
  readonly date: string;
  /** Day number since the first day. */
  readonly day: number;
  /** Local midnight of the day as wall-clock ms (see Sample.lt), for dated axes. */
  readonly lt: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
}

/** Grid spacing: at least a minute, at most ~`maxPoints` points over the window (charts are 760 px wide). */
export function gridStep(start: number, end: number, maxPoints = 1200): number {
  return Math.max(60, Math.ceil((end - start) / maxPoints / 60) * 60);
}

const wallClock = (date: string, hour: number): number => Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;

/**
 * `at`: the value in effect at each grid time. `max`: the highest value in effect during each grid step, so
 * that short spikes of a sparse series (a minute of oversubscription) are not stepped over.
 */
export function sampleSeries(
  series: StepSeries,
  start: number,
  end: number,
  zone: string,
  mode: 'at' | 'max' = 'at',
): Sample[] {
  const step = gridStep(start, end);
  const out: Sample[] = [];
  let i = -1;
  for (let t = start; t < end; t += step) {
    while (i + 1 < series.times.length && (series.times[i + 1] as number) <= t) i++;
    let value = i < 0 ? null : series.values[i];
    if (mode === 'max') {
      for (let j = i + 1; j < series.times.length && (series.times[j] as number) < t + step; j++) {
        const v = series.values[j];
        if (v !== null && v !== undefined && (value === null || value === undefined || v > value)) value = v;
      }
    }
    if (value === null || value === undefined) continue;
    const { hour } = localParts(t, zone);
    const date = formatTime(t, zone).slice(0, 10);
    out.push({ t: t * 1000, lt: wallClock(date, hour), value, hour, date });
  }
  return out;
}

export function dailyQuartiles(samples: readonly Sample[]): DailyQuartiles[] {
  const byDate = new Map<string, number[]>();
  for (const s of samples) {
    const values = byDate.get(s.date);
    if (values) values.push(s.value);
    else byDate.set(s.date, [s.value]);
  }
  return [...byDate].map(([date, values], day) => {
    values.sort((a, b) => a - b);
    return {
      date,
      day,
      lt: wallClock(date, 0),
      p25: quantileSorted(values, 0.25),
      p50: quantileSorted(values, 0.5),
      p75: quantileSorted(values, 0.75),
    };
  });
}

/**
 * Sparse: under a quarter of the samples differ from zero, so most days' p25, p50 and p75 are all 0 and a
 * quartile chart would show nothing. Such series (oversubscription) are shown by day as max and total.
 */
export function isSparse(samples: readonly Sample[]): boolean {
  if (samples.length === 0) return false;
  let nonZero = 0;
  for (const s of samples) if (s.value !== 0) nonZero++;
  return nonZero > 0 && nonZero < samples.length / 4;
}

export interface DailyExtent {
  readonly date: string;
  readonly lt: number;
  /** The highest value in effect at any moment of the day. */
  readonly max: number;
  /** The integral over the day, in value-hours (vCPU-hours for vCPUs, dollars for $/h). */
  readonly sum: number;
}

/** Local days (in `zone`) overlapping [start, end), as [from, to) epoch seconds clipped to the window. */
export function localDays(
  start: number,
  end: number,
  zone: string,
): Array<{ date: string; from: number; to: number }> {
  const days: Array<{ date: string; from: number; to: number }> = [];
  // Our UTC spellings (`Z`, `Etc/UTC`, ...) are not all luxon's.
  let day = DateTime.fromSeconds(start, { zone: isUtc(zone) ? 'UTC' : zone }).startOf('day');
  while (day.toSeconds() < end) {
    const next = day.plus({ days: 1 });
    days.push({
      date: day.toFormat('yyyy-MM-dd'),
      from: Math.max(day.toSeconds(), start),
      to: Math.min(next.toSeconds(), end),
    });
    day = next;
  }
  return days;
}

/** Exact per-day max and integral of a step series (undefined stretches count as nothing). */
export function dailyExtents(series: StepSeries, start: number, end: number, zone: string): DailyExtent[] {
  const { times, values } = series;
  let i = 0;
  return localDays(start, end, zone).map(({ date, from, to }) => {
    // The segment in effect at `from`: the last change at or before it.
    while (i + 1 < times.length && (times[i + 1] as number) <= from) i++;
    let max = 0;
    let sum = 0;
    for (let j = i; j < times.length && (times[j] as number) < to; j++) {
      const value = values[j];
      const a = Math.max(times[j] as number, from);
      const b = Math.min(j + 1 < times.length ? (times[j + 1] as number) : to, to);
      if (value === null || value === undefined || b <= a) continue;
      max = Math.max(max, value);
      sum += (value * (b - a)) / 3600;
    }
    return { date, lt: wallClock(date, 0), max, sum };
  });
}
