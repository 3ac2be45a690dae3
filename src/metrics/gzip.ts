/**
 * Gzip on every core: text is cut into fixed-size chunks, each compressed as its own gzip member on libuv's
 * thread pool, and the members are written in order. Concatenated members are valid gzip (RFC 1952) and every
 * reader we care about (zlib, Python's gzip, gunzip) reads them whole. Chunks are cut by size only, never by
 * timing, so the same input always gives the same bytes.
 */
import { gzip, constants } from 'node:zlib';

export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

export interface ParallelGzipOptions {
  readonly level?: number;
  /** Uncompressed bytes per member: large enough that the lost dictionary costs little, small enough to overlap. */
  readonly chunkBytes?: number;
  /** Members being compressed or waiting to be written; bounds memory to about this many chunks. */
  readonly maxInFlight?: number;
}

export class ParallelGzip {
  private readonly level: number;
  private readonly chunkChars: number;
  private readonly maxInFlight: number;
  private pending: string[] = [];
  private pendingChars = 0;
  private inFlight = 0;
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly sink: ByteSink,
    options: ParallelGzipOptions = {},
  ) {
    this.level = options.level ?? constants.Z_DEFAULT_COMPRESSION;
    this.chunkChars = options.chunkBytes ?? 1 << 20;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  /** Appends text. Synchronous and cheap; call `drain()` when `congested` to bound memory. */
  write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= this.chunkChars) this.flushChunk();
  }

  get congested(): boolean {
    return this.inFlight >= this.maxInFlight;
  }

  async drain(): Promise<void> {
    while (this.inFlight >= this.maxInFlight && this.failure === undefined) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  async end(): Promise<void> {
    if (this.pendingChars > 0) this.flushChunk();
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }

  private flushChunk(): void {
    const input = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingChars = 0;
    this.inFlight++;
    const compressed = new Promise<Buffer>((resolve, reject) =>
      gzip(input, { level: this.level }, (err, out) => (err ? reject(err) : resolve(out))),
    );
    // Members compress in parallel but are written strictly in order.
    this.tail = this.tail
      .then(() => compressed)
      .then((out) => this.sink.write(out))
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        this.inFlight--;
        this.waiters.splice(0).forEach((wake) => wake());
      });
  }
}
