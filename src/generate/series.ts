/**
 * One metric's points, drawn in clusterman's order: first point at start_time, end exclusive, and at each step
 * the value draw(s) and then the interval draw. Generators, so the caller streams them to the writer.
 */
import type { DictValues, MetricSpec, ScalarValues, Timing } from '../design/types';
import type { CompiledExpr } from '../expr';
import type { PointValue, ValueKind } from '../metrics/model';
import type { Rng } from '../random/rng';
import { functionPoints } from './function-points';
import type { SourceRef } from './plan';
import { timed } from './timing';

export interface SeriesContext {
  readonly rng: Rng;
  readonly zone: string;
  /** Points of earlier design metrics kept for later ones. */
  readonly retained: ReadonlyMap<number, readonly { t: number; value: PointValue }[]>;
  readonly file: string;
}

export type PointTuple = readonly [t: number, value: PointValue];

/** How this spec's numbers are written: Python's int/float distinction where we know it. */
export function valueKind(spec: MetricSpec): ValueKind {
  const values = spec.values.kind === 'dict' ? spec.values.each : spec.values;
  switch (values.kind) {
    case 'constant':
      return Number.isInteger(values.value) ? 'int' : 'float';
    case 'distribution':
      if (values.draw.returnsInt) return 'int';
      // choice returns the element it picks, with that element's type: over a list mixing ints and floats
      // Python writes 1 for the int 1 and 2.5 for 2.5. (A float written 2.0 in the design reads as 2, so it is
      // written 2: YAML and JSON readers keep no int/float distinction.)
      return values.draw.name === 'choice' ? 'auto' : 'float';
    case 'function':
      return 'auto';
  }
}

export function* seriesPoints(
  spec: MetricSpec,
  refs: ReadonlyMap<string, SourceRef>,
  expr: CompiledExpr | undefined,
  ctx: SeriesContext,
): Generator<PointTuple> {
  if (spec.values.kind === 'function') {
    yield* functionPoints(spec, refs, expr as CompiledExpr, ctx);
    return;
  }
  const draw = scalarOrDict(spec.values, ctx.rng);
  yield* timed(spec.frequency as Timing, spec.start, spec.end, ctx.rng, () => draw());
}

function scalarOrDict(values: ScalarValues | DictValues, rng: Rng): () => PointValue {
  if (values.kind !== 'dict') return scalar(values, rng);
  const one = scalar(values.each, rng);
  const keys = values.keys;
  return () => {
    const chosen = rng.sample(keys, rng.randbelow(keys.length) + 1);
    const dict = new Map<string, number>();
    for (const key of chosen) dict.set(key, one());
    return dict;
  };
}

function scalar(values: ScalarValues, rng: Rng): () => number {
  if (values.kind === 'constant') {
    const v = values.value;
    return () => v;
  }
  const draw = values.draw;
  return () => draw.draw(rng);
}
