/**
 * How a metrics-file series is stored as VictoriaMetrics labels, and back:
 *   key `name|k1=v1,k2=v2` of type T   ->  __name__=name, k1=v1, k2=v2, metric_type=T
 *   a dict-valued series               ->  one series per dict key, with the label key=<dict key>
 * Reading back sorts dimensions by name (clusterman's own key order), so keys written that way round-trip.
 */
import { formatKey, parseKey } from '../metrics/keys';
import { isMetricType, type MetricType } from '../metrics/model';
import { DatastoreKeyError } from './errors';

export const NAME_LABEL = '__name__';
export const TYPE_LABEL = 'metric_type';
export const DICT_LABEL = 'key';
const RESERVED = [NAME_LABEL, TYPE_LABEL, DICT_LABEL];

export type Labels = Readonly<Record<string, string>>;

/** Where a stored series belongs in a metrics file. */
export interface SeriesId {
  readonly type: MetricType;
  readonly key: string;
  /** Set for one key of a dict-valued series. */
  readonly dictKey?: string;
}

export function labelsOf(id: SeriesId): Labels {
  const { name, dimensions } = parseKey(id.key);
  const where = `series '${id.key}' (${id.type})`;
  if (name === '') throw new DatastoreKeyError(`${where}: the datastore needs a metric name before '|'`);
  const labels: Record<string, string> = { [NAME_LABEL]: name };
  for (const [dim, value] of dimensions) {
    if (RESERVED.includes(dim))
      throw new DatastoreKeyError(`${where}: dimension '${dim}' is a label the datastore reserves`);
    // VictoriaMetrics, like Prometheus, treats an empty label as no label: it would not come back.
    if (value === '')
      throw new DatastoreKeyError(`${where}: dimension '${dim}' has no value (expected ${dim}=<value>)`);
    labels[dim] = value;
  }
  labels[TYPE_LABEL] = id.type;
  if (id.dictKey !== undefined) {
    if (id.dictKey === '')
      throw new DatastoreKeyError(
        `${where}: a dict value has an empty key, which the datastore cannot label`,
      );
    labels[DICT_LABEL] = id.dictKey;
  }
  return labels;
}

/** The series a label set stands for; undefined for series that were not written by this mapping. */
export function seriesIdOf(labels: Labels): SeriesId | undefined {
  const name = labels[NAME_LABEL];
  const type = labels[TYPE_LABEL];
  if (name === undefined || type === undefined || !isMetricType(type)) return undefined;
  const dims = new Map<string, string>();
  for (const [label, value] of Object.entries(labels)) if (!RESERVED.includes(label)) dims.set(label, value);
  const key = formatKey(name, dims);
  const dictKey = labels[DICT_LABEL];
  return dictKey === undefined ? { type, key } : { type, key, dictKey };
}

/** A PromQL selector for series holding at least these labels (values quoted, never interpolated raw). */
export function selector(labels: Labels, absent: readonly string[] = []): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  for (const name of absent) parts.push(`${name}=""`);
  return `{${parts.join(',')}}`;
}
