/**
 * Lines to stdout (or another stream). A reader that goes away (`| head`: EPIPE) ends the output quietly:
 * `closed` turns true, later lines are dropped, and the generator stops when it sees it. Backpressure: a
 * write waits for 'drain' only when the stream asks for it.
 */
import type { Writable } from 'node:stream';
import { SinkError } from './errors';
import type { LineSink, SinkPosition } from './types';

const CHUNK = 64 * 1024;

export function stdoutSink(stream: Writable = process.stdout, name = 'stdout'): LineSink {
  return new StreamSink(stream, name);
}

class StreamSink implements LineSink {
  readonly resumable = true;
  closed = false;
  private pending = '';
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
    this.pending += lines;
    for (let i = lines.indexOf('\n'); i !== -1; i = lines.indexOf('\n', i + 1)) this.lines++;
    return this.pending.length >= CHUNK ? this.push() : undefined;
  }

  private push(): Promise<void> | undefined {
    if (this.failure) throw new SinkError(`${this.name}: ${this.failure.message}`);
    const text = this.pending;
    this.pending = '';
    if (this.closed || text === '') return undefined;
    if (this.stream.write(text)) return undefined;
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
