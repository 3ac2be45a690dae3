/**
 * Step series of numbers (allocation, prices, target capacity) as two typed arrays, read from the metrics'
 * columns without a copy: the value of a point holds from its time until the next point's.
 */
import type { SeriesColumns } from '../metrics/columns';
import { SimulationInputError } from './errors';

export interface StepSeries {
  /** Strictly increasing. */
  readonly times: Float64Array;
  readonly values: Float64Array;
}

export const NO_STEPS: StepSeries = { times: new Float64Array(0), values: new Float64Array(0) };

/** A series' values, once every one is checked to be a number; `key` names it in the error. */
export function numberSteps(columns: SeriesColumns | undefined, key: string): StepSeries {
  if (!columns) return NO_STEPS;
  const dict = columns.firstDict();
  if (dict >= 0)
    throw new SimulationInputError(
      `'${key}' point ${dict} (t=${columns.timeAt(dict)}): expected a number, got a dict`,
    );
  return { times: columns.times, values: columns.numbers };
}

/** Index of the first point after t (binary search: the autoscaler asks every period). */
export function firstAfter(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The points at or after `start` (--clusterman-window: what came before is ignored). */
export function stepsFrom(steps: StepSeries, start: number): StepSeries {
  const first = firstAfter(steps.times, start - 1);
  return first === 0 ? steps : { times: steps.times.subarray(first), values: steps.values.subarray(first) };
}

/** The value at t (0 before the first point). */
export function stepAt(steps: StepSeries, t: number): number {
  const i = firstAfter(steps.times, t) - 1;
  return i < 0 ? 0 : (steps.values[i] as number);
}

/** Integral over [start, end) (0 before the first point). */
export function stepIntegral(steps: StepSeries, start: number, end: number): number {
  const { times, values } = steps;
  let sum = 0;
  for (let i = 0; i < times.length; i++) {
    const from = Math.max(times[i] as number, start);
    const to = Math.min(i + 1 < times.length ? (times[i + 1] as number) : end, end);
    if (to > from) sum += (values[i] as number) * (to - from);
  }
  return sum;
}
