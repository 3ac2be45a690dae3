/** Points of a function of existing metrics: at the source's own times, or at generated times. */
import type { MetricSpec, Timing } from '../design/types';
import type { CompiledExpr, ExprEnv } from '../expr';
import { ExprError } from '../expr';
import { isoOf } from '../metrics/parse';
import type { Point, PointValue } from '../metrics/model';
import { localParts } from '../time';
import { SourceCursor } from './cursor';
import { GenerateError } from './errors';
import type { SourceRef } from './plan';
import type { PointTuple, SeriesContext } from './series';
import { timed } from './timing';

/** The variables of one evaluation; hour/weekday are computed only if the expression reads them. */
class PointEnv implements ExprEnv {
  t = 0;
  readonly vars = new Map<string, number>();

  constructor(private readonly zone: string) {}

  get hour(): number {
    return localParts(this.t, this.zone).hour;
  }

  get weekday(): number {
    return localParts(this.t, this.zone).weekday;
  }

  localParts(epochSeconds: number): { hour: number; weekday: number } {
    return localParts(epochSeconds, this.zone);
  }
}

export function* functionPoints(
  spec: MetricSpec,
  refs: ReadonlyMap<string, SourceRef>,
  expr: CompiledExpr,
  ctx: SeriesContext,
): Generator<PointTuple> {
  const aliases = [...refs.keys()];
  const series = aliases.map((alias) => pointsOf(refs.get(alias) as SourceRef, ctx));
  const cursors = series.map((points) => new SourceCursor(points));
  const env = new PointEnv(ctx.zone);

  const evaluate = (t: number): PointValue | undefined => {
    const values: PointValue[] = [];
    for (const cursor of cursors) {
      const v = cursor.valueAt(t);
      if (v === undefined) return undefined; // a source has not started yet: no point
      values.push(v);
    }
    env.t = t;
    const dict = values.find((v): v is ReadonlyMap<string, number> => typeof v !== 'number');
    try {
      const keys = spec.values.kind === 'function' && spec.values.keys ? spec.values.keys : dict?.keys();
      if (keys === undefined) {
        values.forEach((v, i) => env.vars.set(aliases[i] as string, v as number));
        return expr.evaluate(env);
      }
      return perKey(values, keys, aliases, env, expr);
    } catch (err) {
      if (err instanceof ExprError) {
        throw new GenerateError(
          `${ctx.file}: metric '${spec.key}' (${spec.type}): values.function: '${expr.source}' ${err.message} at ${isoOf(t)}`,
        );
      }
      throw err;
    }
  };

  if (spec.frequency.kind === 'historical') {
    for (const p of series[0] as readonly Point[]) {
      if (p.t < spec.start) continue;
      if (p.t >= spec.end) break;
      const v = evaluate(p.t);
      if (v !== undefined) yield [p.t, v];
    }
    return;
  }
  yield* timed(spec.frequency as Timing, spec.start, spec.end, ctx.rng, evaluate);
}

/**
 * One evaluation per key (dict_keys, else the first dict-valued source's keys): dict sources are read at that
 * key (a key one of them lacks is left out), scalar sources are the same for every key.
 */
function perKey(
  values: PointValue[],
  keys: Iterable<string>,
  aliases: string[],
  env: PointEnv,
  expr: CompiledExpr,
): PointValue | undefined {
  const out = new Map<string, number>();
  for (const key of keys) {
    let complete = true;
    values.forEach((v, i) => {
      const x = typeof v === 'number' ? v : v.get(key);
      if (x === undefined) complete = false;
      else env.vars.set(aliases[i] as string, x);
    });
    if (complete) out.set(key, expr.evaluate(env));
  }
  return out.size > 0 ? out : undefined;
}

function pointsOf(ref: SourceRef, ctx: SeriesContext): readonly Point[] {
  if (ref.from === 'file') return ref.points;
  const points = ctx.retained.get(ref.index);
  if (!points) throw new Error(`source metric #${ref.index} was not retained`);
  return points;
}
