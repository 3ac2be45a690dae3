/**
 * Text gathered as UTF-8 bytes: each piece is encoded into a preallocated buffer the moment it arrives, so
 * the short-lived line strings die young (cheap for the garbage collector) instead of living on in a long
 * chain of joined strings until the next write; the byte count is exact (size rotation needs it).
 */

/** UTF-8 needs at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

export class ByteBuffer {
  private buf: Buffer;
  private used = 0;
  private readonly done: Buffer[] = [];
  /** Bytes gathered since the last take(). */
  length = 0;

  constructor(private readonly chunkBytes = 1 << 18) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  /** Encodes `text`; returns its length in bytes. */
  append(text: string): number {
    const room = text.length * MAX_BYTES_PER_UNIT;
    if (this.used + room > this.buf.length) {
      if (this.used > 0) this.done.push(this.buf.subarray(0, this.used));
      this.buf = Buffer.allocUnsafe(Math.max(this.chunkBytes, room));
      this.used = 0;
    }
    const n = this.buf.write(text, this.used, 'utf8');
    this.used += n;
    this.length += n;
    return n;
  }

  /** Encodes `line` and a '\n' after it, without joining them into another string first. */
  appendLine(line: string): void {
    this.append(line);
    if (this.used === this.buf.length) {
      this.done.push(this.buf);
      this.buf = Buffer.allocUnsafe(this.chunkBytes);
      this.used = 0;
    }
    this.buf[this.used++] = 10;
    this.length++;
  }

  /** The bytes gathered, as chunks in order; the buffer starts empty again. */
  take(): Buffer[] {
    if (this.used > 0) {
      this.done.push(this.buf.subarray(0, this.used));
      // A new buffer: an asynchronous writer may still hold the old one.
      this.buf = Buffer.allocUnsafe(this.chunkBytes);
      this.used = 0;
    }
    this.length = 0;
    return this.done.splice(0);
  }

  /** Forgets what was gathered. */
  clear(): void {
    this.take();
  }
}
