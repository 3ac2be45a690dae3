/**
 * The charts that answer the autoscaler question: did capacity follow demand (capacity, allocated and the
 * target on one scale), did the autoscaler hold its setpoint (utilization against the setpoint ± margin band),
 * and what did it cost (on-demand and spot, stacked).
 */
import { combineSeries } from '../simulator/compare';
import type { OverviewSeries, ResultView, StepSeries } from '../simulator/result';
import { namedColours, PALETTE, timeAxis, WIDTH, OWN_FILL_LEGENDS } from './axes';
import type { OverviewType } from './files';
import { dailyExtents, sampleSeries } from './sample';
import { BASE, chartTitle, heatmap, type Window } from './specs';

export const OVERVIEW_TITLES: Record<OverviewType, { title: string; unit: string }> = {
  capacity: { title: 'Capacity, allocation and target', unit: 'vCPUs' },
  utilization: { title: 'Utilization (allocated / capacity)', unit: '% of capacity' },
  cost_split: { title: 'Cost per hour, on-demand and spot', unit: 'USD / hour' },
};

/** allocated / capacity as a step series; undefined (null) where there is no capacity. */
export const utilizationSeries = (v: ResultView): StepSeries =>
  combineSeries('truediv', v.series.cpus_allocated, v.series.cpus);

/** Several step series sampled on one grid, in long form (one row per time and series) for a colour legend. */
function longForm(entries: ReadonlyArray<readonly [string, StepSeries]>, w: Window, scale = 1) {
  return entries.flatMap(([series, steps]) =>
    sampleSeries(steps, w.start, w.end, w.zone).map((s) => ({ lt: s.lt, series, value: s.value * scale })),
  );
}

function capacitySpec(v: ResultView, w: Window): object {
  const target = v.overview?.targetCpus;
  const lines: Array<[string, StepSeries, string]> = [
    ['capacity', v.series.cpus, PALETTE.capacity],
    ['allocated', v.series.cpus_allocated, PALETTE.allocated],
    ...(target ? [['autoscaler target', target, PALETTE.target] as [string, StepSeries, string]] : []),
  ];
  return {
    width: WIDTH,
    height: 260,
    data: {
      values: longForm(
        lines.map(([n, s]) => [n, s] as const),
        w,
      ),
    },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.2 },
    encoding: {
      x: timeAxis(w.zone, w.start, w.end),
      y: { field: 'value', type: 'quantitative', title: 'vCPUs' },
      color: {
        field: 'series',
        type: 'nominal',
        ...namedColours(
          lines.map(([n, , c]) => [n, c] as const),
          'stroke',
        ),
      },
      strokeDash: target
        ? {
            field: 'series',
            type: 'nominal',
            scale: { domain: ['autoscaler target'], range: [[4, 3]], unknown: [1, 0] },
            legend: null,
          }
        : undefined,
    },
  };
}

function utilizationSpec(v: ResultView, w: Window): object {
  const samples = sampleSeries(utilizationSeries(v), w.start, w.end, w.zone).map((s) => ({
    ...s,
    value: s.value * 100,
  }));
  const sp = v.overview?.setpoint;
  const band = sp ? `setpoint ${pct(sp.setpoint)} ± ${pct(sp.margin)}` : undefined;
  const line = {
    data: { values: samples },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1 },
    encoding: {
      x: timeAxis(w.zone, w.start, w.end),
      y: { field: 'value', type: 'quantitative', title: '% of capacity allocated' },
      color: {
        datum: 'allocated / capacity',
        ...namedColours([['allocated / capacity', PALETTE.capacity]], 'stroke'),
      },
    },
  };
  const over = {
    width: WIDTH,
    height: 220,
    title: 'Over time',
    layer: sp
      ? [...setpointBands([{ label: band as string, setpoint: sp, colour: PALETTE.band }], 100), line]
      : [line],
  };
  return { resolve: OWN_FILL_LEGENDS, vconcat: [over, heatmap(samples, '% allocated', { kind: 'level' })] };
}

function costSplitSpec(v: ResultView, w: Window): object {
  const spot = v.overview?.spotCost;
  const onDemand = spot ? combineSeries('sub', v.series.cost, spot) : v.series.cost;
  const kinds: Array<[string, StepSeries, string]> = [
    ['on-demand', onDemand, PALETTE.onDemand],
    ...(spot ? [['spot', spot, PALETTE.spot] as [string, StepSeries, string]] : []),
  ];
  const colour = {
    field: 'series',
    type: 'nominal',
    ...namedColours(
      kinds.map(([n, , c]) => [n, c] as const),
      'square',
    ),
  };
  const daily = kinds.flatMap(([series, steps]) =>
    dailyExtents(steps, w.start, w.end, w.zone).map((d) => ({ lt: d.lt, series, value: d.sum })),
  );
  return {
    vconcat: [
      {
        width: WIDTH,
        height: 220,
        title: 'Over time (stacked)',
        data: {
          values: longForm(
            kinds.map(([n, s]) => [n, s] as const),
            w,
          ),
        },
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.8 },
        encoding: {
          x: timeAxis(w.zone, w.start, w.end),
          y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'USD / hour' },
          color: colour,
          order: { field: 'series', sort: 'descending' },
        },
      },
      {
        width: WIDTH,
        height: 140,
        title: 'Cost per day (stacked)',
        data: { values: daily },
        mark: 'bar',
        encoding: {
          x: {
            field: 'lt',
            type: 'ordinal',
            timeUnit: 'utcyearmonthdate',
            title: 'date',
            axis: { format: '%a %d %b', labelAngle: 0, labelOverlap: true },
          },
          y: { field: 'value', type: 'quantitative', stack: 'zero', title: 'USD' },
          color: colour,
        },
      },
    ],
  };
}

export const pct = (x: number): string => `${Number((x * 100).toFixed(1))} %`;

/** A setpoint ± margin band to draw, its legend label and colour. */
export interface SetpointBand {
  readonly label: string;
  readonly setpoint: NonNullable<OverviewSeries['setpoint']>;
  readonly colour: string;
}

/**
 * Layers drawing each setpoint ± margin as a horizontal band, `scale` times the fractions (100 for %), in a
 * legend of their own (the `fill` channel: squares, where the lines' legend draws strokes).
 */
export function setpointBands(bands: readonly SetpointBand[], scale: number): object[] {
  const fill = namedColours(
    bands.map((b) => [b.label, b.colour] as const),
    'square',
  );
  return bands.map(({ label, setpoint: { setpoint, margin } }) => ({
    data: { values: [{ lo: (setpoint - margin) * scale, hi: (setpoint + margin) * scale }] },
    mark: { type: 'rect', opacity: 0.45 },
    encoding: {
      y: { field: 'lo', type: 'quantitative' },
      y2: { field: 'hi' },
      fill: { datum: label, ...fill },
    },
  }));
}

export function overviewSpec(type: OverviewType, v: ResultView, w: Window): object {
  const { title, unit } = OVERVIEW_TITLES[type];
  const body =
    type === 'capacity'
      ? capacitySpec(v, w)
      : type === 'utilization'
        ? utilizationSpec(v, w)
        : costSplitSpec(v, w);
  return { ...BASE, title: chartTitle(title, unit), ...body };
}
