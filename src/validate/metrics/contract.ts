/**
 * A metrics contract: the series a consumer needs and the range of their values.
 *
 *   version: 1
 *   series:
 *     - key: cpus_allocated|cluster=kafka,pool=default   # exact key, or a glob with * and ?
 *       type: system_metrics                            # optional: any metric type
 *       min: 0                                          # optional bounds for every value (dict values too)
 *       max: 1000
 *       required: true                                  # default true: at least one series must match
 */
import { METRIC_TYPES, type MetricType } from '../../metrics/model';
import { didYouMean } from '../../util/nearest';
import { ValidateInputError } from '../errors';
import { globRegExp } from '../glob';
import { isRecord, readYamlFile, rejectUnknownKeys } from '../yaml';

export interface SeriesRule {
  readonly key: string;
  readonly pattern: RegExp;
  readonly type: MetricType | undefined;
  readonly min: number;
  readonly max: number;
  readonly required: boolean;
}

export interface MetricsContract {
  readonly file: string;
  readonly series: readonly SeriesRule[];
}

const RULE_KEYS = ['key', 'type', 'min', 'max', 'required'];

export function loadMetricsContract(file: string): MetricsContract {
  const doc = readYamlFile(file);
  const fail = (key: string | undefined, detail: string): never => {
    throw new ValidateInputError(file, detail, key);
  };
  if (!isRecord(doc)) return fail(undefined, 'a metrics contract must be a mapping (version, series)');
  rejectUnknownKeys(doc, ['version', 'series'], file);
  if (doc.version !== 1) fail('version', `must be 1 (got ${JSON.stringify(doc.version ?? null)})`);
  if (!Array.isArray(doc.series) || doc.series.length === 0)
    fail('series', 'must be a non-empty list of {key, type, min, max, required}');
  const series = (doc.series as unknown[]).map((raw, i): SeriesRule => {
    const where = `series[${i}]`;
    if (!isRecord(raw)) return fail(where, 'must be a mapping {key, type, min, max, required}');
    rejectUnknownKeys(raw, RULE_KEYS, file, where);
    const { key, type, min, max, required } = raw;
    if (typeof key !== 'string' || key === '')
      fail(`${where}.key`, 'must be a metric key (name|dim=value,...) or a glob');
    if (type !== undefined && !(METRIC_TYPES as readonly string[]).includes(type as string)) {
      fail(
        `${where}.type`,
        `${JSON.stringify(type)} is not a metric type${didYouMean(String(type), METRIC_TYPES)} (${METRIC_TYPES.join(', ')})`,
      );
    }
    for (const [name, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v)))
        fail(`${where}.${name}`, 'must be a number');
    }
    const lo = (min as number | undefined) ?? -Infinity;
    const hi = (max as number | undefined) ?? Infinity;
    if (hi < lo) fail(`${where}.max`, `${hi} is below min ${lo}`);
    if (required !== undefined && typeof required !== 'boolean')
      fail(`${where}.required`, 'must be true or false');
    return {
      key: key as string,
      pattern: globRegExp(key as string),
      type: type as MetricType | undefined,
      min: lo,
      max: hi,
      required: (required as boolean | undefined) ?? true,
    };
  });
  return { file, series };
}
