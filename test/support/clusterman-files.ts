/**
 * Files in Python clusterman's formats, made in the test from data the test chose, so that tests of what
 * those formats mean need no copy of clusterman's own files. jsonpickle comes from our writer; the 2017
 * format (ISO time strings, which we read but never write) is spelled here.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { writeMetricsFile } from '../../src/metrics/file';
import type { MetricsData, PointValue } from '../../src/metrics/model';

export async function writeJsonpickle(path: string, data: MetricsData): Promise<string> {
  await writeMetricsFile(path, data, 'jsonpickle');
  return path;
}

/** "2017-08-01T15:00:00+0000", as clusterman's 2017 files spell times. */
export function iso2017Time(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', '+0000');
}

/** clusterman's 2017 format: {"<type>": {"<key>": [["2017-08-01T15:00:00+0000", value], ...]}}, gzipped. */
export function writeIso2017(path: string, data: MetricsData): string {
  const doc: Record<string, Record<string, Array<[string, unknown]>>> = {};
  for (const s of data.series()) {
    (doc[s.type] ??= {})[s.key] = s.points.map((p) => [iso2017Time(p.t), plain(p.value)]);
  }
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  return path;
}

function plain(value: PointValue): unknown {
  return typeof value === 'number' ? value : Object.fromEntries(value);
}
