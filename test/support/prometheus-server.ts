/**
 * A Prometheus stand-in on 127.0.0.1 (a free port) serving POST /api/v1/query_range the way Prometheus does:
 * the query is evaluated at start, start + step, ... up to and including end; each series is
 * {metric: labels, values: [[seconds, "text"], ...]} and a series with no value in the range is left out.
 * The expression itself is not evaluated: each query names a set of in-memory series. Switches give the
 * faults a real server (or the proxy in front of it) shows.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PromSeriesSpec {
  /** May include __name__. */
  readonly labels: Readonly<Record<string, string>>;
  /** The value at an evaluation time (seconds); undefined (or a time missing from a table): no sample. */
  readonly value: ((t: number) => number | undefined) | Readonly<Record<number, number>>;
}

export interface PromStandInOptions {
  /** The series each query returns; an unknown query returns no series (like a metric that is not there). */
  readonly queries?: Readonly<Record<string, readonly PromSeriesSpec[]>>;
  /** The series every query not in `queries` returns (for examples whose queries the test does not know). */
  readonly anyQuery?: readonly PromSeriesSpec[];
  /** Serve under this path (a VictoriaMetrics cluster's /select/0/prometheus). */
  readonly prefix?: string;
  /** Require `Authorization: Bearer <token>`: 401 when missing or wrong. */
  readonly token?: string;
  /** Answer the first N requests with 429. */
  readonly rateLimitFirst?: number;
  /** Answer the N requests after those with 503. */
  readonly unavailableFirst?: number;
  /** Refuse this query: HTTP 400, status "error", errorType bad_data, with this error text. */
  readonly badQuery?: { readonly query: string; readonly error: string };
  /** Sent in every successful reply. */
  readonly warnings?: readonly string[];
  /** Every series is NaN / +Inf at these times. */
  readonly nanAt?: readonly number[];
  readonly infAt?: readonly number[];
  /** Answer with an HTML page and HTTP 200 (a URL pointing at a UI, not the API). */
  readonly notJson?: boolean;
  /** Points per series in one request, (end - start) / step + 1; beyond it: 422 like Prometheus. */
  readonly maxPoints?: number;
}

export interface PromRequest {
  readonly path: string;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
}

export interface PromStandIn {
  /** The base URL, without a trailing slash (the prefix included). */
  readonly url: string;
  readonly requests: PromRequest[];
  close(): Promise<void>;
}

export const NOT_JSON_PAGE = '<!doctype html><html><head><title>Grafana</title></head><body></body></html>';

/** Prometheus writes values with Go's FormatFloat(v, 'f', -1, 64): "NaN", "+Inf", "-Inf", "0.5". */
function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function valueAt(spec: PromSeriesSpec, t: number): number | undefined {
  return typeof spec.value === 'function' ? spec.value(t) : spec.value[t];
}

export async function startPrometheus(options: PromStandInOptions = {}): Promise<PromStandIn> {
  const requests: PromRequest[] = [];
  const prefix = options.prefix ?? '';
  const server: Server = createServer((req, res) => void handle(req, res));

  const json = (res: ServerResponse, status: number, body: unknown): void =>
    void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  const error = (res: ServerResponse, status: number, errorType: string, text: string): void =>
    json(res, status, { status: 'error', errorType, error: text });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const params = Object.fromEntries(new URLSearchParams(body));
    const authorization = req.headers.authorization;
    requests.push({ path, method: req.method ?? '', params, authorization });
    const n = requests.length;
    if (path !== `${prefix}/api/v1/query_range` || req.method !== 'POST')
      return void res.writeHead(404).end('404 page not found\n');
    if (options.token !== undefined && authorization !== `Bearer ${options.token}`)
      return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized\n');
    const limited = options.rateLimitFirst ?? 0;
    if (n <= limited) return void res.writeHead(429).end('Too Many Requests\n');
    if (n <= limited + (options.unavailableFirst ?? 0))
      return void res.writeHead(503).end('Service Unavailable\n');
    if (options.notJson) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(NOT_JSON_PAGE);

    const query = params.query ?? '';
    const start = Number(params.start);
    const end = Number(params.end);
    const step = Number(params.step);
    for (const [name, v] of [
      ['start', start],
      ['end', end],
      ['step', step],
    ] as const) {
      if (params[name] === undefined || params[name] === '' || !Number.isFinite(v))
        return error(res, 400, 'bad_data', `invalid parameter "${name}": cannot parse "${params[name]}"`);
    }
    if (end < start)
      return error(
        res,
        400,
        'bad_data',
        'invalid parameter "end": end timestamp must not be before start time',
      );
    if (!(step > 0))
      return error(
        res,
        400,
        'bad_data',
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    if (options.maxPoints !== undefined && (end - start) / step + 1 > options.maxPoints)
      return error(
        res,
        422,
        'bad_data',
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    if (options.badQuery && query === options.badQuery.query)
      return error(res, 400, 'bad_data', options.badQuery.error);

    const result = [];
    for (const spec of options.queries?.[query] ?? options.anyQuery ?? []) {
      const values: Array<[number, string]> = [];
      for (let k = 0; start + k * step <= end; k++) {
        const t = start + k * step;
        let v = valueAt(spec, t);
        if (options.nanAt?.includes(t)) v = NaN;
        if (options.infAt?.includes(t)) v = Infinity;
        if (v !== undefined) values.push([t, formatValue(v)]);
      }
      if (values.length > 0) result.push({ metric: spec.labels, values });
    }
    json(res, 200, {
      status: 'success',
      data: { resultType: 'matrix', result },
      ...(options.warnings && { warnings: options.warnings }),
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
