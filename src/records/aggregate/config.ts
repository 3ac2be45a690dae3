/**
 * The `aggregate:` block of an event config (our addition): which metrics `--metrics FILE` writes.
 *
 *   aggregate:
 *     interval: 1m                 # any duration; whole seconds; buckets are aligned to the epoch
 *     time: time                   # optional: the record time field (default: each emitter's first time field)
 *     metrics:
 *       requests|service=web:      # metric key; its dimensions are kept, `by` fields are added
 *         function: count          # count | sum | mean | max | min
 *         by: [endpoint]           # optional group fields -> key dimensions
 *         field: bytes             # sum/mean/max/min: the numeric field (count: count records that have it)
 *         emitter: request         # optional: only records of this emitter
 *         match: {method: GET}     # optional: only records whose field equals the value (or one of a list)
 *         scale: 0.001             # optional: multiplies every value written
 *         metric_type: app_metrics # optional, default system_metrics
 *
 * Checked against the config's emitters when loaded; errors name the file and the path of the key.
 */
import { formatKey, parseKey } from '../../metrics/keys';
import { isMetricType, METRIC_TYPES, type MetricType } from '../../metrics/model';
import { parseDuration, TimeError } from '../../time';
import { didYouMean } from '../../util/nearest';
import { RecordFormatError } from '../formats/errors';
import type { EmitterSchema, FieldValue, RecordSchema } from '../formats/types';

export const FUNCTIONS = ['count', 'sum', 'mean', 'max', 'min'] as const;
export type AggregateFunction = (typeof FUNCTIONS)[number];

const BLOCK_KEYS = ['interval', 'time', 'metrics'];
const METRIC_KEYS = ['function', 'by', 'field', 'emitter', 'match', 'scale', 'metric_type'];

export interface MetricPlan {
  /** The key as written in the config, for messages. */
  readonly label: string;
  readonly name: string;
  readonly metricType: MetricType;
  readonly fn: AggregateFunction;
  readonly field: string | undefined;
  readonly by: readonly string[];
  /** Dimensions written in the key itself (`requests|service=web`). */
  readonly fixed: ReadonlyMap<string, string>;
  /** The series key when there are no `by` fields. */
  readonly plainKey: string;
  /** Emitters whose records count; all when undefined. */
  readonly emitters: ReadonlySet<string> | undefined;
  readonly match: ReadonlyMap<string, readonly FieldValue[]>;
  readonly scale: number;
}

export interface AggregatePlan {
  readonly intervalSeconds: number;
  /** Per emitter name, its time field (emitters without one cannot feed a metric). */
  readonly timeFields: ReadonlyMap<string, string>;
  readonly metrics: readonly MetricPlan[];
}

type Raw = Record<string, unknown>;

const isObject = (x: unknown): x is Raw => x !== null && typeof x === 'object' && !Array.isArray(x);

class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, detail: string): never {
    throw new RecordFormatError(`${this.file}: ${path}: ${detail}`);
  }

  /** Unknown keys are typos, except `_comment`-style keys, which configs use for notes. */
  keys(obj: Raw, path: string, known: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (key.startsWith('_') || known.includes(key)) continue;
      this.fail(
        `${path}.${key}`,
        `unknown key${didYouMean(key, known)}; expected one of ${known.join(', ')}`,
      );
    }
  }

  text(value: unknown, path: string): string {
    if (typeof value !== 'string' || value === '') this.fail(path, 'must be a non-empty string');
    return value;
  }

  names(value: unknown, path: string): string[] {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => this.text(item, Array.isArray(value) ? `${path}[${i}]` : path));
  }
}

/** Fields of the emitters a metric reads; a name none of them has gets a suggestion. */
function checkField(r: Reader, name: string, path: string, emitters: readonly EmitterSchema[]): void {
  const fields = new Set(emitters.flatMap((e) => e.fields.map((f) => f.name)));
  if (!fields.has(name))
    r.fail(path, `no field '${name}' in ${emitterWords(emitters)}${didYouMean(name, fields)}`);
}

function emitterWords(emitters: readonly EmitterSchema[]): string {
  return emitters.length === 1 ? `emitter '${emitters[0]?.name}'` : 'any emitter';
}

function readMetric(r: Reader, label: string, raw: unknown, schema: RecordSchema): MetricPlan {
  const path = `aggregate.metrics.${label}`;
  if (!isObject(raw)) r.fail(path, 'must be a mapping with at least a function (count, sum, mean, max, min)');
  r.keys(raw, path, METRIC_KEYS);
  const { name, dimensions } = parseKey(label);
  if (name === '') r.fail(path, 'the metric key needs a name before the |');
  const fnText = r.text(raw.function, `${path}.function`);
  const fn = FUNCTIONS.find((f) => f === fnText.toLowerCase());
  if (!fn)
    r.fail(
      `${path}.function`,
      `unknown function '${fnText}'${didYouMean(fnText, FUNCTIONS)}; expected ${FUNCTIONS.join(', ')}`,
    );

  let emitters = schema.emitters;
  let emitterNames: Set<string> | undefined;
  if (raw.emitter !== undefined) {
    emitterNames = new Set(r.names(raw.emitter, `${path}.emitter`));
    const known = schema.emitters.map((e) => e.name);
    for (const e of emitterNames)
      if (!known.includes(e)) r.fail(`${path}.emitter`, `no emitter '${e}'${didYouMean(e, known)}`);
    emitters = schema.emitters.filter((e) => emitterNames?.has(e.name));
  }

  const field = raw.field === undefined ? undefined : r.text(raw.field, `${path}.field`);
  if (field === undefined && fn !== 'count') r.fail(path, `${fn} needs a field: the numeric field to ${fn}`);
  if (field !== undefined) {
    checkField(r, field, `${path}.field`, emitters);
    const kinds = new Set(
      emitters.flatMap((e) => e.fields.filter((f) => f.name === field).map((f) => f.kind)),
    );
    const numeric = [...kinds].some((k) => k === 'int' || k === 'float' || k === 'any');
    if (fn !== 'count' && !numeric)
      r.fail(`${path}.field`, `'${field}' is not numeric (it is ${[...kinds].join('/')})`);
  }

  const by = raw.by === undefined ? [] : r.names(raw.by, `${path}.by`);
  by.forEach((b, i) => {
    checkField(r, b, `${path}.by${Array.isArray(raw.by) ? `[${i}]` : ''}`, emitters);
    if (dimensions.has(b)) r.fail(`${path}.by`, `'${b}' is already a dimension of the key`);
  });

  const match = new Map<string, readonly FieldValue[]>();
  if (raw.match !== undefined) {
    if (!isObject(raw.match))
      r.fail(`${path}.match`, 'must be a mapping of field: value (or a list of values)');
    for (const [k, v] of Object.entries(raw.match)) {
      checkField(r, k, `${path}.match.${k}`, emitters);
      match.set(k, (Array.isArray(v) ? v : [v]) as FieldValue[]);
    }
  }

  const scale = raw.scale === undefined ? 1 : raw.scale;
  if (typeof scale !== 'number' || !Number.isFinite(scale))
    r.fail(`${path}.scale`, 'must be a finite number');

  const typeText =
    raw.metric_type === undefined ? 'system_metrics' : r.text(raw.metric_type, `${path}.metric_type`);
  if (!isMetricType(typeText))
    r.fail(
      `${path}.metric_type`,
      `unknown metric type '${typeText}'${didYouMean(typeText, METRIC_TYPES)}; expected ${METRIC_TYPES.join(', ')}`,
    );

  return {
    label,
    name,
    metricType: typeText,
    fn,
    field,
    by,
    fixed: dimensions,
    plainKey: formatKey(name, dimensions),
    emitters: emitterNames,
    match,
    scale,
  };
}

function timeFields(r: Reader, block: Raw, schema: RecordSchema): Map<string, string> {
  const out = new Map<string, string>();
  const chosen = block.time === undefined ? undefined : r.text(block.time, 'aggregate.time');
  if (chosen !== undefined && !schema.emitters.some((e) => e.fields.some((f) => f.name === chosen))) {
    const names = new Set(schema.emitters.flatMap((e) => e.fields.map((f) => f.name)));
    r.fail('aggregate.time', `no emitter has a field '${chosen}'${didYouMean(chosen, names)}`);
  }
  for (const e of schema.emitters) {
    const field = chosen ?? e.fields.find((f) => f.kind === 'timestamp')?.name;
    if (field !== undefined && e.fields.some((f) => f.name === field)) out.set(e.name, field);
  }
  return out;
}

/** Reads and checks an `aggregate:` block; `file` names the config in messages. */
export function parseAggregate(raw: unknown, file: string, schema: RecordSchema): AggregatePlan {
  const r: Reader = new Reader(file);
  if (!isObject(raw)) r.fail('aggregate', 'must be a mapping with interval and metrics');
  r.keys(raw, 'aggregate', BLOCK_KEYS);

  if (raw.interval === undefined) r.fail('aggregate.interval', "is required (a duration such as '1m')");
  let intervalSeconds: number;
  try {
    intervalSeconds = parseDuration(raw.interval as string | number);
  } catch (err) {
    if (err instanceof TimeError) r.fail('aggregate.interval', err.message);
    throw err;
  }
  if (!(intervalSeconds >= 1) || !Number.isInteger(intervalSeconds))
    r.fail('aggregate.interval', `must be a whole number of seconds, at least 1 (got ${intervalSeconds})`);

  if (!isObject(raw.metrics) || Object.keys(raw.metrics).length === 0)
    r.fail('aggregate.metrics', 'must map at least one metric key to its function');
  const metrics = Object.entries(raw.metrics)
    .filter(([label]) => !label.startsWith('_'))
    .map(([label, spec]) => readMetric(r, label, spec, schema));

  const times = timeFields(r, raw, schema);
  for (const m of metrics) {
    for (const e of schema.emitters) {
      if (m.emitters && !m.emitters.has(e.name)) continue;
      if (!times.has(e.name))
        r.fail(
          `aggregate.metrics.${m.label}`,
          `emitter '${e.name}' has no time field to bucket its records by (set aggregate.time, or emitter:)`,
        );
    }
  }
  // Keys must stay distinct after the group dimensions are added: two metrics writing one series would clash.
  const seen = new Map<string, string>();
  for (const m of metrics) {
    const id = `${m.metricType} ${formatKey(m.name, m.fixed)} ${[...m.by].sort().join(',')}`;
    const other = seen.get(id);
    if (other !== undefined) r.fail(`aggregate.metrics.${m.label}`, `writes the same series as '${other}'`);
    seen.set(id, m.label);
  }
  return { intervalSeconds, timeFields: times, metrics };
}
