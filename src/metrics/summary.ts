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
  private block: number[] = [];
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
    this.block.push(v);
    if (this.block.length >= BLOCK) this.fold();
  }

  private fold(): void {
    const n = this.block.length;
    if (n === 0) return;
    this.lo = Math.min(this.lo, min(this.block));
    this.hi = Math.max(this.hi, max(this.block));
    this.avg = this.count === 0 ? mean(this.block) : combineMeans(this.avg, this.count, mean(this.block), n);
    this.count += n;
    this.block = [];
  }
}
