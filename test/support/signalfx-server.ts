/**
 * A SignalFx stand-in speaking SignalFlow's SSE protocol on 127.0.0.1 (a free port), with switches for the
 * faults a real server shows. Series i has dimension AZ = zone i; its value at t is i * 1000 + t / 60.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInOptions {
  token?: string;
  series?: number;
  /** Multi-line, pretty-printed JSON in data: lines. */
  pretty?: boolean;
  /** Answer the first N requests with 429. */
  rateLimitFirst?: number;
  /** Answer every request with this status instead (401, 403, 500...). */
  status?: number;
  /** Cut the first response after this many data messages (no END_OF_CHANNEL). */
  cutAfter?: number;
  abort?: string;
  error?: boolean;
  limited?: boolean;
  coarser?: boolean;
  /** Also send the point at `stop` (adjacent chunks both return it). */
  repeatBoundary?: boolean;
  /** Every 7th value is null. */
  nulls?: boolean;
}

export interface StandIn {
  readonly url: string;
  readonly requests: Array<{
    start: number;
    stop: number;
    resolution: number;
    program: string;
    token: string;
  }>;
  close(): Promise<void>;
}

const ZONES = 'abcdefghijklmnopqrstuvwxyz';

export async function startSignalFx(options: StandInOptions = {}): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server: Server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let program = '';
    for await (const chunk of req) program += String(chunk);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const start = Number(url.searchParams.get('start'));
    const stop = Number(url.searchParams.get('stop'));
    const resolution = Number(url.searchParams.get('resolution'));
    const token = String(req.headers['x-sf-token'] ?? '');
    requests.push({ start, stop, resolution, program, token });
    const n = requests.length;
    if (url.pathname !== '/v2/signalflow/execute' || req.method !== 'POST')
      return void res.writeHead(404).end();
    if (options.status)
      return void res
        .writeHead(options.status)
        .end('{"code":401,"message":"You must use your user session"}');
    if (options.token !== undefined && token !== options.token)
      return void res.writeHead(401).end('{"code":401,"message":"You must use your user session"}');
    if (n <= (options.rateLimitFirst ?? 0)) return void res.writeHead(429).end();

    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const send = (event: string, body: unknown): void => {
      const json = options.pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
      res.write(
        `event: ${event}\n${json
          .split('\n')
          .map((l) => `data: ${l}`)
          .join('\n')}\n\n`,
      );
    };
    res.write(': stand-in\n\n');
    send('control-message', { event: 'STREAM_START', timestampMs: Date.now() });
    send('control-message', { event: 'JOB_START', handle: `job${n}`, timestampMs: Date.now() });
    if (options.coarser)
      send('message', {
        logicalTimestampMs: start,
        message: { messageCode: 'JOB_RUNNING_RESOLUTION', contents: { resolutionMs: resolution * 5 } },
      });
    if (options.limited)
      send('message', {
        logicalTimestampMs: start,
        message: { messageCode: 'FIND_LIMITED_RESULT_SET', contents: { matchedSize: 50, limitSize: 2 } },
      });
    const count = options.series ?? 1;
    for (let i = 0; i < count; i++) {
      send('metadata', {
        tsId: `ts${n}x${i}`,
        properties: { sf_metric: 'cpus', jobId: `job${n}`, AZ: `us-west-2${ZONES[i]}` },
      });
    }
    if (options.error) {
      send('error', { error: 400, errorType: 'ANALYTICS_PROGRAM_NAME_ERROR', message: 'Unknown function' });
      return void res.end();
    }
    let sent = 0;
    const last = options.repeatBoundary ? stop : stop - resolution;
    for (let t = start; t <= last; t += resolution) {
      if (options.cutAfter !== undefined && n === 1 && sent === options.cutAfter) {
        // Flush what was sent, then drop the connection mid-stream.
        await new Promise<void>((resolve) => res.write(': cut\n\n', () => resolve()));
        return void res.destroy();
      }
      if (options.abort && sent === 2) {
        send('control-message', {
          event: 'CHANNEL_ABORT',
          abortInfo: { sf_job_abortState: 'ABORTED', sf_job_abortReason: options.abort },
        });
        return void res.end();
      }
      const seconds = t / 1000;
      const data = Array.from({ length: count }, (_, i) => ({
        tsId: `ts${n}x${i}`,
        value: options.nulls && (seconds / 60) % 7 === 3 ? null : i * 1000 + seconds / 60,
      }));
      send('data', { logicalTimestampMs: t, data });
      sent++;
    }
    send('control-message', { event: 'END_OF_CHANNEL', timestampMs: Date.now() });
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2/signalflow/execute`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
