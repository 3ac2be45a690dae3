import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { httpSink, SinkError } from '../../../src/records/sinks';
import { freePort } from '../../support/ports';

const TOKEN = 'tok-93be1f-never-printed';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A stand-in receiver on 127.0.0.1: answers each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[] = [], reply = (_req: Received): string => '') {
  const received: Received[] = [];
  const port = await freePort();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { headers: req.headers, body };
      const status = statuses.shift() ?? 200;
      if (status === 200) received.push(request);
      res.writeHead(status).end(reply(request));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/data/ingest/log`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const line = (i: number): string => `${JSON.stringify({ id: `e${i}`, n: i, text: 'a\nb' })}\n`;

async function writeAll(sink: ReturnType<typeof httpSink>, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const wait = sink.write(line(i), 0);
    if (wait) await wait;
  }
}

describe('http sink', () => {
  it('posts batches in order with the configured headers and body shape', async () => {
    const server = await receiver();
    const sink = httpSink({
      url: server.url,
      body: { kind: 'json-array', field: 'data' },
      headers: { 'X-Team': 'pipelines' },
      bearerToken: TOKEN,
      batchLines: 3,
    });
    await writeAll(sink, 0, 7);
    await sink.flush();
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 7 });
    await server.close();
    expect(
      server.received.map((r) => (JSON.parse(r.body) as { data: { n: number }[] }).data.map((d) => d.n)),
    ).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    for (const { headers } of server.received) {
      expect(headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(headers['x-team']).toBe('pipelines');
      expect(headers['content-type']).toBe('application/json');
    }
  });

  it('newline-delimited bodies are the lines as written', async () => {
    const server = await receiver();
    const sink = httpSink({ url: server.url, body: { kind: 'lines' }, batchLines: 100 });
    await writeAll(sink, 0, 5);
    await sink.close();
    await server.close();
    expect(server.received.map((r) => r.body)).toEqual([[0, 1, 2, 3, 4].map(line).join('')]);
  });

  it('retries a 503 and a 429 with backoff, and delivers every line once', async () => {
    const server = await receiver([503, 429, 200, 503]);
    const retries: string[] = [];
    const sink = httpSink({
      url: server.url,
      body: { kind: 'lines' },
      bearerToken: TOKEN,
      batchLines: 2,
      retry: { backoffMs: 1, onRetry: (text) => retries.push(text) },
    });
    await writeAll(sink, 0, 5);
    await sink.flush();
    await server.close();
    expect(server.received.map((r) => r.body).join('')).toBe([0, 1, 2, 3, 4].map(line).join(''));
    expect(retries).toHaveLength(3);
    expect(retries[0]).toMatch(/^the HTTP output: retrying in \d+\.\d s \(attempt 2\/9\): HTTP 503$/);
    expect(retries[1]).toMatch(/HTTP 429 \(rate limited\)/);
    expect(retries.join('')).not.toContain(TOKEN);
  });

  it('gives up after its retries with one line naming the URL, never the token', async () => {
    const server = await receiver(
      Array(10).fill(503),
      (req) => `overloaded, your header was ${req.headers.authorization}`,
    );
    const sink = httpSink({
      url: server.url.replace('http://', 'http://user:pass-secret@'),
      body: { kind: 'lines' },
      bearerToken: TOKEN,
      maxRetries: 2,
      retry: { backoffMs: 1 },
    });
    await writeAll(sink, 0, 3);
    const err = (await sink.flush().then(
      () => new Error('delivered'),
      (e: Error) => e,
    )) as Error;
    await server.close();
    expect(err).toBeInstanceOf(SinkError);
    expect(err.message).toBe(
      `${server.url.replace('http://', 'http://***@')} failed after 3 tries: HTTP 503: overloaded, your header was Bearer ***`,
    );
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 0 });
  });

  it('a password in the URL goes as Basic auth and is blanked, also base64-encoded, from quoted replies', async () => {
    const server = await receiver([401], (req) => `who is ${req.headers.authorization}?`);
    const sink = httpSink({
      url: server.url.replace('http://', 'http://ingest:pass-secret@'),
      body: { kind: 'lines' },
    });
    await writeAll(sink, 0, 1);
    const err = (await sink.flush().catch((e: Error) => e)) as Error;
    await server.close();
    expect(err.message).toBe(
      `${server.url.replace('http://', 'http://***@')} answered HTTP 401: who is Basic ***?`,
    );
    expect(sink.name).not.toContain('pass-secret');
  });

  it('a refusal (HTTP 400) is not retried; a server that is not there: connection refused', async () => {
    const server = await receiver([400], () => `bad token ${TOKEN}`);
    const refused = httpSink({
      url: server.url,
      body: { kind: 'lines' },
      bearerToken: TOKEN,
      retry: { backoffMs: 1 },
    });
    await writeAll(refused, 0, 1);
    await expect(refused.flush()).rejects.toThrow(
      new SinkError(`${server.url} answered HTTP 400: bad token ***`),
    );
    await server.close();
    const gone = httpSink({
      url: server.url,
      body: { kind: 'lines' },
      maxRetries: 1,
      retry: { backoffMs: 1 },
    });
    await writeAll(gone, 0, 1);
    await expect(gone.flush()).rejects.toThrow(
      /^connection refused: is the HTTP output listening at http:\/\/127\.0\.0\.1:\d+\/data\/ingest\/log\? \(gave up after 2 tries\)$/,
    );
  });

  it('on resume, the count restarts at the saved position (what followed is sent again)', async () => {
    const server = await receiver();
    const sink = httpSink({ url: server.url, body: { kind: 'lines' } });
    await sink.truncateTo({ kind: 'stream', lines: 40 });
    await writeAll(sink, 40, 45);
    await sink.flush();
    await server.close();
    expect(sink.committed()).toEqual({ kind: 'stream', lines: 45 });
    await expect(sink.truncateTo({ kind: 'file', file: null, bytes: 0 })).rejects.toThrow(/not a stream's/);
  });
});
