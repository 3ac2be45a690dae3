import { queryRange, rangeChunks, type RangeQuery } from '../../../src/sources/prometheus/client';
import { PromCollector } from '../../../src/sources/prometheus/collect';
import { PrometheusError } from '../../../src/sources/prometheus/errors';
import {
  NOT_JSON_PAGE,
  startPrometheus,
  type PromSeriesSpec,
  type PromStandIn,
  type PromStandInOptions,
} from '../../support/prometheus-server';

const START = 1512086400; // 2017-12-01T00:00:00Z
const HOUR = 3600;
const TOKEN = 'prom-secret-token-6f1c';

/** A series whose value is offset + minutes since START. */
const cpu = (labels: Record<string, string>, offset = 0): PromSeriesSpec => ({
  labels,
  value: (t) => offset + (t - START) / 60,
});
const expected = (offset = 0, count = 120): Array<[number, number]> =>
  Array.from({ length: count }, (_, k) => [START + 60 * k, offset + k]);

let server: PromStandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(options: PromStandInOptions, over: Partial<RangeQuery> = {}) {
  server = await startPrometheus({
    token: TOKEN,
    queries: { cpu: [cpu({ __name__: 'cpu', AZ: 'a' })] },
    ...options,
  });
  const collector = new PromCollector(START, START + 2 * HOUR);
  const warnings: string[] = [];
  const chunks: Array<[number, number]> = [];
  await queryRange(
    {
      query: 'cpu',
      start: START,
      end: START + 2 * HOUR,
      url: new URL(server.url),
      token: TOKEN,
      stepSeconds: 60,
      chunkPoints: 10_000,
      maxRetries: 3,
      backoffMs: 1,
      onWarning: (w) => warnings.push(w),
      onChunk: (done, total) => chunks.push([done, total]),
      ...over,
    },
    collector,
  );
  return { collector, warnings, chunks, server };
}

const failure = (options: PromStandInOptions, over: Partial<RangeQuery> = {}): Promise<Error> =>
  run(options, over).then(
    () => new Error('queryRange succeeded'),
    (err: unknown) => err as Error,
  );

/** Every evaluation time of a chunk list, in order. */
const evaluations = (chunks: Array<[number, number]>, step: number): number[] =>
  chunks.flatMap(([a, b]) => Array.from({ length: (b - a) / step + 1 }, (_, k) => a + k * step));

describe('rangeChunks', () => {
  it('splits the evaluations into chunks of perChunk, the last one shorter, each [first, last]', () => {
    expect(rangeChunks(1000, 1100, 10, 4)).toEqual([
      [1000, 1030],
      [1040, 1070],
      [1080, 1090],
    ]);
    expect(rangeChunks(START, START + 2 * HOUR, 60, 50)).toEqual([
      [START, START + 49 * 60],
      [START + 50 * 60, START + 99 * 60],
      [START + 100 * 60, START + 119 * 60],
    ]);
  });

  it.each([
    [0, 100, 10, 4],
    [0, 95, 10, 4],
    [0, 101, 10, 10],
    [7, 7 + 3600, 60, 1],
    [START, START + 86_400, 15, 10_000],
    [START, START + 86_400, 300, 11_000],
    [0, 5, 10, 3],
  ])('start %d end %d step %d per chunk %d: every t in [start, end) on the grid, once', (s, e, step, per) => {
    const chunks = rangeChunks(s, e, step, per);
    const want = [];
    for (let t = s; t < e; t += step) want.push(t);
    expect(evaluations(chunks, step)).toEqual(want);
    for (const [a, b] of chunks) expect((b - a) / step + 1).toBeLessThanOrEqual(per);
    for (const [i, [a]] of chunks.entries()) if (i > 0) expect(a).toBeGreaterThan(chunks[i - 1]![1]);
  });

  it('an empty range has no chunks', () => {
    expect(rangeChunks(START, START, 60, 100)).toEqual([]);
  });
});

describe('queryRange against a Prometheus stand-in', () => {
  it('posts the query as a form, the token as a bearer, and reads every point', async () => {
    const { collector, server: s, chunks } = await run({});
    expect(s.requests).toEqual([
      {
        path: '/api/v1/query_range',
        method: 'POST',
        params: { query: 'cpu', start: String(START), end: String(START + 119 * 60), step: '60' },
        authorization: `Bearer ${TOKEN}`,
      },
    ]);
    const [series] = collector.series();
    expect(series!.labels).toEqual({ __name__: 'cpu', AZ: 'a' });
    expect([...series!.points]).toEqual(expected());
    expect(chunks).toEqual([[1, 1]]);
  });

  it('chunks keep each request under the server limit and yield every evaluation exactly once', async () => {
    const { collector, server: s, chunks } = await run({ maxPoints: 50 }, { chunkPoints: 50 });
    expect(s.requests).toHaveLength(3);
    const asked = s.requests.map((r) => Number(r.params.end) - Number(r.params.start));
    for (const span of asked) expect(span / 60 + 1).toBeLessThanOrEqual(50);
    const times = evaluations(
      s.requests.map((r) => [Number(r.params.start), Number(r.params.end)]),
      60,
    );
    expect(times).toEqual(expected().map(([t]) => t));
    expect([...collector.series()[0]!.points]).toEqual(expected());
    expect(chunks).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('one more evaluation per request than the server takes is refused with its reason', async () => {
    const err = await failure({ maxPoints: 50 }, { chunkPoints: 51 });
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err.message).toMatch(/HTTP 422 bad_data\): exceeded maximum resolution of 11,000 points/);
  });

  it('keeps several series apart by their labels across chunks', async () => {
    const queries = {
      cpu: [cpu({ __name__: 'cpu', AZ: 'a' }), cpu({ __name__: 'cpu', AZ: 'b' }, 1000)],
    };
    const { collector } = await run({ queries }, { chunkPoints: 7 });
    const series = collector.series();
    expect(series.map((s) => s.labels)).toEqual([
      { __name__: 'cpu', AZ: 'a' },
      { __name__: 'cpu', AZ: 'b' },
    ]);
    expect([...series[1]!.points]).toEqual(expected(1000));
  });

  it("keeps the base URL's path (a VictoriaMetrics cluster), with or without a trailing slash", async () => {
    const prefix = '/select/0/prometheus';
    const { server: s } = await run({ prefix });
    await queryRange({ ...base(s), url: new URL(`${s.url}/`) }, new PromCollector(START, START + 2 * HOUR));
    expect(s.requests.map((r) => r.path)).toEqual([
      `${prefix}/api/v1/query_range`,
      `${prefix}/api/v1/query_range`,
    ]);
  });

  it('retries 429 and 503, then reads everything', async () => {
    const { collector, server: s } = await run({ rateLimitFirst: 2, unavailableFirst: 1 });
    expect(s.requests).toHaveLength(4);
    expect([...collector.series()[0]!.points]).toEqual(expected());
  });

  it('gives up after max_retries, naming the number of tries and the last failure', async () => {
    let err = await failure({ rateLimitFirst: 10 }, { maxRetries: 2 });
    expect(err).toEqual(
      new PrometheusError(`${server!.url}: query 'cpu' failed after 3 tries: HTTP 429 (rate limited)`),
    );
    expect(server!.requests).toHaveLength(3);
    await server!.close();
    err = await failure({ unavailableFirst: 10 }, { maxRetries: 0 });
    expect(err.message).toBe(`${server!.url}: query 'cpu' failed after 1 try: HTTP 503`);
    expect(server!.requests).toHaveLength(1);
  });

  it('a server that is not there is a network error, retried then reported', async () => {
    const s = await startPrometheus();
    await s.close();
    const req = { ...base(s), maxRetries: 2 };
    await expect(queryRange(req, new PromCollector(START, START + HOUR))).rejects.toThrow(
      `connection refused: is Prometheus listening at ${s.url}? (query 'cpu', gave up after 3 tries)`,
    );
  });

  it('401 says to set or check PROM_BEARER_TOKEN, is not retried, and never shows the token', async () => {
    let err = await failure({}, { token: undefined });
    expect(err).toEqual(
      new PrometheusError(`${server!.url} refused the request (HTTP 401): set PROM_BEARER_TOKEN`),
    );
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]!.authorization).toBeUndefined();
    await server!.close();
    const wrong = 'wrong-token-d00d';
    err = await failure({}, { token: wrong });
    expect(err.message).toBe(`${server!.url} refused the request (HTTP 401): check PROM_BEARER_TOKEN`);
    expect(`${err.message}${String(err.stack)}${JSON.stringify(err)}`).not.toContain(wrong);
  });

  it('user:password in the URL goes as basic auth and is not printed', async () => {
    const s = (server = await startPrometheus({ token: TOKEN }));
    const url = new URL(s.url);
    url.username = 'alice';
    url.password = 'pw-9931';
    const err = await queryRange(
      { ...base(s), url, token: undefined },
      new PromCollector(START, START + HOUR),
    ).catch((e: unknown) => e as Error);
    expect(s.requests[0]!.authorization).toBe(`Basic ${Buffer.from('alice:pw-9931').toString('base64')}`);
    expect((err as Error).message).toBe(
      `${s.url.replace('//', '//***@')} refused the request (HTTP 401): set PROM_BEARER_TOKEN`,
    );
  });

  it("a refused query (400 bad_data) fails at once with the server's reason and the query", async () => {
    const query = 'rate(cpu[5m]';
    const reason = '1:13: parse error: unclosed left parenthesis';
    const err = await failure({ badQuery: { query, error: reason } }, { query });
    expect(err).toEqual(
      new PrometheusError(`${server!.url} refused query '${query}' (HTTP 400 bad_data): ${reason}`),
    );
    expect(server!.requests).toHaveLength(1);
  });

  it('a reply that is not JSON says so, with the start of it', async () => {
    const err = await failure({ notJson: true });
    expect(err).toEqual(
      new PrometheusError(`${server!.url}: HTTP 200 with a reply that is not JSON: ${NOT_JSON_PAGE}`),
    );
  });

  it("forwards the server's warnings, naming the query, once however many requests repeat them", async () => {
    const text = 'PromQL info: metric might not be a counter, name does not end in _total';
    const { warnings, collector } = await run({ warnings: [text] }, { chunkPoints: 60 });
    expect(warnings).toEqual([`query 'cpu': ${text}`]);
    expect(collector.series()[0]!.points.size).toBe(120);
  });

  it('skips NaN and infinite values and counts them', async () => {
    const nanAt = [START + 60];
    const infAt = [START + 120, START + 7140];
    const { collector } = await run({ nanAt, infAt });
    expect(collector.skipped).toBe(3);
    const bad = new Set([...nanAt, ...infAt]);
    expect([...collector.series()[0]!.points]).toEqual(expected().filter(([t]) => !bad.has(t)));
  });
});

/** A request to the stand-in `s` for the first two hours, query 'cpu'. */
function base(s: PromStandIn): RangeQuery {
  return {
    query: 'cpu',
    start: START,
    end: START + 2 * HOUR,
    url: new URL(s.url),
    token: TOKEN,
    stepSeconds: 60,
    chunkPoints: 10_000,
    maxRetries: 3,
    backoffMs: 1,
  };
}
