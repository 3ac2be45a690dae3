/** `-o name=value` options of the Prometheus-compatible source, checked by name. */
import { SourceOptionError } from '../errors';
import { SourceOptions } from '../options';
import { BaseUrlError, baseUrl } from '../../util/url';

export interface PrometheusOptions {
  /** The API's base: http://host:9090, or a cluster's http://vmselect:8481/select/0/prometheus. */
  readonly url: URL;
  /** From PROM_BEARER_TOKEN only, so it never sits in shell history or process listings. */
  readonly token: string | undefined;
  readonly stepSeconds: number;
  /** Evaluations per request; Prometheus refuses more than 11,000 points per series in one query. */
  readonly chunkPoints: number;
  readonly maxRetries: number;
  /** Labels left out of series names besides __name__ (e.g. metric_type when reading our own datastore). */
  readonly dropLabels: readonly string[];
}

const NAMES = ['url', 'step', 'chunk_points', 'max_retries', 'drop_labels'];

export function prometheusOptions(pairs: readonly string[], env: NodeJS.ProcessEnv): PrometheusOptions {
  const opts = new SourceOptions(pairs, NAMES, 'Prometheus');
  const raw = opts.one('url');
  if (raw === undefined)
    throw new SourceOptionError(
      'Prometheus needs the server: -o url=http://host:9090 (or a VictoriaMetrics URL)',
    );
  let url: URL;
  try {
    url = baseUrl(raw, '-o url');
  } catch (err) {
    throw new SourceOptionError((err as BaseUrlError).message);
  }
  const stepSeconds = opts.seconds('step', 60);
  if (!Number.isInteger(stepSeconds))
    throw new SourceOptionError(`-o step: must be a whole number of seconds (got '${opts.one('step')}')`);
  const token = env.PROM_BEARER_TOKEN;
  return {
    url,
    token: token === undefined || token === '' ? undefined : token,
    stepSeconds,
    chunkPoints: opts.int('chunk_points', 10_000, 1),
    maxRetries: opts.int('max_retries', 5, 0),
    dropLabels: opts
      .all('drop_labels')
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  };
}
