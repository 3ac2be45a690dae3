/**
 * Turns the parsed JSON of a metrics file, in any of its three formats, into validated, time-sorted series.
 * Knows nothing of files or gzip (see read.ts).
 */
import { MetricsFileError } from './errors';
import {
  type FileFormat,
  isMetricType,
  METRIC_TYPES,
  MetricsData,
  type Point,
  type PointValue,
} from './model';

const PICKLE_OBJECT = 'py/object';
const PICKLE_FACTORY = 'default_factory';
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedMetrics {
  readonly format: FileFormat;
  readonly data: MetricsData;
}

export function parseMetricsJson(doc: unknown, file: string): ParsedMetrics {
  if (!isPlainObject(doc)) {
    throw new MetricsFileError(file, 'not a metrics file: the top level must be an object of metric types');
  }
  return parseMetricsLevels(
    Object.entries(doc).map(([type, body]) => [
      type,
      isPlainObject(body) ? Object.entries(body).map(([key, raw]) => [key, () => raw] as const) : undefined,
    ]),
    file,
  );
}

/** A metric type's series: each key with a way to get its raw points (parsed only then); undefined: not an object. */
export type TypeBody = ReadonlyArray<readonly [key: string, raw: () => unknown]> | undefined;

/**
 * parseMetricsJson over the document's top two levels, each series' raw points asked for in turn: a reader
 * can then hold one series' parse tree at a time, not the whole document's.
 */
export function parseMetricsLevels(
  types: Iterable<readonly [type: string, body: TypeBody]>,
  file: string,
): ParsedMetrics {
  const data = new MetricsData();
  const formats = new Set<FileFormat>();
  for (const [type, body] of types) {
    if (!isMetricType(type)) {
      throw new MetricsFileError(file, `unknown metric type '${type}' (expected ${METRIC_TYPES.join(', ')})`);
    }
    if (!body) {
      throw new MetricsFileError(file, `metric type '${type}' must be an object of series`);
    }
    const pickled = body.some(([key]) => key === PICKLE_OBJECT);
    if (pickled) formats.add('jsonpickle');
    for (const [key, raw] of body) {
      if (pickled && (key === PICKLE_OBJECT || key === PICKLE_FACTORY)) continue;
      data.set(type, key, parseSeries(raw(), file, { type, key }, formats));
    }
  }
  return { format: pickFormat(formats, file), data };
}

function pickFormat(formats: ReadonlySet<FileFormat>, file: string): FileFormat {
  if (formats.size > 1) throw new MetricsFileError(file, `mixes formats (${[...formats].join(' and ')})`);
  return formats.values().next().value ?? 'json';
}

function parseSeries(
  raw: unknown,
  file: string,
  label: { type: string; key: string },
  formats: Set<FileFormat>,
): Point[] {
  const fail = (detail: string): never => {
    throw new MetricsFileError(file, detail, label);
  };
  if (!Array.isArray(raw)) return fail('must be a list of points');
  const points: Point[] = new Array<Point>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const { time, value } = unwrapPoint(raw[i], formats) ?? fail(`point ${i}: must be [time, value]`);
    const t = parseTimestamp(time, formats) ?? fail(`point ${i}: bad timestamp ${show(time)}`);
    const v =
      parseValue(value) ?? fail(`point ${i}: value ${show(value)} is not a number or an object of numbers`);
    points[i] = { t, value: v };
  }
  points.sort((a, b) => a.t - b.t);
  for (let i = 1; i < points.length; i++) {
    const t = (points[i] as Point).t;
    if (t === (points[i - 1] as Point).t) fail(`duplicate timestamp ${t} (${isoOf(t)})`);
  }
  return points;
}

function unwrapPoint(raw: unknown, formats: Set<FileFormat>): { time: unknown; value: unknown } | undefined {
  if (Array.isArray(raw)) return raw.length === 2 ? { time: raw[0], value: raw[1] } : undefined;
  if (!isPlainObject(raw)) return undefined;
  // jsonpickle: {"py/tuple": [{"py/object": "arrow.arrow.Arrow", "timestamp": N}, value]}
  const tuple = raw['py/tuple'];
  if (!Array.isArray(tuple) || tuple.length !== 2) return undefined;
  const arrow: unknown = tuple[0];
  if (!isPlainObject(arrow) || arrow[PICKLE_OBJECT] !== 'arrow.arrow.Arrow') return undefined;
  formats.add('jsonpickle');
  return { time: arrow.timestamp, value: tuple[1] };
}

function parseTimestamp(time: unknown, formats: Set<FileFormat>): number | undefined {
  if (typeof time === 'number') return Number.isFinite(time) ? time : undefined;
  if (typeof time !== 'string') return undefined;
  formats.add('iso2017');
  const m = ISO_TIME.exec(time);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  return utc - offsetSeconds(zone);
}

/** '+0000', '+05:30', '-08', 'Z' or none (UTC) -> seconds east of UTC. */
function offsetSeconds(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const seconds = Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60;
  return zone[0] === '-' ? -seconds : seconds;
}

function parseValue(value: unknown): PointValue | undefined {
  if (typeof value === 'number') return value;
  if (!isPlainObject(value)) return undefined;
  const dict = new Map<string, number>();
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'number') return undefined;
    dict.set(k, v);
  }
  return dict;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function show(x: unknown): string {
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function isoOf(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}
