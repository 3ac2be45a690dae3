/**
 * Reading series back from VictoriaMetrics through /api/v1/export, into metrics-file series. The export may
 * split a series over several lines and keeps every sample written, so points are sorted and a timestamp
 * written twice keeps the value exported last.
 */
import { byName, dimensionsId } from '../metrics/keys';
import { MetricsData, METRIC_TYPES, type MetricType, type Point } from '../metrics/model';
import type { ReadRange, VictoriaMetrics } from './client';
import { type Labels, seriesIdOf, TYPE_LABEL } from './labels';

/** One stored series: epoch-second timestamps, ascending, one value each. */
export interface StoredPoints {
  readonly labels: Labels;
  readonly times: number[];
  readonly values: number[];
}

/** Every series matching any selector, by label set. */
export async function readStored(
  client: VictoriaMetrics,
  match: readonly string[],
  range: ReadRange,
): Promise<Map<string, StoredPoints>> {
  const raw = new Map<string, { labels: Labels; pairs: Array<[number, number]> }>();
  await client.export(match, range, (line) => {
    const id = dimensionsId(line.metric);
    let s = raw.get(id);
    if (!s) raw.set(id, (s = { labels: line.metric, pairs: [] }));
    for (let i = 0; i < line.timestamps.length; i++)
      s.pairs.push([(line.timestamps[i] as number) / 1000, line.values[i] as number]);
  });
  const out = new Map<string, StoredPoints>();
  for (const [id, { labels, pairs }] of raw) {
    // A stable sort keeps export order among equal timestamps, so the later sample wins below.
    pairs.sort((a, b) => a[0] - b[0]);
    const times: number[] = [];
    const values: number[] = [];
    for (const [t, v] of pairs) {
      if (times.length > 0 && times[times.length - 1] === t) values[values.length - 1] = v;
      else {
        times.push(t);
        values.push(v);
      }
    }
    out.set(id, { labels, times, values });
  }
  return out;
}

/** The selector for every series this mapping writes. */
export const ALL_SERIES = `{${TYPE_LABEL}=~"${METRIC_TYPES.join('|')}"}`;

/**
 * Every series the mapping wrote with points in [start, end), as metrics-file data: dict keys come back
 * together as one dict-valued series, in name order. Types and keys are in name order too.
 */
export async function readDatastore(
  client: VictoriaMetrics,
  start: number,
  end: number,
): Promise<MetricsData> {
  const stored = await readStored(client, [ALL_SERIES], { start, end });
  const numbers = new Map<string, Point[]>();
  const dicts = new Map<string, Map<number, Map<string, number>>>();
  const idOf = (type: MetricType, key: string): string => `${type}\u0000${key}`;
  for (const s of stored.values()) {
    const id = seriesIdOf(s.labels);
    if (!id) continue;
    const inRange = (t: number): boolean => t >= start && t < end;
    if (id.dictKey === undefined) {
      const points: Point[] = [];
      s.times.forEach((t, i) => inRange(t) && points.push({ t, value: s.values[i] as number }));
      if (points.length > 0) numbers.set(idOf(id.type, id.key), points);
      continue;
    }
    let byTime = dicts.get(idOf(id.type, id.key));
    if (!byTime) dicts.set(idOf(id.type, id.key), (byTime = new Map()));
    s.times.forEach((t, i) => {
      if (!inRange(t)) return;
      let dict = byTime.get(t);
      if (!dict) byTime.set(t, (dict = new Map()));
      dict.set(id.dictKey as string, s.values[i] as number);
    });
  }
  const all = new Map<string, readonly Point[]>(numbers);
  for (const [id, byTime] of dicts) {
    const points = [...byTime]
      .sort(([a], [b]) => a - b)
      .map(([t, dict]) => ({
        t,
        value: new Map([...dict].sort(byName)),
      }));
    if (points.length > 0) all.set(id, points);
  }
  const data = new MetricsData();
  for (const id of [...all.keys()].sort()) {
    const [type, key] = id.split('\u0000') as [MetricType, string];
    data.set(type, key, all.get(id) as readonly Point[]);
  }
  return data;
}
