/**
 * Lines to stdout (or another stream). A reader that goes away (`| head`: EPIPE) ends the output quietly:
 * `closed` turns true, later lines are dropped, and the generator stops when it sees it. Backpressure: a
 * write waits for 'drain' only when the stream asks for it.
 */
import { fstatSync, writeSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { ByteBuffer } from './bytes';
import { SinkError } from './errors';
import type { GivenBytes, LineSink, SinkPosition } from './types';

/** Bytes gathered before a write (as before: a write per record would cost a system call each). */
const CHUNK = 256 * 1024;
const STDOUT_FD = 1;

/**
 * Without a stream, stdout: written directly (writeSync) when it is a file or a character device (a terminal,
 * /dev/null), as Node's process.stdout would write it anyway (synchronously, a blocking terminal included),
 * so that a short run need not load node:stream for it (~3 ms); pipes and sockets go through process.stdout.
 */
export function stdoutSink(stream?: Writable, name = 'stdout'): LineSink {
  return new StreamSink(stream ?? (writesDirectly() ? undefined : process.stdout), name);
}

function writesDirectly(): boolean {
  try {
    const stat = fstatSync(STDOUT_FD);
    return stat.isFile() || stat.isCharacterDevice();
  } catch {
    return false;
  }
}

class StreamSink implements LineSink {
  readonly resumable = true;
  closed = false;
  private readonly pending = new ByteBuffer(CHUNK);
  private lines = 0;
  private committedLines = 0;
  private failure: Error | undefined;
  /** Undefined while stdout is written directly. */
  private stream: Writable | undefined;

  constructor(
    stream: Writable | undefined,
    readonly name: string,
  ) {
    if (stream) this.attach(stream);
  }

  private attach(stream: Writable): Writable {
    this.stream = stream;
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure = err;
      stream.emit('drain');
    });
    return stream;
  }

  write(lines: string, _at: number): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.pending.append(lines);
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) this.lines++;
    return this.pending.length >= CHUNK ? this.push() : undefined;
  }

  writeLine(line: string, _at: number): Promise<void> | undefined {
    if (this.closed) return undefined;
    this.pending.appendLine(line);
    this.lines++;
    return this.pending.length >= CHUNK ? this.push() : undefined;
  }

  /**
   * Lines already encoded, after any pending text: copied (the caller may reuse its buffer) unless given
   * for good, when they are written as they are and their count is taken from the caller.
   */
  writeBytes(lines: Uint8Array, _at: number, given?: GivenBytes): Promise<void> | undefined {
    if (this.closed) return undefined;
    if (given) this.lines += given.lines;
    else for (let i = lines.indexOf(10); i !== -1; i = lines.indexOf(10, i + 1)) this.lines++;
    const before = this.push();
    if (this.closed) return undefined;
    return this.send([lines], given !== undefined) ?? before;
  }

  private push(): Promise<void> | undefined {
    if (this.failure) throw new SinkError(`${this.name}: ${this.failure.message}`);
    const chunks = this.pending.take();
    if (this.closed || chunks.length === 0) return undefined;
    return this.send(chunks, true);
  }

  /**
   * Writes `chunks` in order (a stream is given a copy of those not `owned`: the caller may reuse them); a
   * promise when the stream asks to wait for 'drain'.
   */
  private send(chunks: readonly Uint8Array[], owned: boolean): Promise<void> | undefined {
    let rest = chunks;
    let stream = this.stream;
    if (stream === undefined) {
      rest = writeDirectly(chunks);
      if (rest.length === 0) return undefined;
      // A direct write failed (EAGAIN: a terminal left non-blocking by another process; EIO, ENOSPC...):
      // process.stdout takes over from the failed byte on, and reports or waits as it always did.
      stream = this.attach(process.stdout);
    }
    let more = true;
    for (const chunk of rest) more = stream.write(owned ? chunk : Buffer.from(chunk));
    if (more) return undefined;
    const waiting = stream;
    return new Promise((resolve) => waiting.once('drain', resolve));
  }

  async flush(): Promise<void> {
    await this.push();
    this.committedLines = this.lines;
  }

  committed(): SinkPosition {
    return { kind: 'stream', lines: this.committedLines };
  }

  async truncateTo(position: SinkPosition): Promise<void> {
    if (position.kind !== 'stream') throw new SinkError(`${this.name}: the saved position is not a stream's`);
    // What followed the checkpoint on stdout cannot be taken back: it is written again (at least once).
    this.lines = this.committedLines = position.lines;
  }

  async close(): Promise<void> {
    await this.flush();
  }
}

/** Writes `chunks` to stdout until a write fails; returns what is left, from the first byte not written. */
function writeDirectly(chunks: readonly Uint8Array[]): readonly Uint8Array[] {
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Uint8Array;
    let done = 0;
    try {
      while (done < chunk.length) done += writeSync(STDOUT_FD, chunk, done);
    } catch {
      return [chunk.subarray(done), ...chunks.slice(i + 1)];
    }
  }
  return [];
}
