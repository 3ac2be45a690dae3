/**
 * A comparison's chart for each report: A and B over time on one scale, then A op B on its own axis (a ratio
 * is unitless, a difference is a Δ in the unit) with its reference line, then A op B by hour and date.
 */
import { combineSeries, type Comparison, type Operator } from '../simulator/compare';
import type { ResultView, StepSeries } from '../simulator/result';
import { type ColourMeaning, namedColours, PALETTE, timeAxis, WIDTH, OWN_FILL_LEGENDS } from './axes';
import type { ChartType } from './files';
import { OVERVIEW_TITLES, pct, type SetpointBand, setpointBands, utilizationSeries } from './overview';
import { sampleSeries } from './sample';
import { BASE, chartTitle, heatmap, REPORT_TITLES, type Window } from './specs';

/** The one series of a run each chart compares (the overview charts: their headline series). */
function headline(type: ChartType, v: ResultView): StepSeries {
  if (type === 'capacity') return v.series.cpus;
  if (type === 'utilization') return utilizationSeries(v);
  if (type === 'cost_split') return v.series.cost;
  return v.series[type];
}

const titleOf = (type: ChartType): { title: string; unit: string } =>
  type in OVERVIEW_TITLES
    ? type === 'capacity'
      ? { title: 'Capacity', unit: 'vCPUs' }
      : type === 'utilization'
        ? { title: 'Utilization (allocated / capacity)', unit: 'fraction of capacity' }
        : { title: 'Cost', unit: 'USD / hour' }
    : REPORT_TITLES[type as keyof typeof REPORT_TITLES];

/** The axis of A op B: a ratio has no unit, a difference is a change in A's unit. */
function combinedAxis(
  op: Operator,
  unit: string,
): { title: string; legend: string; reference: number | undefined } {
  switch (op) {
    case 'truediv':
      return { title: 'A / B (ratio, no unit)', legend: 'A / B', reference: 1 };
    case 'sub':
      return { title: `Δ ${unit} (A − B)`, legend: `Δ ${unit}`, reference: 0 };
    case 'add':
      return { title: `${unit} (A + B)`, legend: unit, reference: undefined };
    case 'mul':
      return { title: 'A × B', legend: 'A × B', reference: undefined };
  }
}

/**
 * The setpoint ± margin bands of the runs that had one (in fractions, the compare chart's unit): one band when
 * A's and B's are the same, else each run's own, named after it.
 */
function comparedBands(c: Comparison): SetpointBand[] {
  const [a, b] = [c.a.overview?.setpoint, c.b.overview?.setpoint];
  const label = (sp: NonNullable<typeof a>): string => `setpoint ${pct(sp.setpoint)} ± ${pct(sp.margin)}`;
  if (a && b && a.setpoint === b.setpoint && a.margin === b.margin)
    return [{ label: `A and B: ${label(a)}`, setpoint: a, colour: PALETTE.band }];
  return [
    ...(a ? [{ label: `A: ${label(a)}`, setpoint: a, colour: PALETTE.band }] : []),
    ...(b ? [{ label: `B: ${label(b)}`, setpoint: b, colour: PALETTE.bandB }] : []),
  ];
}

export function compareSpec(type: ChartType, c: Comparison, w: Window): object {
  const { title, unit } = titleOf(type);
  const [a, b] = [headline(type, c.a), headline(type, c.b)];
  const combined = combineSeries(c.op, a, b);
  const both = [
    ...sampleSeries(a, w.start, w.end, w.zone).map((s) => ({
      lt: s.lt,
      run: `A: ${c.names[0]}`,
      value: s.value,
    })),
    ...sampleSeries(b, w.start, w.end, w.zone).map((s) => ({
      lt: s.lt,
      run: `B: ${c.names[1]}`,
      value: s.value,
    })),
  ];
  const ops = sampleSeries(combined, w.start, w.end, w.zone);
  const axis = combinedAxis(c.op, unit);
  const reference = Math.max(0, ...both.map((s) => Math.abs(s.value)));
  const meaning: ColourMeaning =
    c.op === 'truediv'
      ? { kind: 'ratio' }
      : c.op === 'sub'
        ? { kind: 'difference', reference }
        : { kind: 'level' };
  const x = timeAxis(w.zone, w.start, w.end);
  return {
    ...BASE,
    title: chartTitle(`${title}: A and B`, unit),
    resolve: OWN_FILL_LEGENDS,
    vconcat: [
      {
        width: WIDTH,
        height: 200,
        title: 'A and B over time',
        layer: [
          ...(type === 'utilization' ? setpointBands(comparedBands(c), 1) : []),
          {
            data: { values: both },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.2 },
            encoding: {
              x,
              y: { field: 'value', type: 'quantitative', title: unit },
              color: {
                field: 'run',
                type: 'nominal',
                ...namedColours(
                  [
                    [`A: ${c.names[0]}`, PALETTE.a],
                    [`B: ${c.names[1]}`, PALETTE.b],
                  ],
                  'stroke',
                ),
              },
            },
          },
        ],
      },
      {
        width: WIDTH,
        height: 160,
        title: `${axis.title} over time`,
        layer: [
          {
            data: { values: ops },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1, color: PALETTE.combined },
            encoding: { x, y: { field: 'value', type: 'quantitative', title: axis.title } },
          },
          ...(axis.reference === undefined
            ? []
            : [
                {
                  data: { values: [{ ref: axis.reference }] },
                  mark: { type: 'rule', strokeDash: [2, 2], color: PALETTE.trend },
                  encoding: { y: { field: 'ref', type: 'quantitative' } },
                },
              ]),
        ],
      },
      heatmap(ops, axis.legend, meaning),
    ],
  };
}
