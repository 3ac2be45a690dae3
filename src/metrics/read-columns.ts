/**
 * Reads a metrics file for simulate: every series as columns (columns.ts), scanned from the bytes point by
 * point (scan-points.ts), so that a year of minute points fits in a laptop's memory. A file outside the plain
 * `json` format, or one with anything unusual or wrong, is read the ordinary way (read.ts) and its series
 * turned into columns: the same data, and the same error messages, as readMetricsFile.
 */
import { readFile } from 'node:fs/promises';
import { describeIoError } from '../util/io';
import { SeriesColumns } from './columns';
import { MetricsFileError } from './errors';
import { isMetricType, MetricsData } from './model';
import type { ParsedMetrics } from './parse';
import { metricsBytes, parseMetricsBytes } from './read';
import { JsonScanError, objectMembers, opensObject, skipSpace } from './scan';
import { NotPlain, scanPoints } from './scan-points';

const PICKLE_OBJECT = 'py/object';

export async function readMetricsColumns(file: string): Promise<ParsedMetrics> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    throw new MetricsFileError(file, describeIoError(err));
  }
  const bytes = await metricsBytes(raw, file);
  try {
    return { format: 'json', data: scanMetricsDocument(bytes) };
  } catch (err) {
    if (!(err instanceof NotPlain || err instanceof JsonScanError || err instanceof SyntaxError)) throw err;
  }
  const parsed = parseMetricsBytes(bytes, file);
  const data = new MetricsData();
  for (const { type, key, stored } of parsed.data.stored())
    data.set(type, key, stored instanceof SeriesColumns ? stored : SeriesColumns.fromPoints(stored));
  return { format: parsed.format, data };
}

/** The plain-json document, a series at a time; NotPlain (or a scan error) for anything else. */
export function scanMetricsDocument(bytes: Buffer): MetricsData {
  const top = objectMembers(bytes, 0);
  if (skipSpace(bytes, top.end) !== bytes.length) throw new NotPlain('data after the document');
  const data = new MetricsData();
  for (const { key: type, start } of top.members) {
    if (!isMetricType(type) || !opensObject(bytes, start)) throw new NotPlain(`metric type '${type}'`);
    for (const m of objectMembers(bytes, start).members) {
      if (m.key === PICKLE_OBJECT) throw new NotPlain('jsonpickle');
      data.set(type, m.key, scanPoints(bytes, m.start, m.end));
    }
  }
  return data;
}
