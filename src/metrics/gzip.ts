/**
 * Gzip on every core: text is cut into fixed-size chunks, each compressed as its own gzip member on libuv's
 * thread pool, and the members are written in order. Concatenated members are valid gzip (RFC 1952) and every
 * reader we care about (zlib, Python's gzip, gunzip) reads them whole. Chunks are cut by size only, never by
 * timing, so the same input always gives the same bytes.
 */
import { gzip, constants } from 'node:zlib';

/** Pieces up to SHORT chars are copied char by char; the chunk always has SLACK bytes of room past its size. */
const SHORT = 256;
const SLACK = 4 * SHORT;

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
  /** The chunk being filled: text is copied in at once, so the small strings die young (cheap to collect). */
  private chunk: Buffer;
  private pos = 0;
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
    this.chunk = Buffer.allocUnsafe(this.chunkChars + SLACK);
  }

  /** Appends text. Synchronous and cheap; call `drain()` when `congested` to bound memory. */
  write(text: string): void {
    const n = text.length;
    if (n <= SHORT) {
      const buf = this.chunk;
      let pos = this.pos;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) {
          // Not ASCII: let Buffer encode the whole piece as UTF-8.
          pos = this.pos + buf.write(text, this.pos, 'utf8');
          break;
        }
        buf[pos++] = c;
      }
      this.pos = pos;
    } else if (Buffer.byteLength(text, 'utf8') <= this.chunk.length - this.pos) {
      this.pos += this.chunk.write(text, this.pos, 'utf8');
    } else {
      // Larger than the room left: finish this chunk and give the text chunks of its own.
      const bytes = Buffer.from(text, 'utf8');
      for (let off = 0; off < bytes.length; off += this.chunkChars) {
        const piece = bytes.subarray(off, off + this.chunkChars);
        piece.copy(this.chunk, this.pos);
        this.pos += piece.length;
        if (this.pos >= this.chunkChars) this.flushChunk();
      }
    }
    if (this.pos >= this.chunkChars) this.flushChunk();
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
    if (this.pos > 0) this.flushChunk();
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }

  private flushChunk(): void {
    const input = this.chunk.subarray(0, this.pos);
    this.chunk = Buffer.allocUnsafe(this.chunkChars + SLACK);
    this.pos = 0;
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
