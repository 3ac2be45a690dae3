/**
 * The byte buffers under the formats that render a record's values straight to bytes (NdjsonBytes,
 * PatternBytes): lines are written into a large chunk; a full chunk is set aside and handed to the
 * target at the next flush. Subclasses write into `buf` at `used` themselves (with the position in a local,
 * which is what makes them fast) after asking for `room`.
 */
import type { FieldValue } from './types';

/** Where the bytes go: a Buffer chunk at a time, in order (a stdout or file target). */
export interface ByteTarget {
  /** `chunk` is the target's from now on (never written to again); it ends `lines` lines. */
  write(chunk: Buffer, lines: number): void | Promise<void>;
  readonly closed: boolean;
}

/** What the run loop drives: one record's values in, whole chunks out. */
export interface ValuesBytes {
  /** One record: `values[i]` is field i of emitter `emitter`'s schema (undefined: missing). */
  write(values: readonly (FieldValue | undefined)[], emitter: number): void;
  /** A line made elsewhere (a header). */
  push(line: string): void;
  /** A chunk is ready: flush before writing much more. */
  readonly full: boolean;
  readonly closed: boolean;
  flush(): Promise<void>;
}

/** Bytes gathered before a write. */
export const CHUNK_BYTES = 1 << 18;
const FIRST_CHUNK_BYTES = 1 << 12;

export const latin1 = (text: string): Uint8Array => Buffer.from(text, 'latin1');

export class ByteChunks {
  /**
   * The first chunk is small. It fills within the first dozen records, before room() has a feedback
   * vector (V8 allocates one lazily), so NdjsonBytes.write is still compiled twice
   * (deopt: no feedback for setAside). A 16 or 32 KB first chunk compiles it once, but that later compile
   * costs as much background CPU as both (B1 -n 200000, measured): no gain, so it stays small.
   */
  protected buf = Buffer.allocUnsafe(FIRST_CHUNK_BYTES);
  /** `buf` seen four bytes at a time (see Words). */
  protected view = viewOf(this.buf);
  protected used = 0;
  private readonly done: Buffer[] = [];
  /** Lines ended in each chunk of `done`. */
  private readonly doneLines: number[] = [];
  /** Lines ended so far (each line's count goes up as its '\n' is written). */
  protected lines = 0;
  /** `lines` when the last chunk was set aside. */
  private linesBefore = 0;
  /** Lines handed to the target so far. */
  written = 0;

  constructor(private readonly target: ByteTarget) {}

  push(line: string): void {
    this.text(line);
    this.room(1);
    this.buf[this.used++] = 0x0a;
    this.lines++;
  }

  get full(): boolean {
    return this.done.length > 0;
  }

  get closed(): boolean {
    return this.target.closed;
  }

  async flush(): Promise<void> {
    if (this.target.closed) return;
    if (this.used > 0) {
      this.setAside();
      // A new buffer: the target keeps the old one.
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
      this.view = viewOf(this.buf);
    }
    if (this.done.length === 0) return;
    this.written = this.lines;
    const counts = this.doneLines.splice(0);
    const chunks = this.done.splice(0);
    for (let i = 0; i < chunks.length; i++) await this.target.write(chunks[i] as Buffer, counts[i] as number);
  }

  /** The bytes written so far become a chunk for the next flush. */
  private setAside(): void {
    this.done.push(this.buf.subarray(0, this.used));
    this.doneLines.push(this.lines - this.linesBefore);
    this.linesBefore = this.lines;
    this.used = 0;
  }

  protected copy(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    const p = this.used;
    if (n > 32) buf.set(bytes, p);
    else for (let i = 0; i < n; i++) buf[p + i] = bytes[i] as number;
    this.used = p + n;
  }

  /** Any text, as UTF-8. */
  protected text(s: string): void {
    this.room(s.length * 3);
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Room for `n` more bytes: a full buffer is set aside for the next flush and a new one begun. */
  protected room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    if (this.used > 0) this.setAside();
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.view = viewOf(this.buf);
    this.used = 0;
  }
}

const viewOf = (buf: Buffer): DataView => new DataView(buf.buffer, buf.byteOffset, buf.length);

/**
 * Fixed bytes (a JSON key, a pattern's literal text) as 32-bit words, for copying four bytes a write: a
 * byte-by-byte loop was most of the time of a JSON line. `bytes` and `words` share their memory (changing
 * a byte changes its word). The last word is padded, so writing them needs up to three bytes of room past
 * `length`; those are overwritten by what follows.
 */
export interface Words {
  readonly bytes: Uint8Array;
  readonly words: Uint32Array;
  readonly length: number;
}

/** Words are read in the machine's byte order (a Uint32Array's), so they are written back in it. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function wordsOf(bytes: Uint8Array): Words {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  return { bytes: padded, words: new Uint32Array(padded.buffer), length: bytes.length };
}

/** Writes `w` at `p` (room for w.length + 3 bytes is the caller's); returns the position after it. */
export function putWords(view: DataView, p: number, w: Words): number {
  const words = w.words;
  for (let i = 0; i < words.length; i++) view.setUint32(p + i * 4, words[i] as number, LITTLE_ENDIAN);
  return p + w.length;
}
