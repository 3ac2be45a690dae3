import type { Timing } from '../design/types';
import type { BoundDraw } from '../random/distributions';
import type { Rng } from '../random/rng';

/** clusterman: next = current + int(draw) + 1; the floor of 1 s keeps time moving forward on negative draws. */
export function randomGap(gap: BoundDraw, rng: Rng): number {
  return Math.max(1, Math.trunc(gap.draw(rng)) + 1);
}

/** Timestamps from start (inclusive) to end (exclusive); value() is called before each interval draw. */
export function* timed<T>(
  timing: Timing,
  start: number,
  end: number,
  rng: Rng,
  value: (t: number) => T | undefined,
): Generator<readonly [number, T]> {
  if (timing.kind === 'regular') {
    for (let t = start; t < end; t += timing.seconds) {
      const v = value(t);
      if (v !== undefined) yield [t, v];
    }
    return;
  }
  const gap = timing.draw;
  for (let t = start; t < end;) {
    const v = value(t);
    if (v !== undefined) yield [t, v];
    t += randomGap(gap, rng);
  }
}
