/**
 * Series of a Prometheus range query, gathered across chunks by their label set, and named the way the
 * issue asks: `<dest>|<label>=<value>,...` (labels sorted, __name__ dropped), or just `<dest>`.
 */
import { PointBuffer } from '../../metrics/buffer';
import { dimensionsId, formatKey, parseKey } from '../../metrics/keys';
import { PrometheusError } from './errors';

export type Labels = Readonly<Record<string, string>>;

export interface PromSeries {
  readonly labels: Labels;
  readonly points: PointBuffer;
}

/** One series of a query_range reply: `values` are [seconds, "text"] pairs. */
export interface MatrixEntry {
  readonly metric: Labels;
  readonly values: ReadonlyArray<readonly [number, string]>;
}

export class PromCollector {
  private readonly byLabels = new Map<string, PromSeries>();
  /** Values that were NaN or infinite: a metrics file cannot hold them. */
  skipped = 0;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  add(entry: MatrixEntry): void {
    const id = dimensionsId(entry.metric);
    let series = this.byLabels.get(id);
    if (!series) {
      series = { labels: entry.metric, points: new PointBuffer() };
      this.byLabels.set(id, series);
    }
    for (const [t, text] of entry.values) {
      if (t < this.start || t >= this.end) continue;
      const value = Number(text);
      if (!Number.isFinite(value)) {
        this.skipped++;
        continue;
      }
      series.points.push(t, value);
    }
  }

  series(): PromSeries[] {
    return [...this.byLabels.values()];
  }
}

/** Destination keys for each series, refusing two series that would land on one key. */
export function nameSeries(
  query: string,
  dest: string,
  series: readonly PromSeries[],
  drop: readonly string[],
): string[] {
  const seen = new Map<string, Labels>();
  // A destination with dimensions of its own (cpus|cluster=x) takes the series' labels beside them.
  const { name: destName, dimensions } = parseKey(dest);
  return series.map((s) => {
    const kept = Object.entries(s.labels).filter(([name]) => name !== '__name__' && !drop.includes(name));
    const key = formatKey(destName, new Map([...dimensions, ...kept]));
    if (seen.has(key))
      throw new PrometheusError(
        `query '${query}': several series become '${key}' once __name__${drop.length > 0 ? ` and ${drop.join(', ')}` : ''} ${drop.length > 0 ? 'are' : 'is'} dropped; filter or aggregate them in the query`,
      );
    seen.set(key, s.labels);
    return key;
  });
}
