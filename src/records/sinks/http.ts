/**
 * Lines POSTed in batches to an HTTP endpoint (ClickHouse, Splunk HEC, Elasticsearch _bulk, benshi's ingest
 * API). One batch in flight at a time, so the receiver sees records in order, while the next batch gathers.
 * 429, 5xx and network failures are retried with backoff (util/http's withRetries); after the last try, one
 * line naming the URL. A batch is acknowledged only by a 2xx; the committed position counts acknowledged lines,
 * so a resumed run sends again what followed it: at least once. Secrets (the bearer token, a password in the
 * URL, credential-like headers) are never printed, and are blanked from any reply quoted in an error.
 */
import axios from 'axios';
import { retryReason, withRetries, type RetryPolicy } from '../../util/http';
import { redactUrl, urlAuth } from '../../util/url';
import { SinkError } from './errors';
import type { HttpBody, HttpSinkOptions, LineSink, SinkPosition } from './types';

const DEFAULT_BATCH_LINES = 5000;
const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;
const DEFAULT_RETRIES = 8;
const DEFAULT_BACKOFF_MS = 500;
const SECRET_HEADER = /auth|key|token|secret|password|cookie/i;
const MAX_RETRY_AFTER_MS = 60_000;

/** A `Retry-After` (seconds, or an HTTP date) as a wait in ms, capped; undefined when absent or unreadable. */
export function retryAfterMs(header: unknown, capMs: number, nowMs = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - nowMs;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), capMs);
}

export function httpSink(options: HttpSinkOptions): LineSink {
  return new HttpSink(options);
}

class HttpSink implements LineSink {
  readonly name: string;
  readonly resumable = true;
  readonly closed = false;
  private readonly target: string;
  private readonly auth: { username: string; password: string } | undefined;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly policy: RetryPolicy;
  private text = '';
  private lines = 0;
  /** Lines acknowledged by the server, and at the last flush. */
  private acknowledged = 0;
  private committedLines = 0;
  private inFlight: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(private readonly options: HttpSinkOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new SinkError(`'${redactUrl(options.url)}' is not a URL (expected http://host:port/path)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new SinkError(`'${redactUrl(options.url)}' is not an http or https URL`);
    const extra = (options.secrets ?? []).filter((v) => v.length > 0);
    this.name = redactUrl(url);
    // A bearer token takes the Authorization header; otherwise credentials in the URL go as Basic auth.
    this.auth = options.bearerToken === undefined ? urlAuth(url) : undefined;
    const basic = urlAuth(url);
    url.username = '';
    url.password = '';
    this.target = url.href;
    this.headers = {
      // Unless the config names its own (in any case): two Content-Types would confuse the receiver.
      ...(!Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'content-type') && {
        'Content-Type': options.body.kind === 'json-array' ? 'application/json' : 'application/x-ndjson',
      }),
      ...options.headers,
      ...(options.bearerToken !== undefined && { Authorization: `Bearer ${options.bearerToken}` }),
    };
    this.secrets = [
      ...(options.bearerToken ? [options.bearerToken] : []),
      ...(basic?.password
        ? [basic.password, Buffer.from(`${basic.username}:${basic.password}`).toString('base64')]
        : []),
      ...Object.entries(options.headers ?? {})
        .filter(([name, value]) => SECRET_HEADER.test(name) && value.length > 0)
        .map(([, value]) => value),
      ...extra,
    ].sort((a, b) => b.length - a.length);
    this.name = this.scrub(this.name);
    this.policy = {
      maxRetries: options.maxRetries ?? DEFAULT_RETRIES,
      backoffMs: options.retry?.backoffMs ?? DEFAULT_BACKOFF_MS,
      peer: { service: 'the HTTP output', where: this.name },
      ...(options.retry?.onRetry && {
        onRetry: (line: string) => options.retry?.onRetry?.(this.scrub(line)),
      }),
    };
  }

  write(lines: string, _at: number): Promise<void> | undefined {
    if (this.failure) throw this.failure;
    this.text += lines;
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) this.lines++;
    const full =
      this.lines >= (this.options.batchLines ?? DEFAULT_BATCH_LINES) ||
      this.text.length >= (this.options.batchBytes ?? DEFAULT_BATCH_BYTES);
    return full ? this.send() : undefined;
  }

  /** Starts the gathered batch once the one in flight is done; resolves when it has started. */
  private send(): Promise<void> | undefined {
    if (this.text === '') return this.inFlight;
    const body = bodyOf(this.options.body, this.text);
    const count = this.lines;
    this.text = '';
    this.lines = 0;
    const previous = this.inFlight ?? Promise.resolve();
    const started = previous.then(() => this.post(body, count));
    this.inFlight = started.catch((err: Error) => {
      this.failure ??= err;
    });
    // The caller waits for the batch before (one in flight), not for this one.
    return previous.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  private async post(body: string, count: number): Promise<void> {
    if (this.failure) throw this.failure;
    await withRetries(
      this.policy,
      async () => {
        const response = await axios.post(this.target, body, {
          headers: this.headers,
          ...(this.auth && { auth: this.auth }),
          responseType: 'text',
          transformRequest: (data: string) => data,
          transformResponse: (data: string) => data,
          validateStatus: () => true,
          timeout: this.options.timeoutMs ?? 30_000,
          proxy: false,
          maxBodyLength: Infinity,
        });
        const status = response.status;
        if (status >= 200 && status < 300) return { value: undefined };
        const detail = this.scrub(
          String(response.data ?? '')
            .slice(0, 300)
            .replace(/\s+/g, ' ')
            .trim(),
        );
        const retry = retryReason(status, undefined);
        if (retry === undefined)
          throw new SinkError(`${this.name} answered HTTP ${status}${detail ? `: ${detail}` : ''}`);
        const afterMs =
          status === 429 || status === 503
            ? retryAfterMs(
                response.headers['retry-after'],
                this.options.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS,
              )
            : undefined;
        return {
          retry: detail ? `${retry}: ${detail}` : retry,
          ...(afterMs !== undefined && { afterMs }),
        };
      },
      (why, tried, network) =>
        new SinkError(
          this.scrub(
            network ? `${why} (gave up after ${tried})` : `${this.name} failed after ${tried}: ${why}`,
          ),
        ),
    );
    this.acknowledged += count;
  }

  async flush(): Promise<void> {
    await this.send();
    await this.inFlight;
    if (this.failure) throw this.failure;
    this.committedLines = this.acknowledged;
  }

  committed(): SinkPosition {
    return { kind: 'stream', lines: this.committedLines };
  }

  async truncateTo(position: SinkPosition): Promise<void> {
    if (position.kind !== 'stream') throw new SinkError(`${this.name}: the saved position is not a stream's`);
    // Lines sent after the checkpoint cannot be recalled: they are sent again (receivers drop repeats by id).
    this.acknowledged = this.committedLines = position.lines;
  }

  async close(): Promise<void> {
    await this.flush();
  }

  private scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }
}

/** The request body of a batch of lines (each ending in '\n'). */
export function bodyOf(body: HttpBody, text: string): string {
  if (body.kind === 'lines') return text;
  if (body.kind === 'bulk') {
    const action = `${body.action ?? '{"index":{}}'}\n`;
    return action + text.slice(0, -1).replaceAll('\n', `\n${action}`) + '\n';
  }
  // JSON text holds no raw newline, so the line ends are exactly the separators.
  const array = `[${text.slice(0, -1).replaceAll('\n', ',')}]`;
  return body.field === undefined ? array : `{${JSON.stringify(body.field)}:${array}}`;
}
