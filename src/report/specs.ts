/**
 * One Vega-Lite spec per report: the time series, a heatmap (time of day x date, mean value) and the daily
 * p25/p50/p75 trend with a least-squares line through the medians, stacked vertically.
 */
import type { ReportType } from '../simulator/result';
import type { DailyQuartiles, Sample } from './sample';

export const REPORT_TITLES: Record<ReportType, { title: string; unit: string }> = {
  cpus: { title: 'Capacity', unit: 'vCPUs' },
  cpus_allocated: { title: 'Allocated', unit: 'vCPUs' },
  unused_cpus: { title: 'Unused capacity', unit: 'vCPUs' },
  cost: { title: 'Cost', unit: 'USD / hour' },
  unused_cpus_cost: { title: 'Cost of unused capacity', unit: 'USD / hour' },
  cost_per_cpu: { title: 'Cost per vCPU', unit: 'USD / vCPU-hour' },
  oversubscribed: { title: 'Oversubscribed', unit: 'vCPUs' },
};

const WIDTH = 760;

export function reportSpec(
  type: ReportType,
  samples: readonly Sample[],
  daily: readonly DailyQuartiles[],
): object {
  const { title, unit } = REPORT_TITLES[type];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle: unit, anchor: 'start' },
    config: { view: { stroke: null }, font: 'sans-serif' },
    vconcat: [
      {
        width: WIDTH,
        height: 200,
        title: 'Over time',
        data: { values: samples },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1 },
        encoding: {
          x: { field: 't', type: 'temporal', scale: { type: 'utc' }, title: 'time (UTC)' },
          y: { field: 'value', type: 'quantitative', title: unit },
        },
      },
      {
        width: WIDTH,
        title: 'Time of day x date (mean)',
        data: { values: samples },
        mark: 'rect',
        encoding: {
          x: {
            field: 'hour',
            type: 'quantitative',
            bin: { maxbins: 24, extent: [0, 24] },
            title: 'hour of day',
          },
          y: { field: 'date', type: 'ordinal', title: 'date' },
          color: { aggregate: 'mean', field: 'value', type: 'quantitative', title: unit },
        },
      },
      {
        width: WIDTH,
        height: 160,
        title: 'Daily p25 / p50 / p75 and trend',
        data: { values: daily },
        layer: [
          {
            mark: { type: 'area', opacity: 0.3 },
            encoding: {
              x: {
                field: 'day',
                type: 'quantitative',
                title: 'day of the window',
                axis: { tickMinStep: 1, format: 'd' },
              },
              y: { field: 'p25', type: 'quantitative', title: unit },
              y2: { field: 'p75' },
            },
          },
          {
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'day', type: 'quantitative' },
              y: { field: 'p50', type: 'quantitative' },
            },
          },
          {
            transform: [{ regression: 'p50', on: 'day' }],
            mark: { type: 'line', strokeDash: [4, 4], color: 'firebrick' },
            encoding: {
              x: { field: 'day', type: 'quantitative' },
              y: { field: 'p50', type: 'quantitative' },
            },
          },
        ],
      },
    ],
  };
}
