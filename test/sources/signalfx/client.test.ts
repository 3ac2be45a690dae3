import { SeriesCollector } from '../../../src/sources/signalfx/collect';
import { runSignalFlow, type SignalFxRequest } from '../../../src/sources/signalfx/client';
import { SignalFxError, SignalFxJobError } from '../../../src/sources/signalfx/errors';
import { startSignalFx, type StandIn, type StandInOptions } from '../../support/signalfx-server';

const TOKEN = 'sfx-secret-token-123';
const START = 1512086400; // 2017-12-01T00:00:00Z
const HOUR = 3600;

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(
  options: StandInOptions,
  over: Partial<SignalFxRequest> = {},
): Promise<{ collector: SeriesCollector; server: StandIn }> {
  server = await startSignalFx({ token: TOKEN, ...options });
  const collector = new SeriesCollector(START, START + 2 * HOUR, 60_000);
  await runSignalFlow(
    {
      program: 'data("cpus").publish()',
      start: START,
      end: START + 2 * HOUR,
      token: TOKEN,
      url: server.url,
      resolutionMs: 60_000,
      chunkSeconds: HOUR,
      maxRetries: 3,
      backoffMs: 1,
      ...over,
    },
    collector,
  );
  return { collector, server };
}

/** Expected points of series i over two hours at one minute. */
const expected = (i: number): Array<[number, number]> =>
  Array.from({ length: 120 }, (_, k) => [START + 60 * k, i * 1000 + (START + 60 * k) / 60]);

describe('SignalFx over SSE, against a stand-in on 127.0.0.1', () => {
  it('runs one request per chunk, with start/stop/resolution in ms and the token in X-SF-Token', async () => {
    const { collector, server: s } = await run({ series: 2, pretty: true });
    expect(s.requests.map((r) => [r.start, r.stop, r.resolution])).toEqual([
      [START * 1000, (START + HOUR) * 1000, 60000],
      [(START + HOUR) * 1000, (START + 2 * HOUR) * 1000, 60000],
    ]);
    expect(s.requests.every((r) => r.token === TOKEN && r.program === 'data("cpus").publish()')).toBe(true);
    const [a, b] = collector.series();
    expect([...a!.points]).toEqual(expected(0));
    expect([...b!.points]).toEqual(expected(1));
    expect(a!.dimensions).toEqual(new Map([['AZ', 'us-west-2a']]));
  });

  it('keeps one point per timestamp when adjacent chunks both return the boundary', async () => {
    const { collector } = await run({ repeatBoundary: true });
    expect([...collector.series()[0]!.points]).toEqual(expected(0));
  });

  it('skips null values', async () => {
    const { collector } = await run({ nulls: true });
    const points = collector.series()[0]!.points;
    expect(points.size).toBe(120 - expected(0).filter(([t]) => (t / 60) % 7 === 3).length);
  });

  it('retries 429s with backoff, and gives up after max_retries', async () => {
    const { collector, server: s } = await run({ rateLimitFirst: 2 });
    expect(s.requests).toHaveLength(4);
    expect(collector.series()[0]!.points.size).toBe(120);
    await server!.close();
    await expect(run({ rateLimitFirst: 10 })).rejects.toThrow(
      new SignalFxError('SignalFx request failed after 4 tries: HTTP 429 (rate limited)'),
    );
  });

  it('resumes a stream cut before END_OF_CHANNEL from the last timestamp it received', async () => {
    const { collector, server: s } = await run({ cutAfter: 10 });
    expect(s.requests[1]!.start).toBe((START + 9 * 60) * 1000);
    expect([...collector.series()[0]!.points]).toEqual(expected(0));
  });

  it('401 and 403 say the token was refused, without the token', async () => {
    for (const status of [401, 403]) {
      const err = await run({ status }).catch((e: unknown) => e as Error);
      await server?.close();
      server = undefined;
      expect(err).toBeInstanceOf(SignalFxError);
      expect((err as Error).message).toBe(
        `SignalFx refused the API token (HTTP ${status}): check api_token or SFX_API_TOKEN`,
      );
      expect(JSON.stringify(err) + String((err as Error).stack)).not.toContain(TOKEN);
    }
  });

  it('CHANNEL_ABORT and error messages fail with their reason', async () => {
    await expect(run({ abort: 'Job exceeded the limit' })).rejects.toThrow(
      new SignalFxJobError('SignalFx aborted the job: Job exceeded the limit'),
    );
    await server!.close();
    server = undefined;
    await expect(run({ error: true })).rejects.toThrow(
      'SignalFx reported an error: ANALYTICS_PROGRAM_NAME_ERROR: Unknown function',
    );
  });

  it('limited result sets and coarser resolutions are warnings', async () => {
    const { collector } = await run({ limited: true, coarser: true });
    expect(collector.warnings).toEqual([
      'SignalFx used a coarser resolution than asked: 300 s instead of 60 s',
      'SignalFx limited the result set: 50 series matched, 2 returned',
    ]);
  });

  it('a server that is not there is a network error, retried then reported', async () => {
    server = await startSignalFx();
    const url = server.url;
    await server.close();
    server = undefined;
    const collector = new SeriesCollector(START, START + HOUR, 60_000);
    await expect(
      runSignalFlow(
        {
          program: 'p',
          start: START,
          end: START + HOUR,
          token: TOKEN,
          url,
          resolutionMs: 60_000,
          chunkSeconds: HOUR,
          maxRetries: 2,
          backoffMs: 1,
        },
        collector,
      ),
    ).rejects.toThrow(`connection refused: is SignalFx listening at ${url}? (gave up after 3 tries)`);
  });
});
