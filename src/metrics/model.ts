/** The metrics data model shared by generate-data, backfill and simulate. */
import { SeriesColumns } from './columns';

export const METRIC_TYPES = ['system_metrics', 'app_metrics', 'metadata'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export function isMetricType(name: string): name is MetricType {
  return (METRIC_TYPES as readonly string[]).includes(name);
}

/** A multi-valued point: insertion order is kept (it is the order the values were drawn in). */
export type DictValue = ReadonlyMap<string, number>;
export type PointValue = number | DictValue;

/** One observation: `t` is whole epoch seconds. */
export interface Point {
  readonly t: number;
  readonly value: PointValue;
}

/**
 * How numbers are written. `int`/`float` follow Python's json (a float always has a '.' or an exponent,
 * so files match what Python's clusterman writes); `auto` writes integral values as integers.
 */
export type ValueKind = 'int' | 'float' | 'auto';

export interface Series {
  readonly type: MetricType;
  readonly key: string;
  readonly points: readonly Point[];
}

/** A series as stored: points, or columns (read for simulate, where a year of points would not fit). */
export type StoredSeries = readonly Point[] | SeriesColumns;

/** A series with its storage, for moving it between MetricsData without turning columns into points. */
export interface StoredEntry {
  readonly type: MetricType;
  readonly key: string;
  readonly stored: StoredSeries;
}

/** The formats a metrics file can be in; `iso2017` is clusterman's first format (read only). */
export type FileFormat = 'json' | 'jsonpickle' | 'iso2017';
export type WriteFormat = Exclude<FileFormat, 'iso2017'>;

/**
 * Series by metric type then key, in file order. Maps keep user keys such as `__proto__` as plain data.
 * A series stored as columns is turned into points only when asked for points.
 */
export class MetricsData {
  private readonly types = new Map<MetricType, Map<string, StoredSeries>>();

  set(type: MetricType, key: string, series: StoredSeries): void {
    let byKey = this.types.get(type);
    if (!byKey) {
      byKey = new Map();
      this.types.set(type, byKey);
    }
    byKey.set(key, series);
  }

  get(type: MetricType, key: string): readonly Point[] | undefined {
    const stored = this.types.get(type)?.get(key);
    return stored instanceof SeriesColumns ? stored.toPoints() : stored;
  }

  /** The series as columns (built from its points when it was stored as points). */
  columns(type: MetricType, key: string): SeriesColumns | undefined {
    const stored = this.types.get(type)?.get(key);
    return stored === undefined || stored instanceof SeriesColumns
      ? stored
      : SeriesColumns.fromPoints(stored);
  }

  has(type: MetricType, key: string): boolean {
    return this.types.get(type)?.has(key) ?? false;
  }

  /** Metric types holding `key`, in file order. */
  typesOf(key: string): MetricType[] {
    return [...this.types].filter(([, byKey]) => byKey.has(key)).map(([type]) => type);
  }

  metricTypes(): MetricType[] {
    return [...this.types.keys()];
  }

  *series(type?: MetricType): IterableIterator<Series> {
    for (const { type: t, key, stored } of this.stored(type))
      yield { type: t, key, points: stored instanceof SeriesColumns ? stored.toPoints() : stored };
  }

  /** Every series as stored, in order. */
  *stored(type?: MetricType): IterableIterator<StoredEntry> {
    for (const [t, byKey] of this.types) {
      if (type !== undefined && t !== type) continue;
      for (const [key, stored] of byKey) yield { type: t, key, stored };
    }
  }

  /** The keys of a metric type's series, in order. */
  keys(type: MetricType): string[] {
    return [...(this.types.get(type)?.keys() ?? [])];
  }

  get size(): number {
    let n = 0;
    for (const byKey of this.types.values()) n += byKey.size;
    return n;
  }
}
