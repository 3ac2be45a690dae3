/**
 * `validate metrics FILE...`: walks each file's JSON itself (the reader stops at the first problem and sorts
 * the points, which would hide unsorted ones) and reports every problem by file, series and point.
 */
import { readFile } from 'node:fs/promises';
import { formatKey, parseKey } from '../../metrics/keys';
import { isMetricType, METRIC_TYPES, type MetricType } from '../../metrics/model';
import { isoOf } from '../../metrics/parse';
import { decodeMetricsBuffer } from '../../metrics/read';
import { MetricsFileError } from '../../metrics/errors';
import { describeIoError } from '../../util/io';
import { ValidateInputError } from '../errors';
import { Check, type Offender, type Report } from '../report';
import { loadMetricsContract, type MetricsContract } from './contract';

export interface MetricsOptions {
  readonly contract?: string;
  /** Seconds; undefined: gaps are not checked. */
  readonly maxGap?: number;
}

function metricsChecks() {
  return {
    format: new Check('format', 'gzip or plain JSON in one of the formats clusterman reads'),
    types: new Check('metric types', `top-level keys are metric types (${METRIC_TYPES.join(', ')})`),
    keys: new Check('key syntax', 'keys are name|dim=value,... with dimensions sorted and unique'),
    timestamps: new Check('timestamps', 'every point has a valid timestamp; sorted and unique per series'),
    values: new Check('numeric values', 'every value is a finite number or a mapping of them'),
    dictKeys: new Check(
      'dict keys',
      'dict values have non-empty keys; market keys spelt <instance_type, az>',
    ),
    gaps: new Check('gaps', 'no gap between points longer than --max-gap'),
    contract: new Check('contract', 'required series present, values within their ranges'),
  };
}
type MetricsChecks = ReturnType<typeof metricsChecks>;

const MARKET = /^<[^<>,\s]+, [^<>,\s]+>$/;
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export async function validateMetrics(files: readonly string[], options: MetricsOptions): Promise<Report> {
  const started = process.hrtime.bigint();
  const contract = options.contract === undefined ? undefined : loadMetricsContract(options.contract);
  const checks = metricsChecks();
  if (options.maxGap === undefined) checks.gaps.skip('no --max-gap given');
  if (!contract) checks.contract.skip('no --contract given');
  let points = 0;
  for (const file of files) {
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (err) {
      throw new ValidateInputError(file, describeIoError(err));
    }
    let doc: unknown;
    try {
      doc = await decodeMetricsBuffer(raw, file);
    } catch (err) {
      if (!(err instanceof MetricsFileError)) throw err;
      checks.format.fail({ file, message: err.detail });
      continue;
    }
    points += checkDocument(file, doc, checks, options.maxGap, contract);
  }
  return {
    subject: `validate metrics: ${files.join(', ')}${contract ? ` (contract ${contract.file})` : ''}`,
    checks: Object.values(checks).map((c) => c.result()),
    rows: points,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function checkDocument(
  file: string,
  doc: unknown,
  checks: MetricsChecks,
  maxGap: number | undefined,
  contract: MetricsContract | undefined,
): number {
  if (!isObject(doc)) {
    checks.format.fail({ file, message: 'the top level must be an object of metric types' });
    return 0;
  }
  const formats = new Set<string>();
  const matched = new Array<boolean>(contract?.series.length ?? 0).fill(false);
  let points = 0;
  for (const [type, body] of Object.entries(doc)) {
    if (!isMetricType(type)) {
      checks.types.fail({ file, message: `'${type}' is not a metric type (${METRIC_TYPES.join(', ')})` });
      continue;
    }
    if (!isObject(body)) {
      checks.format.fail({ file, message: `${type} must be an object of series` });
      continue;
    }
    const pickled = body['py/object'] !== undefined;
    if (pickled) formats.add('jsonpickle');
    for (const [key, series] of Object.entries(body)) {
      if (pickled && (key === 'py/object' || key === 'default_factory')) continue;
      const keyProblem = keySyntax(key);
      if (keyProblem) checks.keys.fail({ file, message: `${type} '${key}': ${keyProblem}` });
      const rules = (contract?.series ?? []).filter((rule, i) => {
        const hit = (rule.type === undefined || rule.type === type) && rule.pattern.test(key);
        if (hit) matched[i] = true;
        return hit;
      });
      points += checkSeries({ file, type, key }, series, checks, formats, maxGap, rules);
    }
  }
  if (formats.size > 1)
    checks.format.fail({ file, message: `mixes formats (${[...formats].join(' and ')})` });
  contract?.series.forEach((rule, i) => {
    if (rule.required && !matched[i]) {
      checks.contract.fail({
        file,
        message: `no series matches required key '${rule.key}'${rule.type ? ` (${rule.type})` : ''}`,
      });
    }
  });
  return points;
}

/** What is wrong with a key, or undefined. */
export function keySyntax(key: string): string | undefined {
  const bar = key.indexOf('|');
  const name = bar < 0 ? key : key.slice(0, bar);
  if (name.trim() === '') return 'empty metric name';
  // A comma is fine (clusterman's app metrics are `app,metric`); '=' means dimensions without their '|'.
  if (name.includes('=')) return `metric name '${name}' holds '=' (dimensions come after '|')`;
  if (bar < 0) return undefined;
  const dims = key.slice(bar + 1);
  if (dims.includes('|')) return "more than one '|'";
  const parts = dims.split(',');
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `dimension '${part}' is not name=value`;
  }
  const names = parts.map((p) => p.slice(0, p.indexOf('=')));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) return `dimension '${dup}' appears twice`;
  const canonical = formatKey(name, parseKey(key).dimensions);
  if (canonical !== key) return `dimensions are not sorted by name (expected '${canonical}')`;
  return undefined;
}

interface SeriesRef {
  readonly file: string;
  readonly type: MetricType;
  readonly key: string;
}

function checkSeries(
  ref: SeriesRef,
  raw: unknown,
  checks: MetricsChecks,
  formats: Set<string>,
  maxGap: number | undefined,
  rules: readonly { min: number; max: number; key: string }[],
): number {
  const at = (i: number, t: number | undefined, message: string, value?: unknown): Offender => ({
    file: ref.file,
    message: `${ref.type} '${ref.key}' point ${i}${t === undefined ? '' : ` (${isoOf(t)})`}: ${message}`,
    ...(value === undefined ? {} : { values: { value: JSON.stringify(value) } }),
  });
  if (!Array.isArray(raw)) {
    checks.format.fail({ file: ref.file, message: `${ref.type} '${ref.key}': must be a list of points` });
    return 0;
  }
  let prev: number | undefined;
  let marketKeys: boolean | undefined;
  for (let i = 0; i < raw.length; i++) {
    const point = unwrap(raw[i], formats);
    if (!point) {
      checks.format.fail(at(i, undefined, 'must be [time, value]', raw[i]));
      continue;
    }
    const t = timestamp(point.time, formats);
    if (t === undefined)
      checks.timestamps.fail(at(i, undefined, `bad timestamp ${JSON.stringify(point.time)}`));
    else if (prev !== undefined) {
      if (t === prev) checks.timestamps.fail(at(i, t, 'duplicate timestamp'));
      else if (t < prev) checks.timestamps.fail(at(i, t, `out of order (after ${isoOf(prev)})`));
      else if (maxGap !== undefined && t - prev > maxGap) {
        checks.gaps.fail(at(i, t, `${t - prev} s since the previous point (max ${maxGap} s)`));
      }
    }
    if (t !== undefined) prev = t;
    const v = point.value;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) checks.values.fail(at(i, t, 'not a finite number', v));
      for (const r of rules)
        if (v < r.min || v > r.max)
          checks.contract.fail(at(i, t, `${v} is outside [${r.min}, ${r.max}] (rule '${r.key}')`));
    } else if (isObject(v)) {
      const keys = Object.keys(v);
      const bad = keys.filter((k) => typeof v[k] !== 'number' || !Number.isFinite(v[k]));
      if (bad.length > 0)
        checks.values.fail(at(i, t, `dict values of ${bad.join(', ')} are not finite numbers`, v));
      if (keys.length === 0) checks.dictKeys.fail(at(i, t, 'an empty dict', v));
      if (keys.some((k) => k.trim() === '')) checks.dictKeys.fail(at(i, t, 'an empty dict key', v));
      // A series keyed by markets keeps clusterman's spelling, `<instance_type, az>`, at every point.
      marketKeys ??= keys[0]?.startsWith('<');
      const misspelt = marketKeys ? keys.filter((k) => !MARKET.test(k)) : [];
      if (misspelt.length > 0) {
        checks.dictKeys.fail(
          at(i, t, `${misspelt.map((k) => `'${k}'`).join(', ')} not spelt as a market <instance_type, az>`),
        );
      }
      for (const r of rules) {
        for (const k of keys) {
          const x = v[k];
          if (typeof x === 'number' && (x < r.min || x > r.max))
            checks.contract.fail(at(i, t, `${k} = ${x} is outside [${r.min}, ${r.max}] (rule '${r.key}')`));
        }
      }
    } else {
      checks.values.fail(at(i, t, 'not a number or an object of numbers', v));
    }
  }
  return raw.length;
}

function unwrap(raw: unknown, formats: Set<string>): { time: unknown; value: unknown } | undefined {
  if (Array.isArray(raw)) return raw.length === 2 ? { time: raw[0], value: raw[1] } : undefined;
  if (!isObject(raw)) return undefined;
  const tuple = raw['py/tuple'];
  if (!Array.isArray(tuple) || tuple.length !== 2) return undefined;
  const arrow: unknown = tuple[0];
  if (!isObject(arrow) || arrow['py/object'] !== 'arrow.arrow.Arrow') return undefined;
  formats.add('jsonpickle');
  return { time: arrow.timestamp, value: tuple[1] };
}

function timestamp(time: unknown, formats: Set<string>): number | undefined {
  if (typeof time === 'number') return Number.isFinite(time) ? time : undefined;
  if (typeof time !== 'string') return undefined;
  formats.add('iso2017');
  const m = ISO_TIME.exec(time);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone(m[7])}`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

function zone(z: string | undefined): string {
  if (z === undefined || z === 'Z') return 'Z';
  const digits = z.slice(1).replace(':', '');
  return `${z[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
}
