/**
 * VictoriaMetrics over HTTP: /api/v1/import (JSON lines), /api/v1/export (JSON lines, read as they arrive),
 * /api/v1/admin/tsdb/delete_series. The base URL is a single node (http://host:8428) or a
 * cluster's vminsert/vmselect path (http://vminsert:8480/insert/0/prometheus). 429, 5xx and network errors
 * retry with backoff; credentials in the URL are sent as basic auth and never printed.
 */
import axios, { type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { networkCode, readSmall, retryReason, withRetries, type RetryPolicy } from '../util/http';
import { baseUrl, endpoint, redactUrl, urlAuth } from '../util/url';
import { DatastoreError } from './errors';
import type { Labels } from './labels';

/** One line of /api/v1/export: a series (or a block of it) with millisecond timestamps. */
export interface ExportLine {
  readonly metric: Labels;
  readonly values: readonly number[];
  readonly timestamps: readonly number[];
}

export interface ClientOptions {
  readonly maxRetries?: number;
  /** First backoff, doubled per retry (tests make it small). */
  readonly backoffMs?: number;
  /** Told each retry, as a line for stderr. */
  readonly onRetry?: (line: string) => void;
}

/** A time range for reads, epoch seconds, both ends inclusive as the API takes them. */
export interface ReadRange {
  readonly start?: number;
  readonly end?: number;
}

export class VictoriaMetrics {
  readonly url: URL;
  /** The URL as it may be printed. */
  readonly where: string;
  private readonly policy: RetryPolicy;

  constructor(raw: string, what: string, opts: ClientOptions = {}) {
    this.url = baseUrl(raw, what);
    this.where = redactUrl(this.url);
    this.policy = {
      maxRetries: opts.maxRetries ?? 5,
      backoffMs: opts.backoffMs ?? 500,
      peer: { service: 'VictoriaMetrics', where: this.where },
      ...(opts.onRetry && { onRetry: opts.onRetry }),
    };
  }

  /**
   * Checks that the datastore answers at all (any HTTP reply will do: a cluster's vminsert path has no
   * /health), retrying like any request, so a command can stop before it writes anything.
   */
  async reachable(): Promise<void> {
    const url = endpoint(this.url, '/health');
    await withRetries(
      this.policy,
      async () => {
        const response = await axios.get(url, this.config('text'));
        if (response.status === 401 || response.status === 403)
          throw new DatastoreError(
            `${this.where} refused the request (HTTP ${response.status}): check the credentials in the URL`,
          );
        return { value: undefined };
      },
      (why, tried, network) =>
        new DatastoreError(
          network ? `${why} (gave up after ${tried})` : `${this.where} did not answer after ${tried}: ${why}`,
        ),
    );
  }

  /** Posts JSON lines; VictoriaMetrics answers 204 once it has them. */
  async import(body: Buffer | string): Promise<void> {
    await this.request('post', '/api/v1/import', body, 'application/json', 'text');
  }

  /** Makes imported points visible to reads at once (single node only; a cluster flushes on its own). */
  async flush(): Promise<void> {
    try {
      await axios.get(endpoint(this.url, '/internal/force_flush'), this.config('text'));
    } catch {
      // Not every deployment exposes it; the data still becomes searchable within a second or so.
    }
  }

  /** Calls `onLine` for every export line of the matching series, parsed as the reply streams in. */
  async export(
    match: readonly string[],
    range: ReadRange,
    onLine: (line: ExportLine) => void,
  ): Promise<void> {
    const form = this.form(match, range);
    const response = await this.request<Readable>('post', '/api/v1/export', form, FORM, 'stream');
    let rest = '';
    const take = (text: string): void => {
      if (text.trim() === '') return;
      let line: ExportLine;
      try {
        line = JSON.parse(text) as ExportLine;
      } catch {
        throw new DatastoreError(
          `${this.where}: /api/v1/export sent a line that is not JSON: ${text.slice(0, 120)}`,
        );
      }
      onLine(line);
    };
    try {
      for await (const chunk of response.data) {
        const text = rest + String(chunk);
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) take(line);
      }
    } catch (err) {
      if (err instanceof DatastoreError) throw err;
      throw new DatastoreError(`${this.where}: the export was cut off (${networkCode(err)})`);
    }
    take(rest);
  }

  async deleteSeries(match: readonly string[]): Promise<void> {
    await this.request('post', '/api/v1/admin/tsdb/delete_series', this.form(match, {}), FORM, 'text');
  }

  private form(match: readonly string[], range: ReadRange): string {
    const form = new URLSearchParams();
    for (const m of match) form.append('match[]', m);
    if (range.start !== undefined) form.set('start', String(range.start));
    if (range.end !== undefined) form.set('end', String(range.end));
    return form.toString();
  }

  private config(responseType: 'text' | 'stream') {
    const auth = urlAuth(this.url);
    return {
      responseType,
      ...(responseType === 'text' && { transformResponse: (data: string) => data }),
      ...(auth && { auth }),
      validateStatus: () => true,
      proxy: false as const,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
    };
  }

  private async request<T>(
    method: 'post',
    path: string,
    body: Buffer | string,
    contentType: string,
    responseType: 'text' | 'stream',
  ): Promise<AxiosResponse<T>> {
    const url = endpoint(this.url, path);
    return withRetries<AxiosResponse<T>>(
      this.policy,
      async () => {
        const response = await axios.request<T>({
          method,
          url,
          data: body,
          // Sent as given: axios would otherwise JSON-encode a string posted as application/json.
          transformRequest: (data: Buffer | string) => data,
          headers: { 'Content-Type': contentType },
          ...this.config(responseType),
        });
        const status = response.status;
        if (status >= 200 && status < 300) return { value: response };
        const detail =
          responseType === 'stream'
            ? await readSmall(response.data as Readable)
            : String(response.data).slice(0, 300).trim();
        if (status === 401 || status === 403)
          throw new DatastoreError(
            `${this.where} refused the request (HTTP ${status}): check the credentials in the URL`,
          );
        const retry = retryReason(status, undefined);
        if (retry === undefined)
          throw new DatastoreError(`${this.where}${path} answered HTTP ${status}: ${detail}`);
        return { retry: `${retry}: ${detail}` };
      },
      (why, tried, network) =>
        new DatastoreError(
          network ? `${why} (gave up after ${tried})` : `${this.where}${path} failed after ${tried}: ${why}`,
        ),
    );
  }
}

const FORM = 'application/x-www-form-urlencoded';
