/** `-o name=value` options of the SignalFx source, checked by name (typos get a suggestion). */
import { baseUrl, BaseUrlError } from '../../util/url';
import { SourceOptionError } from '../errors';
import { SourceOptions } from '../options';
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
  return `https://stream.${realm}.signalfx.com${EXECUTE_PATH}`;
}

const EXECUTE_PATH = '/v2/signalflow/execute';

/**
 * The execute endpoint from -o stream_url: SignalFx's own clients take the base URL
 * (https://stream.us1.signalfx.com, or a proxy's), so a URL without a path gets the execute path; one with a
 * path is used as given.
 */
export function executeUrl(raw: string): string {
  const url = baseUrl(raw, 'stream_url');
  if (url.pathname === '' || url.pathname === '/') url.pathname = EXECUTE_PATH;
  return url.href;
}

export function signalFxOptions(pairs: readonly string[], env: NodeJS.ProcessEnv): SignalFxOptions {
  const opts = new SourceOptions(pairs, NAMES, 'SignalFx');
  const token = opts.one('api_token') ?? env.SFX_API_TOKEN;
  if (!token) throw new SourceOptionError('SignalFx needs an API token: -o api_token=... or SFX_API_TOKEN');
  let url: string;
  try {
    const given = opts.one('stream_url');
    url = given === undefined ? streamUrl(opts.one('realm') ?? 'us0') : executeUrl(given);
  } catch (err) {
    if (!(err instanceof SourceOptionError || err instanceof BaseUrlError)) throw err;
    throw new SourceOptionError(`-o ${(err as Error).message}`);
  }
  const chunkSeconds = opts.seconds('chunk', 5 * 86400);
  const groupBy = opts.one('group_by');
  const aggregation = opts.choice('aggregation', AGGREGATIONS);
  if (aggregation !== undefined && groupBy === undefined)
    throw new SourceOptionError('-o aggregation: needs -o group_by=dim1,dim2');
  const values = opts.one('values');
  if (values !== undefined && values !== 'dict')
    throw new SourceOptionError(`-o values: only 'dict' is known (got '${values}')`);
  let filters: Map<string, string[]>;
  try {
    filters = parseFilters(opts.all('filters'));
  } catch (err) {
    throw new SourceOptionError(`-o ${(err as ProgramError).message}`);
  }
  const rollup = opts.choice('rollup', ROLLUPS);
  const extrapolation = opts.choice('extrapolation', EXTRAPOLATIONS);
  const maxExtrapolations = opts.has('max_extrapolations')
    ? opts.int('max_extrapolations', 0, -1)
    : undefined;
  return {
    token,
    url,
    filters,
    resolutionMs: opts.int('resolution', 60, 1) * 1000,
    ...(rollup !== undefined && { rollup }),
    ...(extrapolation !== undefined && { extrapolation }),
    ...(maxExtrapolations !== undefined && { maxExtrapolations }),
    ...(groupBy !== undefined && {
      groupBy: { dimensions: groupBy.split(',').map((d) => d.trim()), aggregation: aggregation ?? 'sum' },
    }),
    chunkSeconds,
    maxRetries: opts.int('max_retries', 5, 0),
    dictValues: values === 'dict',
  };
}
