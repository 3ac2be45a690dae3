/**
 * One Vega-Lite spec per report: the time series, a heatmap (hour of day x date) and the daily trend (p25-p75
 * band, median and a least-squares line through the medians), stacked vertically. Sparse series get a
 * per-day max and total instead of quartiles that would all be 0.
 */
import type { ReportType } from '../simulator/result';
import {
  colourScale,
  type ColourMeaning,
  dateRows,
  dayAxis,
  dayLabel,
  hourAxis,
  hourLabel,
  namedColours,
  PALETTE,
  timeAxis,
  WIDTH,
  OWN_FILL_LEGENDS,
} from './axes';
import type { DailyExtent, DailyQuartiles, Sample } from './sample';

export const REPORT_TITLES: Record<ReportType, { title: string; unit: string; hours: string }> = {
  cpus: { title: 'Capacity', unit: 'vCPUs', hours: 'vCPU-hours' },
  cpus_allocated: { title: 'Allocated', unit: 'vCPUs', hours: 'vCPU-hours' },
  unused_cpus: { title: 'Unused capacity', unit: 'vCPUs', hours: 'vCPU-hours' },
  cost: { title: 'Cost', unit: 'USD / hour', hours: 'USD' },
  unused_cpus_cost: { title: 'Cost of unused capacity', unit: 'USD / hour', hours: 'USD' },
  cost_per_cpu: { title: 'Cost per vCPU', unit: 'USD / vCPU-hour', hours: 'USD / vCPU' },
  oversubscribed: { title: 'Oversubscribed', unit: 'vCPUs', hours: 'vCPU-hours' },
};

export interface Window {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
}

export const chartTitle = (text: string, subtitle: string): object => ({ text, subtitle, anchor: 'start' });

export const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
  config: { view: { stroke: null }, font: 'sans-serif', legend: { labelLimit: 320 } },
} as const;

/** The series as a step line over the window. */
export function overTime(samples: readonly Sample[], unit: string, w: Window, title = 'Over time'): object {
  return {
    width: WIDTH,
    height: 200,
    title,
    data: { values: samples },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1 },
    encoding: {
      x: timeAxis(w.zone, w.start, w.end),
      y: { field: 'value', type: 'quantitative', title: unit },
    },
  };
}

/** Hour of day x date, mean (or, for sparse series, max) value per cell. */
export function heatmap(
  samples: readonly Sample[],
  unit: string,
  meaning: ColourMeaning,
  aggregate: 'mean' | 'max' = 'mean',
): object {
  const cells = samples.map((s) => ({
    lt: s.lt,
    value: s.value,
    hourLabel: hourLabel(s.hour),
    dayLabel: dayLabel(s.date),
  }));
  // The colour scale is set by what the cells show (their mean or max), not by single samples' spikes.
  const shown = new Map<string, { n: number; sum: number; max: number }>();
  for (const c of cells) {
    const key = `${c.dayLabel}|${c.hourLabel}`;
    const cell = shown.get(key) ?? { n: 0, sum: 0, max: -Infinity };
    cell.n++;
    cell.sum += c.value;
    cell.max = Math.max(cell.max, c.value);
    shown.set(key, cell);
  }
  const values = [...shown.values()].map((c) => (aggregate === 'max' ? c.max : c.sum / c.n));
  return {
    width: WIDTH,
    title: `Hour of day x date (${aggregate})`,
    data: { values: cells },
    mark: 'rect',
    encoding: {
      x: hourAxis(),
      y: dateRows(),
      color: {
        aggregate,
        field: 'value',
        type: 'quantitative',
        title: unit,
        scale: colourScale(values, meaning),
      },
    },
  };
}

/** Daily p25-p75 as a band, the median, and the least-squares trend of the medians, each in the legend. */
export function dailyTrend(daily: readonly DailyQuartiles[], unit: string): object {
  // The band in a fill legend (a square), the two lines in a colour legend (strokes).
  const band = namedColours([['p25–p75', PALETTE.band]], 'square');
  const lines = namedColours(
    [
      ['median', PALETTE.median],
      ['trend of the medians', PALETTE.trend],
    ],
    'stroke',
  );
  return {
    width: WIDTH,
    height: 160,
    title: 'Daily p25 / p50 / p75 and trend',
    data: { values: daily },
    encoding: { x: dayAxis() },
    layer: [
      {
        mark: { type: 'area', opacity: 0.5 },
        encoding: {
          y: { field: 'p25', type: 'quantitative', title: unit },
          y2: { field: 'p75' },
          fill: { datum: 'p25–p75', ...band },
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { y: { field: 'p50', type: 'quantitative' }, color: { datum: 'median', ...lines } },
      },
      {
        transform: [{ regression: 'p50', on: 'lt' }],
        mark: { type: 'line', strokeDash: [4, 4] },
        encoding: {
          x: { field: 'lt', type: 'temporal' },
          y: { field: 'p50', type: 'quantitative' },
          color: { datum: 'trend of the medians' },
        },
      },
    ],
  };
}

/** For sparse series: each day's highest value and its total over the day, side by side. */
export function dailyExtentCharts(days: readonly DailyExtent[], unit: string, hours: string): object {
  const bars = (field: 'max' | 'sum', title: string, axisTitle: string, colour: string): object => ({
    width: WIDTH / 2 - 40,
    height: 160,
    title,
    data: { values: days },
    mark: { type: 'bar', color: colour },
    encoding: {
      x: { ...dayAxis(), type: 'ordinal', axis: { format: '%a %d %b', labelAngle: -40, labelOverlap: true } },
      y: { field, type: 'quantitative', title: axisTitle },
    },
  });
  return {
    hconcat: [
      bars('max', 'Daily max', unit, PALETTE.allocated),
      bars('sum', 'Daily total', hours, PALETTE.capacity),
    ],
  };
}

export function reportSpec(
  type: ReportType,
  samples: readonly Sample[],
  daily: { readonly quartiles: readonly DailyQuartiles[]; readonly extents: readonly DailyExtent[] },
  sparse: boolean,
  w: Window,
): object {
  const { title, unit, hours } = REPORT_TITLES[type];
  return {
    ...BASE,
    title: chartTitle(title, sparse ? `${unit} (sparse: by day, max and total)` : unit),
    resolve: OWN_FILL_LEGENDS,
    vconcat: [
      overTime(samples, unit, w, sparse ? 'Over time (max of each step)' : 'Over time'),
      heatmap(samples, unit, { kind: 'level' }, sparse ? 'max' : 'mean'),
      sparse ? dailyExtentCharts(daily.extents, unit, hours) : dailyTrend(daily.quartiles, unit),
    ],
  };
}
