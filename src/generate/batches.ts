/**
 * The hot path of generate-data: a series whose values are a distribution or a constant is drawn straight
 * into arrays, a batch at a time, with no object per point. The draw order is seriesPoints' (value, then
 * interval), so both paths give the same numbers.
 */
import type { MetricSpec, ScalarValues, Timing } from '../design/types';
import type { Rng } from '../random/rng';
import { randomGap } from './timing';

/** Fills `times`/`values` from index 0 and returns how many points it wrote; 0 once the series is done. */
export type BatchFiller = (times: Float64Array, values: Float64Array) => number;

export function isScalarSpec(spec: MetricSpec): spec is MetricSpec & { values: ScalarValues } {
  return spec.values.kind === 'distribution' || spec.values.kind === 'constant';
}

export function scalarBatches(
  spec: MetricSpec & { values: ScalarValues },
  timing: Timing,
  rng: Rng,
): BatchFiller {
  const { values: source, end } = spec;
  const constant = source.kind === 'constant' ? source.value : undefined;
  const draw = source.kind === 'distribution' ? source.draw : undefined;
  let t = spec.start;
  return (times, values) => {
    const room = times.length;
    let n = 0;
    if (timing.kind === 'regular') {
      const step = timing.seconds;
      for (; n < room && t < end; n++, t += step) {
        times[n] = t;
        values[n] = draw ? draw.draw(rng) : (constant as number);
      }
    } else {
      const gap = timing.draw;
      for (; n < room && t < end; n++) {
        times[n] = t;
        values[n] = draw ? draw.draw(rng) : (constant as number);
        t += randomGap(gap, rng);
      }
    }
    return n;
  };
}
