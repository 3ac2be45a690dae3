/**
 * Range queries against a Prometheus-compatible API (Prometheus, VictoriaMetrics, Thanos, Mimir):
 * /api/v1/query_range, evaluated at start, start + step, ... before end, a chunk of evaluations per request
 * so no reply passes the server's points-per-series limit. 429, 5xx and network errors retry with backoff;
 * the bearer token travels only in the Authorization header and never appears in a message.
 */
import axios from 'axios';
import { retryReason, withRetries } from '../../util/http';
import { endpoint, redactUrl, urlAuth } from '../../util/url';
import type { MatrixEntry, PromCollector } from './collect';
import { PrometheusError } from './errors';

export interface RangeQuery {
  readonly query: string;
  /** Epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly url: URL;
  readonly token: string | undefined;
  readonly stepSeconds: number;
  readonly chunkPoints: number;
  readonly maxRetries: number;
  readonly backoffMs?: number;
  /** Told each retry, as a line for stderr. */
  readonly onRetry?: (line: string) => void;
  readonly onChunk?: (done: number, total: number) => void;
  readonly onWarning?: (text: string) => void;
}

/** The [first, last] evaluation times of each request, last inclusive as the API takes it. */
export function rangeChunks(
  start: number,
  end: number,
  step: number,
  perChunk: number,
): Array<[number, number]> {
  const evaluations = Math.ceil((end - start) / step);
  const chunks: Array<[number, number]> = [];
  for (let i = 0; i < evaluations; i += perChunk) {
    const last = Math.min(i + perChunk, evaluations) - 1;
    chunks.push([start + i * step, start + last * step]);
  }
  return chunks;
}

export async function queryRange(req: RangeQuery, collector: PromCollector): Promise<void> {
  const chunks = rangeChunks(req.start, req.end, req.stepSeconds, req.chunkPoints);
  // A server repeats its warnings on every chunk: each is told once.
  const told = new Set<string>();
  const warn = (text: string): void => {
    if (!told.has(text)) req.onWarning?.(text);
    told.add(text);
  };
  for (const [i, [a, b]] of chunks.entries()) {
    for (const entry of await fetchChunk({ ...req, onWarning: warn }, a, b)) collector.add(entry);
    req.onChunk?.(i + 1, chunks.length);
  }
}

interface ApiReply {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

async function fetchChunk(req: RangeQuery, a: number, b: number): Promise<MatrixEntry[]> {
  const url = endpoint(req.url, '/api/v1/query_range');
  const where = redactUrl(req.url);
  const auth = urlAuth(req.url);
  const body = new URLSearchParams({
    query: req.query,
    start: String(a),
    end: String(b),
    step: String(req.stepSeconds),
  });
  return withRetries<MatrixEntry[]>(
    {
      maxRetries: req.maxRetries,
      backoffMs: req.backoffMs ?? 500,
      peer: { service: 'Prometheus', where },
      ...(req.onRetry && { onRetry: req.onRetry }),
    },
    async () => {
      const response = await axios.post<string>(url, body.toString(), {
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(req.token !== undefined && { Authorization: `Bearer ${req.token}` }),
        },
        ...(auth && { auth }),
        responseType: 'text',
        transformResponse: (data: string) => data,
        validateStatus: () => true,
        proxy: false,
      });
      const status = response.status;
      if (status === 401 || status === 403)
        throw new PrometheusError(
          `${where} refused the request (HTTP ${status}): ${req.token === undefined ? 'set PROM_BEARER_TOKEN' : 'check PROM_BEARER_TOKEN'}`,
        );
      const retry = retryReason(status, undefined);
      return retry === undefined ? { value: matrixOf(req, where, status, response.data) } : { retry };
    },
    (why, tried, network) =>
      new PrometheusError(
        network
          ? `${why} (query '${req.query}', gave up after ${tried})`
          : `${where}: query '${req.query}' failed after ${tried}: ${why}`,
      ),
  );
}

/** The series of a reply, or the server's own reason for refusing the query. */
function matrixOf(req: RangeQuery, where: string, status: number, text: string): MatrixEntry[] {
  let reply: ApiReply;
  try {
    reply = JSON.parse(text) as ApiReply;
  } catch {
    throw new PrometheusError(
      `${where}: HTTP ${status} with a reply that is not JSON: ${text.slice(0, 200).trim()}`,
    );
  }
  if (reply.status !== 'success') {
    const reason = typeof reply.error === 'string' ? reply.error : text.slice(0, 300).trim();
    const kind = typeof reply.errorType === 'string' ? ` ${reply.errorType}` : '';
    throw new PrometheusError(`${where} refused query '${req.query}' (HTTP ${status}${kind}): ${reason}`);
  }
  if (Array.isArray(reply.warnings))
    for (const w of reply.warnings) req.onWarning?.(`query '${req.query}': ${String(w)}`);
  const result = reply.data?.result;
  if (reply.data?.resultType !== 'matrix' || !Array.isArray(result))
    throw new PrometheusError(
      `${where}: query '${req.query}' did not return a range vector (resultType ${String(reply.data?.resultType)})`,
    );
  return result.filter(isMatrixEntry);
}

function isMatrixEntry(x: unknown): x is MatrixEntry {
  const e = x as Partial<MatrixEntry> | null;
  return typeof e === 'object' && e !== null && typeof e.metric === 'object' && Array.isArray(e.values);
}
