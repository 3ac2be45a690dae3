/**
 * Chart data from a result's step series: the value in effect at each point of a regular grid (charts of a
 * month of per-second changes need a few thousand points, not millions), with the local hour and date for
 * heatmaps, and per-day quartiles for trends.
 */
import { quantileSorted } from 'simple-statistics';
import type { StepSeries } from '../simulator/result';
import { formatTime, localParts } from '../time';

export interface Sample {
  /** Epoch milliseconds (Vega's time unit). */
  readonly t: number;
  readonly value: number;
  /** Local hour of day (fractional: 16.5 is 16:30) and date, in the report's zone. */
  readonly hour: number;
  readonly date: string;
}

export interface DailyQuartiles {
  readonly date: string;
  /** Day number since the first day, for the best-fit line. */
  readonly day: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
}

/** Grid spacing: at least a minute, at most ~`maxPoints` points over the window. */
export function gridStep(start: number, end: number, maxPoints = 4000): number {
  return Math.max(60, Math.ceil((end - start) / maxPoints / 60) * 60);
}

export function sampleSeries(series: StepSeries, start: number, end: number, zone: string): Sample[] {
  const step = gridStep(start, end);
  const out: Sample[] = [];
  let i = -1;
  for (let t = start; t < end; t += step) {
    while (i + 1 < series.times.length && (series.times[i + 1] as number) <= t) i++;
    const value = i < 0 ? null : series.values[i];
    if (value === null || value === undefined) continue;
    out.push({ t: t * 1000, value, hour: localParts(t, zone).hour, date: formatTime(t, zone).slice(0, 10) });
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
      p25: quantileSorted(values, 0.25),
      p50: quantileSorted(values, 0.5),
      p75: quantileSorted(values, 0.75),
    };
  });
}
