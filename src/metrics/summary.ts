/**
 * Per-series summary (points, first, last, min, mean, max) computed in bounded memory: values are folded in
 * blocks with simple-statistics, and block means combined with its combineMeans.
 */
import { combineMeans, max, mean, min } from 'simple-statistics';
import type { MetricType, PointValue } from './model';

export interface SeriesSummary {
  readonly type: MetricType;
  readonly key: string;
  readonly points: number;
  /** Epoch seconds of the first and last point; undefined for an empty series. */
  readonly first: number | undefined;
  readonly last: number | undefined;
  /** Over every number in the series (each key of a dict-valued point counts once). */
  readonly min: number | undefined;
  readonly mean: number | undefined;
  readonly max: number | undefined;
}

const BLOCK = 1 << 14;

export class SummaryBuilder {
  private points = 0;
  private first: number | undefined;
  private last: number | undefined;
  /** A typed block: no boxed number per point, and nothing for the collector to trace. */
  private readonly block = new Float64Array(BLOCK);
  private filled = 0;
  private count = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private avg = 0;

  constructor(
    readonly type: MetricType,
    readonly key: string,
  ) {}

  add(t: number, value: PointValue): void {
    if (this.points++ === 0) this.first = t;
    this.last = t;
    if (typeof value === 'number') this.push(value);
    else for (const v of value.values()) this.push(v);
  }

  /** `count` numeric points at once (the batch path of generate-data). */
  addRun(times: Float64Array, values: Float64Array, count: number): void {
    if (count === 0) return;
    if (this.points === 0) this.first = times[0];
    this.points += count;
    this.last = times[count - 1];
    for (let i = 0; i < count;) {
      const take = Math.min(count - i, BLOCK - this.filled);
      this.block.set(values.subarray(i, i + take), this.filled);
      this.filled += take;
      i += take;
      if (this.filled === BLOCK) this.fold();
    }
  }

  result(): SeriesSummary {
    this.fold();
    const any = this.count > 0;
    return {
      type: this.type,
      key: this.key,
      points: this.points,
      first: this.first,
      last: this.last,
      min: any ? this.lo : undefined,
      mean: any ? this.avg : undefined,
      max: any ? this.hi : undefined,
    };
  }

  private push(v: number): void {
    this.block[this.filled++] = v;
    if (this.filled === BLOCK) this.fold();
  }

  private fold(): void {
    const n = this.filled;
    if (n === 0) return;
    // simple-statistics reads only length and indexes, which a Float64Array has.
    const block = this.block.subarray(0, n) as unknown as number[];
    this.lo = Math.min(this.lo, min(block));
    this.hi = Math.max(this.hi, max(block));
    this.avg = this.count === 0 ? mean(block) : combineMeans(this.avg, this.count, mean(block), n);
    this.count += n;
    this.filled = 0;
  }
}
