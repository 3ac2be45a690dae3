/**
 * Streaming aggregation of records into metric series: one cell per (series, interval), never a record.
 * A series' cells are two dense Float64Arrays from its first interval on (records come in time order, so
 * they only grow at the end; an earlier interval shifts them, which is rare and still correct).
 *
 * What is written: count and sum have a point for every interval of the run (0 where nothing happened), so
 * a quiet minute reads as 0 rather than as the last busy value; mean, max and min only where records were.
 */
import { formatKey } from '../../metrics/keys';
import type { MetricType } from '../../metrics/model';
import type { EmitterSchema, EventRecord, FieldValue } from '../formats/types';
import { Timestamp } from '../formats/types';
import { RecordFormatError } from '../formats/errors';
import type { AggregatePlan, MetricPlan } from './config';

/** `none` stands for a missing or null group field; ',' and '|' would break the key, so they become '_'. */
function dimensionValue(value: FieldValue | undefined): string {
  if (value === undefined || value === null) return 'none';
  const text =
    value instanceof Timestamp
      ? String(Math.floor(value.epochMs / 1000))
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return text.replace(/[,|]/g, '_');
}

/** `match:` equality: scalars compare as text (`200` matches "200"); null matches missing and null. */
function matches(wanted: FieldValue, value: FieldValue | undefined): boolean {
  if (wanted === null || value === undefined || value === null)
    return wanted === null && (value ?? null) === null;
  if (typeof wanted === 'object' || typeof value === 'object') return false;
  return wanted === value || String(wanted) === String(value);
}

export class SeriesCells {
  /** First interval index held. */
  first = 0;
  size = 0;
  /** count: records; sum/mean: the sum; max/min: the extreme. */
  a = new Float64Array(16);
  /** Records seen in the cell (mean divides by it; 0 means no data). */
  n = new Float64Array(16);

  constructor(
    readonly metric: MetricPlan,
    readonly key: string,
  ) {}

  add(interval: number, value: number): void {
    if (this.size === 0) this.first = interval;
    if (interval < this.first) this.shift(this.first - interval);
    const i = interval - this.first;
    if (i >= this.a.length) this.grow(i + 1);
    if (i >= this.size) this.size = i + 1;
    const fn = this.metric.fn;
    const seen = (this.n[i] as number) > 0;
    if (fn === 'max') this.a[i] = seen ? Math.max(this.a[i] as number, value) : value;
    else if (fn === 'min') this.a[i] = seen ? Math.min(this.a[i] as number, value) : value;
    else this.a[i] = (this.a[i] as number) + value;
    this.n[i] = (this.n[i] as number) + 1;
  }

  /** The value written for an interval, or undefined for none. */
  valueAt(interval: number): number | undefined {
    const i = interval - this.first;
    const has = i >= 0 && i < this.size && (this.n[i] as number) > 0;
    const fn = this.metric.fn;
    if (!has) return fn === 'count' || fn === 'sum' ? 0 : undefined;
    const raw = fn === 'mean' ? (this.a[i] as number) / (this.n[i] as number) : (this.a[i] as number);
    return raw * this.metric.scale;
  }

  private grow(min: number): void {
    let length = this.a.length;
    while (length < min) length *= 2;
    const a = new Float64Array(length);
    const n = new Float64Array(length);
    a.set(this.a.subarray(0, this.size));
    n.set(this.n.subarray(0, this.size));
    this.a = a;
    this.n = n;
  }

  private shift(by: number): void {
    this.grow(this.size + by);
    this.a.copyWithin(by, 0, this.size);
    this.n.copyWithin(by, 0, this.size);
    this.a.fill(0, 0, by);
    this.n.fill(0, 0, by);
    this.first -= by;
    this.size += by;
  }
}

/** A metric's view of one emitter, resolved once: where its time, value and group fields are. */
interface Route {
  readonly metric: MetricPlan;
  readonly timeField: string;
}

export class Aggregator {
  private readonly series = new Map<MetricType, Map<string, SeriesCells>>();
  private readonly routes = new Map<string, readonly Route[]>();
  private readonly groups = new Map<MetricPlan, Map<string, SeriesCells>>();
  private firstInterval = Infinity;
  private lastInterval = -Infinity;

  constructor(readonly plan: AggregatePlan) {}

  add(record: EventRecord, emitter: EmitterSchema): void {
    for (const route of this.routesOf(emitter)) this.addTo(route, record);
  }

  private routesOf(emitter: EmitterSchema): readonly Route[] {
    let routes = this.routes.get(emitter.name);
    if (!routes) {
      const timeField = this.plan.timeFields.get(emitter.name);
      routes =
        timeField === undefined
          ? []
          : this.plan.metrics
              .filter((m) => !m.emitters || m.emitters.has(emitter.name))
              .map((metric) => ({ metric, timeField }));
      this.routes.set(emitter.name, routes);
    }
    return routes;
  }

  private addTo({ metric, timeField }: Route, record: EventRecord): void {
    const time = record[timeField];
    if (!(time instanceof Timestamp)) return;
    for (const [field, wanted] of metric.match) if (!wanted.some((w) => matches(w, record[field]))) return;
    let value = 1;
    if (metric.field !== undefined) {
      const raw = record[metric.field];
      if (raw === undefined || raw === null) return;
      if (metric.fn !== 'count') {
        if (typeof raw !== 'number' || Number.isNaN(raw))
          throw new RecordFormatError(
            `aggregate.metrics.${metric.label}: field '${metric.field}' holds ${JSON.stringify(raw)}, not a number`,
          );
        value = raw;
      }
    }
    const interval = Math.floor(time.epochMs / 1000 / this.plan.intervalSeconds);
    if (interval < this.firstInterval) this.firstInterval = interval;
    if (interval > this.lastInterval) this.lastInterval = interval;
    this.cells(metric, record).add(interval, value);
  }

  /** Per metric, its series by the group fields' values: no key is built for a group already seen. */
  private cells(metric: MetricPlan, record: EventRecord): SeriesCells {
    let groups = this.groups.get(metric);
    if (!groups) {
      groups = new Map();
      this.groups.set(metric, groups);
    }
    let id = '';
    for (const b of metric.by) id += `${dimensionValue(record[b])}\u0000`;
    let cells = groups.get(id);
    if (!cells) {
      cells = this.seriesFor(metric, id === '' ? metric.plainKey : this.keyOf(metric, record));
      groups.set(id, cells);
    }
    return cells;
  }

  private keyOf(metric: MetricPlan, record: EventRecord): string {
    const dims = new Map(metric.fixed);
    for (const b of metric.by) dims.set(b, dimensionValue(record[b]));
    return formatKey(metric.name, dims);
  }

  /** Groups whose values differ only in ',' or '|' share a key, so they share its cells. */
  private seriesFor(metric: MetricPlan, key: string): SeriesCells {
    let byKey = this.series.get(metric.metricType);
    if (!byKey) {
      byKey = new Map();
      this.series.set(metric.metricType, byKey);
    }
    let cells = byKey.get(key);
    if (!cells) {
      cells = new SeriesCells(metric, key);
      byKey.set(key, cells);
    }
    return cells;
  }

  /** Every series, metric types and keys in sorted order, with the run's interval range. */
  *seriesInOrder(): IterableIterator<{ type: MetricType; cells: SeriesCells }> {
    for (const type of [...this.series.keys()].sort()) {
      const byKey = this.series.get(type) as Map<string, SeriesCells>;
      for (const key of [...byKey.keys()].sort()) yield { type, cells: byKey.get(key) as SeriesCells };
    }
  }

  /** The interval indexes the run covered (empty when no record fed a metric). */
  get intervals(): { first: number; last: number } | undefined {
    return this.lastInterval < this.firstInterval
      ? undefined
      : { first: this.firstInterval, last: this.lastInterval };
  }
}
