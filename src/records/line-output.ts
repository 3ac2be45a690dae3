/**
 * Lines out, in batches: records are joined into one chunk and handed to the target when the chunk is big
 * enough (or at each pause of a live run), not one write per record.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { AtomicFile } from '../metrics/atomic';

export interface TextTarget {
  write(chunk: Buffer): void | Promise<void>;
  /** Ends the output: `ok` false drops what an atomic target holds. */
  close(ok: boolean): Promise<void>;
  /** True once the reader went away (a closed pipe): stop producing. */
  readonly closed: boolean;
}

/** Bytes gathered before a write. */
export const FLUSH_AT = 1 << 18;
/** UTF-8 needs at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * Each line is encoded into a byte buffer as soon as it is made: the line's text dies young (cheap for the
 * garbage collector), instead of living in a long chain of joined strings until the next write.
 */
export class LineBuffer {
  private buf = Buffer.allocUnsafe(FLUSH_AT);
  private used = 0;
  private readonly done: Buffer[] = [];
  private lines = 0;
  /** Lines handed to the target so far. */
  written = 0;

  constructor(private readonly target: TextTarget) {}

  push(line: string): void {
    const room = line.length * MAX_BYTES_PER_UNIT + 1;
    if (this.used + room > this.buf.length) {
      if (this.used > 0) this.done.push(this.buf.subarray(0, this.used));
      this.buf = Buffer.allocUnsafe(Math.max(FLUSH_AT, room));
      this.used = 0;
    }
    this.used += this.buf.write(line, this.used, 'utf8');
    this.buf[this.used++] = 10;
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
      this.done.push(this.buf.subarray(0, this.used));
      // A new buffer: the target may still hold the old one (asynchronous writes).
      this.buf = Buffer.allocUnsafe(FLUSH_AT);
      this.used = 0;
    }
    if (this.done.length === 0) return;
    this.written += this.lines;
    this.lines = 0;
    // One write per buffer: joining them would copy every byte once more.
    for (const chunk of this.done.splice(0)) await this.target.write(chunk);
  }
}

/**
 * stdout. Node writes to pipes and files synchronously on Linux, so a slow reader slows the run instead of
 * filling memory. A reader that leaves (`| head`) ends the output quietly.
 */
export function stdoutTarget(stream: NodeJS.WriteStream = process.stdout): TextTarget {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return {
    get closed() {
      return closed;
    },
    write(chunk) {
      if (!closed) stream.write(chunk);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed || stream.writableLength === 0) resolve();
        else stream.once('drain', resolve).once('error', () => resolve());
      }),
  };
}

/** A file replaced atomically when the run ends well (bounded runs): a failed run leaves the old file. */
export async function atomicFileTarget(path: string): Promise<TextTarget> {
  const file = await AtomicFile.create(path);
  return {
    closed: false,
    write: (chunk) => file.write(chunk),
    close: (ok) => (ok ? file.commit() : file.abort()),
  };
}

/** A file written as records come (unbounded and live runs: readers may follow it). */
export function streamingFileTarget(path: string): TextTarget {
  const fd = openSync(path, 'w');
  return {
    closed: false,
    write: (chunk) => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off);
    },
    close: async () => closeSync(fd),
  };
}
