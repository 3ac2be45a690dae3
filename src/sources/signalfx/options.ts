/** `-o name=value` options of the SignalFx source, checked by name (typos get a suggestion). */
import { parseDuration, TimeError } from '../../time';
import { didYouMean } from '../../util/nearest';
import { SourceOptionError } from './errors';
import {
  AGGREGATIONS,
  type Aggregation,
  EXTRAPOLATIONS,
  type Extrapolation,
  parseFilters,
  ProgramError,
  ROLLUPS,
  type Rollup,
} from './program';

export interface SignalFxOptions {
  readonly token: string;
  readonly url: string;
  readonly filters: Map<string, string[]>;
  readonly resolutionMs: number;
  readonly rollup?: Rollup;
  readonly extrapolation?: Extrapolation;
  readonly maxExtrapolations?: number;
  readonly groupBy?: { dimensions: string[]; aggregation: Aggregation };
  readonly chunkSeconds: number;
  readonly maxRetries: number;
  /** clusterman's shape: one series of {"<group values>": value} points. */
  readonly dictValues: boolean;
}

const NAMES = [
  'api_token',
  'realm',
  'stream_url',
  'filters',
  'resolution',
  'rollup',
  'extrapolation',
  'max_extrapolations',
  'group_by',
  'aggregation',
  'chunk',
  'max_retries',
  'values',
];

/** The execute endpoint of a realm. */
export function streamUrl(realm: string): string {
  if (!/^[a-z0-9-]+$/i.test(realm))
    throw new SourceOptionError(`realm: '${realm}' is not a SignalFx realm name`);
  return `https://stream.${realm}.signalfx.com/v2/signalflow/execute`;
}

/** `name=value` pairs; a name may repeat (filters). */
export function parseOptionPairs(pairs: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new SourceOptionError(`-o '${pair}': expected name=value`);
    const name = pair.slice(0, eq).trim();
    out.set(name, [...(out.get(name) ?? []), pair.slice(eq + 1)]);
  }
  return out;
}

export function signalFxOptions(pairs: readonly string[], env: NodeJS.ProcessEnv): SignalFxOptions {
  const opts = parseOptionPairs(pairs);
  for (const name of opts.keys()) {
    if (!NAMES.includes(name))
      throw new SourceOptionError(`-o ${name}: unknown SignalFx option${didYouMean(name, NAMES)}`);
  }
  const one = (name: string): string | undefined => {
    const values = opts.get(name);
    if (values && values.length > 1) throw new SourceOptionError(`-o ${name}: given ${values.length} times`);
    return values?.[0];
  };
  const int = (name: string, fallback: number, min: number): number => {
    const raw = one(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw new SourceOptionError(`-o ${name}: expected an integer >= ${min} (got '${raw}')`);
    return n;
  };
  const token = one('api_token') ?? env.SFX_API_TOKEN;
  if (!token) throw new SourceOptionError('SignalFx needs an API token: -o api_token=... or SFX_API_TOKEN');
  let url: string;
  try {
    url = one('stream_url') ?? streamUrl(one('realm') ?? 'us0');
  } catch (err) {
    throw new SourceOptionError(`-o ${(err as Error).message}`);
  }
  let chunkSeconds = 5 * 86400;
  const chunk = one('chunk');
  if (chunk !== undefined) {
    try {
      chunkSeconds = parseDuration(chunk);
    } catch (err) {
      throw new SourceOptionError(`-o chunk: ${err instanceof TimeError ? err.message : String(err)}`);
    }
    if (!(chunkSeconds > 0)) throw new SourceOptionError('-o chunk: must be positive');
  }
  const choice = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const raw = one(name);
    if (raw !== undefined && !(allowed as readonly string[]).includes(raw))
      throw new SourceOptionError(`-o ${name}: expected one of ${allowed.join(', ')} (got '${raw}')`);
    return raw as T | undefined;
  };
  const groupBy = one('group_by');
  const aggregation = choice('aggregation', AGGREGATIONS);
  if (aggregation !== undefined && groupBy === undefined)
    throw new SourceOptionError('-o aggregation: needs -o group_by=dim1,dim2');
  const values = one('values');
  if (values !== undefined && values !== 'dict')
    throw new SourceOptionError(`-o values: only 'dict' is known (got '${values}')`);
  let filters: Map<string, string[]>;
  try {
    filters = parseFilters(opts.get('filters') ?? []);
  } catch (err) {
    throw new SourceOptionError(`-o ${(err as ProgramError).message}`);
  }
  const rollup = choice('rollup', ROLLUPS);
  const extrapolation = choice('extrapolation', EXTRAPOLATIONS);
  const maxExtrapolations = opts.has('max_extrapolations') ? int('max_extrapolations', 0, -1) : undefined;
  return {
    token,
    url,
    filters,
    resolutionMs: int('resolution', 60, 1) * 1000,
    ...(rollup !== undefined && { rollup }),
    ...(extrapolation !== undefined && { extrapolation }),
    ...(maxExtrapolations !== undefined && { maxExtrapolations }),
    ...(groupBy !== undefined && {
      groupBy: { dimensions: groupBy.split(',').map((d) => d.trim()), aggregation: aggregation ?? 'sum' },
    }),
    chunkSeconds,
    maxRetries: int('max_retries', 5, 0),
    dictValues: values === 'dict',
  };
}
