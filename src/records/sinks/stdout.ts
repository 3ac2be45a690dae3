/**
 * Lines to stdout (or another stream). A reader that goes away (`| head`: EPIPE) ends the output quietly:
 * `closed` turns true, later lines are dropped, and the generator stops when it sees it. Backpressure: a
 * write waits for 'drain' only when the stream asks for it.
 */
import type { Writable } from 'node:stream';
import { ByteBuffer } from './bytes';
import { SinkError } from './errors';
import type { GivenBytes, LineSink, SinkPosition } from './types';

/** Bytes gathered before a write (as before: a write per record would cost a system call each). */
const CHUNK = 256 * 1024;

export function stdoutSink(stream: Writable = process.stdout, name = 'stdout'): LineSink {
  return new StreamSink(stream, name);
}

class StreamSink implements LineSink {
  readonly resumable = true;
  closed = false;
  private readonly pending = new ByteBuffer(CHUNK);
  private lines = 0;
  private committedLines = 0;
  private failure: Error | undefined;

  constructor(
    private readonly stream: Writable,
    readonly name: string,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure = err;
      this.stream.emit('drain');
    });
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
    if (this.stream.write(given ? lines : Buffer.from(lines))) return before;
    return new Promise((resolve) => this.stream.once('drain', resolve));
  }

  private push(): Promise<void> | undefined {
    if (this.failure) throw new SinkError(`${this.name}: ${this.failure.message}`);
    const chunks = this.pending.take();
    if (this.closed || chunks.length === 0) return undefined;
    let more = true;
    for (const chunk of chunks) more = this.stream.write(chunk);
    if (more) return undefined;
    return new Promise((resolve) => this.stream.once('drain', resolve));
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
