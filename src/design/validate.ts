/** Raw YAML data -> a typed Design, or a DesignError naming the file, metric and field. */
import { compileExpr, ExprError } from '../expr';
import { isMetricType, METRIC_TYPES, type MetricType } from '../metrics/model';
import { bindDistribution, DistributionError, type DrawContext } from '../random/distributions';
import { isRelativeTime, parseDuration, parseTime, TimeError, type TimeContext } from '../time';
import { didYouMean } from '../util/nearest';
import { DesignError } from './errors';
import { distributionFunctions } from './functions';
import type { Design, FunctionValues, MetricSpec, ScalarValues, Timing, Values } from './types';

export interface DesignOptions {
  readonly time: TimeContext;
  /** Metric type of a flat design (`metric_key -> spec`). */
  readonly metricType: MetricType;
}

const SPEC_FIELDS = ['start_time', 'end_time', 'frequency', 'values', 'dict_keys'] as const;
const REQUIRED_FIELDS = ['start_time', 'end_time', 'frequency', 'values'] as const;

type Raw = Record<string, unknown>;

export function validateDesign(doc: unknown, file: string, options: DesignOptions): Design {
  if (doc === null || doc === undefined) throw new DesignError(file, 'the file is empty');
  if (!isMapping(doc)) {
    throw new DesignError(file, 'the top level must be a mapping of metric types (or of metrics)');
  }
  const specs: MetricSpec[] = [];
  let usesRelativeTime = false;
  for (const [type, key, raw] of entries(doc, file, options.metricType)) {
    const reader = new SpecReader(file, type, key, options.time);
    specs.push(reader.read(raw));
    usesRelativeTime ||= reader.usedRelativeTime;
  }
  if (specs.length === 0) throw new DesignError(file, 'the design names no metrics');
  return { file, specs, usesRelativeTime };
}

/** (type, key, spec) in file order, from the nested or the flat form. */
function entries(doc: Raw, file: string, flatType: MetricType): Array<[MetricType, string, unknown]> {
  const keys = Object.keys(doc);
  const nested = keys.filter(isMetricType);
  if (nested.length === 0 && keys.every((k) => looksLikeSpec(doc[k]))) {
    return keys.map((key) => [flatType, key, doc[key]]);
  }
  const out: Array<[MetricType, string, unknown]> = [];
  for (const type of keys) {
    if (!isMetricType(type)) {
      const hint = looksLikeSpec(doc[type])
        ? ' (a flat design may not be mixed with metric types)'
        : didYouMean(type, METRIC_TYPES);
      throw new DesignError(
        file,
        `unknown metric type '${type}'${hint}; expected ${METRIC_TYPES.join(', ')}`,
      );
    }
    const body = doc[type];
    if (body === null || body === undefined) continue;
    if (!isMapping(body)) throw new DesignError(file, `metric type '${type}' must be a mapping of metrics`);
    for (const key of Object.keys(body)) out.push([type, key, body[key]]);
  }
  return out;
}

function looksLikeSpec(x: unknown): boolean {
  return isMapping(x) && SPEC_FIELDS.some((f) => Object.hasOwn(x, f));
}

class SpecReader {
  /** Set when a time read so far depended on "now". */
  usedRelativeTime = false;

  constructor(
    private readonly file: string,
    private readonly type: MetricType,
    private readonly key: string,
    private readonly time: TimeContext,
  ) {}

  read(raw: unknown): MetricSpec {
    if (!isMapping(raw))
      this.fail(undefined, 'must be a mapping with start_time, end_time, frequency and values');
    this.noUnknownKeys(raw, SPEC_FIELDS, undefined);
    for (const field of REQUIRED_FIELDS) {
      if (raw[field] === undefined || raw[field] === null) this.fail(field, 'is missing');
    }
    const start = this.time_(raw.start_time, 'start_time');
    const end = this.time_(raw.end_time, 'end_time');
    if (end <= start)
      this.fail(
        'end_time',
        `must be after start_time (${String(raw.end_time)} <= ${String(raw.start_time)})`,
      );
    const base = { type: this.type, key: this.key, start, end };
    const values = this.values(raw.values, raw.dict_keys);
    if (raw.frequency === 'historical') {
      if (values.kind !== 'function' || values.sources.size === 0) {
        this.fail(
          'frequency',
          "'historical' takes the timestamps of a source metric: values must be a function of a metric",
        );
      }
      return { ...base, frequency: { kind: 'historical' }, values };
    }
    return { ...base, frequency: this.frequency(raw.frequency), values };
  }

  private time_(raw: unknown, field: string): number {
    if (typeof raw !== 'string' && typeof raw !== 'number')
      this.fail(field, `must be a time, got ${describe(raw)}`);
    try {
      const t = parseTime(raw, this.time);
      if (isRelativeTime(raw, this.time)) this.usedRelativeTime = true;
      return t;
    } catch (err) {
      return this.rethrow(err, field);
    }
  }

  private frequency(raw: unknown): Timing {
    if (isMapping(raw)) return { kind: 'random', draw: this.distribution(raw, 'frequency', 'interarrival') };
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.fail(
        'frequency',
        `must be a duration like 1m, 'historical', or a {distribution, params} block; got ${describe(raw)}`,
      );
    }
    let seconds: number;
    try {
      seconds = parseDuration(raw);
    } catch (err) {
      return this.rethrow(err, 'frequency');
    }
    if (!(seconds > 0)) this.fail('frequency', `must be positive (got ${String(raw)})`);
    if (!Number.isInteger(seconds))
      this.fail('frequency', `must be a whole number of seconds (got ${String(raw)})`);
    return { kind: 'regular', seconds };
  }

  private values(raw: unknown, dictKeys: unknown): Values {
    const scalarOrFunction = this.valuesBlock(raw);
    if (dictKeys === undefined || dictKeys === null) return scalarOrFunction;
    if (!Array.isArray(dictKeys)) this.fail('dict_keys', `must be a list of keys, got ${describe(dictKeys)}`);
    if (dictKeys.length === 0) this.fail('dict_keys', 'must not be empty');
    const keys = dictKeys.map((k, i) => {
      if (typeof k !== 'string' && typeof k !== 'number')
        this.fail(`dict_keys[${i}]`, `must be a string, got ${describe(k)}`);
      return String(k);
    });
    const dup = keys.find((k, i) => keys.indexOf(k) !== i);
    if (dup !== undefined) this.fail('dict_keys', `repeats '${dup}'`);
    return scalarOrFunction.kind === 'function'
      ? { ...scalarOrFunction, keys }
      : { kind: 'dict', keys, each: scalarOrFunction };
  }

  private valuesBlock(raw: unknown): ScalarValues | FunctionValues {
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) this.fail('values', `must be a finite number (got ${raw})`);
      return { kind: 'constant', value: raw };
    }
    if (!isMapping(raw)) {
      this.fail(
        'values',
        `must be a number, a {distribution, params} block or a {function, metric} block; got ${describe(raw)}`,
      );
    }
    if (Object.hasOwn(raw, 'function')) return this.functionBlock(raw);
    if (Object.hasOwn(raw, 'aws_region')) return this.awsRegionBlock(raw);
    return { kind: 'distribution', draw: this.distribution(raw, 'values', 'values') };
  }

  private functionBlock(raw: Raw): FunctionValues {
    this.noUnknownKeys(raw, ['function', 'metric', 'metrics'], 'values');
    const expression = raw.function;
    if (typeof expression !== 'string')
      this.fail('values.function', `must be an expression string, got ${describe(expression)}`);
    if (raw.metric !== undefined && raw.metrics !== undefined)
      this.fail('values', "give either 'metric' or 'metrics', not both");
    const sources = new Map<string, string>();
    if (raw.metric !== undefined) {
      if (typeof raw.metric !== 'string')
        this.fail('values.metric', `must be a metric key, got ${describe(raw.metric)}`);
      sources.set('x', raw.metric);
    } else if (raw.metrics !== undefined) {
      if (!isMapping(raw.metrics))
        this.fail('values.metrics', 'must map names used in the function to metric keys');
      for (const [alias, key] of Object.entries(raw.metrics)) {
        if (typeof key !== 'string')
          this.fail(`values.metrics.${alias}`, `must be a metric key, got ${describe(key)}`);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias))
          this.fail(`values.metrics.${alias}`, 'is not a valid name for an expression');
        sources.set(alias, key);
      }
      if (sources.size === 0) this.fail('values.metrics', 'must name at least one metric');
    }
    try {
      compileExpr(expression, { variables: [...sources.keys()], functions: distributionFunctions() });
    } catch (err) {
      this.rethrow(err, 'values.function');
    }
    return { kind: 'function', expression, sources };
  }

  /** clusterman's `{aws_region, params: {a, b}}`: a * x + b over the stored series of the same name. */
  private awsRegionBlock(raw: Raw): FunctionValues {
    this.noUnknownKeys(raw, ['aws_region', 'params'], 'values');
    const params = raw.params;
    if (!isMapping(params)) this.fail('values.params', 'must be a mapping with a and b');
    this.noUnknownKeys(params, ['a', 'b'], 'values.params');
    const coefficient = (name: 'a' | 'b'): number => {
      const v = params[name];
      if (v === undefined) this.fail(`values.params.${name}`, 'is missing');
      if (typeof v !== 'number' || !Number.isFinite(v))
        this.fail(`values.params.${name}`, `must be a number, got ${describe(v)}`);
      return v;
    };
    const a = coefficient('a');
    const b = coefficient('b');
    return { kind: 'function', expression: `${a} * x + ${b}`, sources: new Map([['x', this.key]]) };
  }

  private distribution(raw: Raw, field: string, context: DrawContext) {
    this.noUnknownKeys(raw, ['distribution', 'params'], field);
    const name = raw.distribution;
    if (name === undefined) this.fail(`${field}.distribution`, 'is missing');
    if (typeof name !== 'string') this.fail(`${field}.distribution`, `must be a name, got ${describe(name)}`);
    if (raw.params !== undefined && raw.params !== null && !isMapping(raw.params)) {
      this.fail(
        `${field}.params`,
        `must be a mapping of parameter names to values, got ${describe(raw.params)}`,
      );
    }
    try {
      return bindDistribution(name, raw.params ?? {}, context);
    } catch (err) {
      if (err instanceof DistributionError) {
        const sub = err.param === undefined ? `${field}.distribution` : `${field}.params.${err.param}`;
        this.fail(err.param === undefined && raw.params === undefined ? field : sub, err.message);
      }
      throw err;
    }
  }

  private noUnknownKeys(raw: Raw, allowed: readonly string[], field: string | undefined): void {
    for (const k of Object.keys(raw)) {
      if (!allowed.includes(k)) {
        const where = field === undefined ? k : `${field}.${k}`;
        this.fail(where, `unknown key${didYouMean(k, allowed)}; allowed: ${allowed.join(', ')}`);
      }
    }
  }

  private rethrow(err: unknown, field: string): never {
    if (err instanceof TimeError || err instanceof ExprError || err instanceof DistributionError)
      this.fail(field, err.message);
    throw err;
  }

  private fail(field: string | undefined, detail: string): never {
    throw new DesignError(this.file, detail, { type: this.type, key: this.key }, field);
  }
}

function isMapping(x: unknown): x is Raw {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'a mapping';
  return `${typeof x} ${JSON.stringify(x)}`;
}
