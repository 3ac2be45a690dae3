/**
 * Where generated records go, one line each: stdout, append-only files (rotated by day, hour or size) and
 * HTTP endpoints. Every sink reports a committed position after a flush; a checkpoint saves it with the
 * generator's state, and a resume cuts the output back to it, so outputs and state always move together.
 */
import type { RetryOptions } from '../../util/http';

/**
 * Where an output stands after a flush, as saved in a checkpoint (plain JSON).
 * - `file`: the file being written (its name inside the sink's folder, null before the first line) and its
 *   length in bytes; files of the same sink that sort after it were begun later and are removed on resume.
 * - `stream`: lines handed over (stdout) or acknowledged by the server (http). A stream cannot be taken back:
 *   resumed runs send again what followed it (at least once; records carry ids for receivers to drop repeats).
 */
export type SinkPosition =
  | { readonly kind: 'file'; readonly file: string | null; readonly bytes: number }
  | { readonly kind: 'stream'; readonly lines: number };

export interface LineSink {
  /** How messages name this output: a file path, 'stdout', a URL without credentials. */
  readonly name: string;
  /** False for outputs that cannot be cut back (gzip files): `committed()` then throws. */
  readonly resumable: boolean;
  /** True once the reader went away (stdout closed by `| head`): further lines are dropped; stop quietly. */
  readonly closed: boolean;
  /**
   * Appends whole lines (text ending in '\n', one or more) stamped at `at`, ms since the epoch (UTC), which
   * picks the file of a daily or hourly rotation. Lines of one call must fall in one rotation period.
   * Returns a promise only when the caller must wait (a full buffer, a batch in flight); otherwise undefined,
   * so that a hot loop allocates nothing: `const wait = sink.write(line, t); if (wait) await wait;`.
   */
  write(lines: string, at: number): Promise<void> | undefined;
  /**
   * Optional, the same as `write` for lines already encoded as UTF-8 (a generator that formats into a reused
   * buffer): the bytes are written or copied before it returns, so the caller may overwrite them afterwards
   * unless it passes `given`: then it hands them over for good (the sink may keep them without a copy) and
   * says how many lines they end, so the sink need not count them.
   */
  writeBytes?(lines: Uint8Array, at: number, given?: GivenBytes): Promise<void> | undefined;
  /** One line without its '\n' (added by the sink): `write` without building `line + '\n'` per record. */
  writeLine?(line: string, at: number): Promise<void> | undefined;
  /** Pushes out everything written so far: file bytes written and fsynced, http batches acknowledged. */
  flush(): Promise<void>;
  /** The position after the last flush (what a checkpoint saves). */
  committed(): SinkPosition;
  /**
   * Before the first write of a resumed run: cut the output back to a saved position (a file truncated to its
   * committed length, files begun after it removed; a stream's count restored). Refuses a position of another
   * kind, or a file shorter than its committed length (changed since the checkpoint).
   */
  truncateTo(position: SinkPosition): Promise<void>;
  /** Flushes and releases the output. */
  close(): Promise<void>;
  /**
   * Releases the output of a failed run without finishing it: a file being written under a temp name is
   * removed. Outputs that hold nothing back need not have it.
   */
  abort?(): Promise<void>;
}

/** When a file sink begins a new file. Names: `logs.csv` -> `logs-2024-01-31.csv`, `logs-2024-01-31T13.csv`, `logs-000001.csv`. */
export type Rotation =
  | { readonly kind: 'none' }
  | { readonly kind: 'daily' }
  | { readonly kind: 'hourly' }
  | { readonly kind: 'size'; readonly maxBytes: number };

/**
 * How a file sink opens its files: `append` continues them (resumable runs), `truncate` begins each one empty
 * and writes it in place, `replace` writes each one under a temp name and renames it into place when finished.
 */
export type FileMode = 'append' | 'truncate' | 'replace';

export interface FileSinkOptions {
  /** Default `append`; only `append` files are resumable. */
  readonly mode?: FileMode;
  /** The output file; with rotation, the pattern its names derive from. A `.gz` path is gzip-compressed. */
  readonly path: string;
  readonly rotation?: Rotation;
  /** Written at the start of every new file (a CSV header line, ending in '\n'). */
  readonly header?: string;
  /** Bytes buffered before a write is awaited (default 1 MiB). */
  readonly bufferBytes?: number;
  /**
   * `append` files only: writes, fsyncs and closes go through libuv's thread pool, one at a time, while the
   * caller goes on (it is asked to wait while a batch is still pending); a flush still commits only fsynced bytes.
   */
  readonly background?: boolean;
}

/** How a batch of lines becomes a request body. */
export type HttpBody =
  /** The lines as they are, newline-delimited (ClickHouse JSONEachRow, Splunk HEC, Elasticsearch _bulk). */
  | { readonly kind: 'lines' }
  /** Each line is a JSON value: `[l1,l2]`, or `{"<field>":[l1,l2]}` with a field (benshi's `{"data": [...]}`). */
  | { readonly kind: 'json-array'; readonly field?: string }
  /** Elasticsearch `_bulk`: an action line (default `{"index":{}}`) before each line. */
  | { readonly kind: 'bulk'; readonly action?: string };

export interface HttpSinkOptions {
  /** POSTed to; credentials in it are used, never printed. */
  readonly url: string;
  readonly body: HttpBody;
  /** Sent with every batch (Content-Type, a ClickHouse query...). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `Authorization: Bearer <token>`; never printed (nor echoed from a reply). */
  readonly bearerToken?: string;
  /** Lines per batch (default 5,000) and bytes per batch (default 4 MiB), whichever is reached first. */
  readonly batchLines?: number;
  readonly batchBytes?: number;
  /** Retries on 429, 5xx and network errors with backoff (default 8), then one line naming the URL. */
  readonly maxRetries?: number;
  /** What a command shows of retries (src/cli/retries.ts's retryOptions). */
  readonly retry?: RetryOptions;
  /** Per-request timeout in ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Longest wait a `Retry-After` on 429/503 may ask for, in ms (default 60 s); longer asks wait this long. */
  readonly maxRetryAfterMs?: number;
  /** More text never to print (values the config took from the environment): blanked from every message. */
  readonly secrets?: readonly string[];
}

/** Bytes a caller gives a sink for good (LineSink.writeBytes): it never writes to them again. */
export interface GivenBytes {
  /** How many '\n' the bytes hold. */
  readonly lines: number;
}
