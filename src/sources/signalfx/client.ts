/**
 * Runs a SignalFlow program over a time range: one POST per chunk (SignalFx has no pagination), the SSE reply
 * parsed as it arrives into a SeriesCollector. 429, 5xx and network errors retry with exponential backoff
 * and full jitter; a stream cut before END_OF_CHANNEL resumes from the last timestamp received. The token
 * travels only in the X-SF-Token header and never appears in an error.
 */
import axios from 'axios';
import type { Readable } from 'node:stream';
import type { SeriesCollector } from './collect';
import { SignalFxError, SignalFxJobError } from './errors';
import { SignalFlowProtocolError } from './messages';
import { signalflowMessages } from './stream';
import { readSmall, retryReason, withRetries, type Attempt } from '../../util/http';
import { redactUrl } from '../../util/url';

export interface SignalFxRequest {
  readonly program: string;
  /** Epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly token: string;
  /** The execute endpoint, e.g. https://stream.us0.signalfx.com/v2/signalflow/execute. */
  readonly url: string;
  readonly resolutionMs: number;
  /** Longest time range per request, seconds. */
  readonly chunkSeconds: number;
  readonly maxRetries: number;
  /** First backoff, doubled per retry (tests make it small). */
  readonly backoffMs?: number;
  /** Told each retry, as a line for stderr. */
  readonly onRetry?: (line: string) => void;
  readonly onChunk?: (done: number, total: number) => void;
}

export async function runSignalFlow(req: SignalFxRequest, collector: SeriesCollector): Promise<void> {
  const chunks: Array<[number, number]> = [];
  for (let a = req.start; a < req.end; a += req.chunkSeconds)
    chunks.push([a, Math.min(a + req.chunkSeconds, req.end)]);
  for (const [i, [a, b]] of chunks.entries()) {
    await runChunk(req, collector, a, b);
    req.onChunk?.(i + 1, chunks.length);
  }
}

async function runChunk(
  req: SignalFxRequest,
  collector: SeriesCollector,
  a: number,
  b: number,
): Promise<void> {
  const policy = {
    maxRetries: req.maxRetries,
    backoffMs: req.backoffMs ?? 500,
    peer: { service: 'SignalFx', where: redactUrl(req.url) },
    ...(req.onRetry && { onRetry: req.onRetry }),
  };
  const giveUp = (why: string, tried: string, network: boolean): Error =>
    new SignalFxError(
      network ? `${why} (gave up after ${tried})` : `SignalFx request failed after ${tried}: ${why}`,
    );
  // A cut-off stream that made progress resumes from the last timestamp received (it is de-duplicated),
  // with its retries counted afresh.
  let from = a;
  while (!(await withRetries(policy, () => streamFrom(req, collector, from, b), giveUp)))
    from = collector.lastTimestamp as number;
}

/** One request for [from, b): true when the channel ended, false when a cut-off stream made progress. */
async function streamFrom(
  req: SignalFxRequest,
  collector: SeriesCollector,
  from: number,
  b: number,
): Promise<Attempt<boolean>> {
  collector.newJob();
  const response = await axios.post<Readable>(req.url, req.program, {
    params: { start: from * 1000, stop: b * 1000, resolution: req.resolutionMs, immediate: true },
    headers: { 'X-SF-Token': req.token, 'Content-Type': 'text/plain' },
    responseType: 'stream',
    validateStatus: () => true,
    // Proxies from the environment would see the token; SignalFx is reached directly.
    proxy: false,
  });
  const status = response.status;
  if (status === 401 || status === 403) {
    response.data.destroy();
    throw new SignalFxError(
      `SignalFx refused the API token (HTTP ${status}): check api_token or SFX_API_TOKEN`,
    );
  }
  if (status !== 200) {
    const retry = retryReason(status, undefined);
    if (!retry)
      throw new SignalFxError(`SignalFx answered HTTP ${status}: ${await readSmall(response.data)}`);
    response.data.destroy();
    return { retry };
  }
  try {
    for await (const message of signalflowMessages(response.data)) collector.add(message);
  } catch (err) {
    // What SignalFx said (an abort, an error, a malformed message) stands; a broken connection
    // ('aborted', ECONNRESET) is resumed like a cut-off stream.
    if (err instanceof SignalFxJobError || err instanceof SignalFlowProtocolError) throw err;
  }
  if (collector.ended) return { value: true };
  if (collector.lastTimestamp !== undefined && collector.lastTimestamp > from) return { value: false };
  return { retry: 'the stream ended before END_OF_CHANNEL' };
}
