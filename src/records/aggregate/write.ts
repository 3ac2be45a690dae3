/** Writes an Aggregator's series as a clusterman metrics file (gzipped JSON), replaced atomically. */
import { withMetricsOutput } from '../../metrics/file';
import type { ValueKind } from '../../metrics/model';
import type { Aggregator } from './accumulate';

export interface AggregateSummary {
  readonly series: number;
  readonly points: number;
}

/** Points are written at the start of their interval (whole epoch seconds). */
export async function writeAggregates(aggregator: Aggregator, path: string): Promise<AggregateSummary> {
  const step = aggregator.plan.intervalSeconds;
  const range = aggregator.intervals;
  let series = 0;
  let points = 0;
  await withMetricsOutput(path, 'json', async ({ writer, pause }) => {
    let open: string | undefined;
    for (const { type, cells } of aggregator.seriesInOrder()) {
      if (!range) break;
      if (type !== open) {
        if (open !== undefined) writer.endType();
        writer.beginType(type);
        open = type;
      }
      const kind: ValueKind =
        cells.metric.fn === 'count' && Number.isInteger(cells.metric.scale) ? 'int' : 'auto';
      writer.beginSeries(cells.key, kind);
      for (let interval = range.first; interval <= range.last; interval++) {
        const value = cells.valueAt(interval);
        if (value === undefined) continue;
        writer.point(interval * step, value);
        points++;
      }
      writer.endSeries();
      series++;
      await pause();
    }
    if (open !== undefined) writer.endType();
  });
  return { series, points };
}
