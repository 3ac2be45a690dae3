/** --compare: two results combined point by point (and total by total) with an operator. */
import type { Resource } from './resources';
import type { ResultView, StepSeries } from './result';
import { REPORT_TYPES } from './result';

export const OPERATORS = {
  add: { symbol: '+', apply: (a: number, b: number) => a + b },
  sub: { symbol: '-', apply: (a: number, b: number) => a - b },
  mul: { symbol: '*', apply: (a: number, b: number) => a * b },
  truediv: { symbol: '/', apply: (a: number, b: number) => a / b },
} as const;
export type Operator = keyof typeof OPERATORS;

/** Finite results only: x/0 and friends become null ("undefined here"), never Infinity in a file. */
function combine(op: Operator, a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  const out = OPERATORS[op].apply(a, b);
  return Number.isFinite(out) ? out : null;
}

/** Value of a step series at t, null before its first point. */
function valueAt(series: StepSeries, t: number): number | null {
  let lo = 0;
  let hi = series.times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((series.times[mid] as number) <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? null : (series.values[found] as number | null);
}

export function combineSeries(op: Operator, a: StepSeries, b: StepSeries): StepSeries {
  const times = [...new Set([...a.times, ...b.times])].sort((x, y) => x - y);
  return { times, values: times.map((t) => combine(op, valueAt(a, t), valueAt(b, t))) };
}

export function compareResults(a: ResultView, b: ResultView, op: Operator): ResultView {
  const pick = <T extends Record<string, number | null>>(x: T, y: T): T =>
    Object.fromEntries(Object.keys(x).map((k) => [k, combine(op, x[k] ?? null, y[k] ?? null)])) as T;
  return {
    name: `[${a.name}] ${OPERATORS[op].symbol} [${b.name}]`,
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    totals: pick(a.totals, b.totals),
    counts: pick(a.counts, b.counts),
    resources: Object.fromEntries(
      (Object.keys(a.resources) as Resource[])
        .filter((r) => b.resources[r])
        .map((r) => [r, pick({ ...a.resources[r]! }, { ...b.resources[r]! })]),
    ),
    series: Object.fromEntries(
      REPORT_TYPES.map((type) => [type, combineSeries(op, a.series[type], b.series[type])]),
    ) as ResultView['series'],
  };
}

/** A saved result or the run itself (no file), as one side of a comparison. */
export interface Side {
  readonly view: ResultView;
  readonly file?: string;
}

/** Two results side by side, their combination, and what the reader must be warned about. */
export interface Comparison {
  readonly a: ResultView;
  readonly b: ResultView;
  /** The names A and B go by on the page and in the table. */
  readonly names: readonly [string, string];
  readonly op: Operator;
  readonly combined: ResultView;
  /** The two windows differ: the figures cover different spans of time. */
  readonly windowsDiffer: boolean;
}

/** The name --name gets when none is given: it tells two runs apart no better than no name. */
export const DEFAULT_NAME = 'simulation';

/** `runs/dec-1h.result.gz` -> `dec-1h`. */
const fileLabel = (file: string): string =>
  (file.split(/[\\/]/).pop() ?? file).replace(/(\.result)?(\.json)?(\.gz)?$/i, '') || file;

/**
 * A side's name, unless that is the default or both sides share it: then its file's name. Sides still alike
 * (the same file twice) get ` (A)` and ` (B)`.
 */
export function sideNames(a: Side, b: Side): [string, string] {
  const pick = (side: Side, other: Side): string =>
    side.file !== undefined && (side.view.name === DEFAULT_NAME || side.view.name === other.view.name)
      ? fileLabel(side.file)
      : side.view.name;
  const names: [string, string] = [pick(a, b), pick(b, a)];
  return names[0] === names[1] ? [`${names[0]} (A)`, `${names[1]} (B)`] : names;
}

export function compareRuns(a: Side, b: Side, op: Operator): Comparison {
  const names = sideNames(a, b);
  const named = (side: Side, name: string): ResultView => ({ ...side.view, name });
  const [va, vb] = [named(a, names[0]), named(b, names[1])];
  return {
    a: va,
    b: vb,
    names,
    op,
    combined: compareResults(va, vb, op),
    windowsDiffer: va.start !== vb.start || va.end !== vb.end,
  };
}
