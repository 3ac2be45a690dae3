/** Reads a time-sorted series as "its last value at or before t", for non-decreasing t, in O(1) amortised. */
import type { Point, PointValue } from '../metrics/model';

export class SourceCursor {
  private next = 0;
  private current: PointValue | undefined;

  constructor(private readonly points: readonly Point[]) {}

  valueAt(t: number): PointValue | undefined {
    const pts = this.points;
    while (this.next < pts.length && (pts[this.next] as Point).t <= t) {
      this.current = (pts[this.next] as Point).value;
      this.next++;
    }
    return this.current;
  }
}
