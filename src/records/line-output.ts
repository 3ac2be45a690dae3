/**
 * Lines out, in batches: records are joined into one chunk and handed to the target when the chunk is big
 * enough (or at each pause of a live run), not one write per record.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { AtomicFile } from '../metrics/atomic';

export interface TextTarget {
  write(text: string): void | Promise<void>;
  /** Ends the output: `ok` false drops what an atomic target holds. */
  close(ok: boolean): Promise<void>;
  /** True once the reader went away (a closed pipe): stop producing. */
  readonly closed: boolean;
}

/** Bytes (roughly: UTF-16 units) gathered before a write. */
export const FLUSH_AT = 1 << 16;

export class LineBuffer {
  private chunk = '';
  private lines = 0;
  /** Lines handed to the target so far. */
  written = 0;

  constructor(private readonly target: TextTarget) {}

  push(line: string): void {
    this.chunk += `${line}\n`;
    this.lines++;
  }

  get full(): boolean {
    return this.chunk.length >= FLUSH_AT;
  }

  get closed(): boolean {
    return this.target.closed;
  }

  async flush(): Promise<void> {
    if (this.chunk === '' || this.target.closed) return;
    const text = this.chunk;
    this.chunk = '';
    this.written += this.lines;
    this.lines = 0;
    await this.target.write(text);
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
    write(text) {
      if (!closed) stream.write(text);
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
    write: (text) => file.write(Buffer.from(text, 'utf8')),
    close: (ok) => (ok ? file.commit() : file.abort()),
  };
}

/** A file written as records come (unbounded and live runs: readers may follow it). */
export function streamingFileTarget(path: string): TextTarget {
  const fd = openSync(path, 'w');
  return {
    closed: false,
    write: (text) => {
      writeSync(fd, text);
    },
    close: async () => closeSync(fd),
  };
}
