/** A series gathered in memory before it is written: numbers in growing buffers, or dict-valued points. */
import type { PointBuffer } from './buffer';
import type { Point } from './model';

export type CollectedSeries =
  | { readonly key: string; readonly kind: 'numbers'; readonly points: PointBuffer }
  | { readonly key: string; readonly kind: 'dicts'; readonly points: readonly Point[] };

export function collectedSize(s: CollectedSeries): number {
  return s.kind === 'dicts' ? s.points.length : s.points.size;
}

/** First and last timestamps, undefined when empty. */
export function collectedSpan(s: CollectedSeries): { first: number; last: number } | undefined {
  const n = collectedSize(s);
  if (n === 0) return undefined;
  const at = (i: number): number =>
    s.kind === 'dicts' ? (s.points[i] as Point).t : (s.points.times[i] as number);
  return { first: at(0), last: at(n - 1) };
}
