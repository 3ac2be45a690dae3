/**
 * Records of a simulation step to a sink. The simulation hands lines over synchronously, one by one; a sink
 * that wants the producer to wait (a full pipe, an http batch in flight) returns a promise, which the run
 * loop awaits between steps. Sinks keep their first failure and throw it again, so none is lost.
 */
import type { ByteTarget, ValuesBytes } from '../records/formats/byte-chunks';
import type { LineSink } from '../records/sinks/types';

const ignore = (): void => undefined;

export class RecordWriter {
  private wait: Promise<void> | undefined;

  constructor(private readonly sink: LineSink) {}

  push(line: string, atMs: number): void {
    const wait = this.sink.writeLine ? this.sink.writeLine(line, atMs) : this.sink.write(`${line}\n`, atMs);
    if (wait !== undefined) {
      // Awaited in settle(); until then a rejection must not count as unhandled.
      wait.catch(ignore);
      this.wait = wait;
    }
  }

  get waiting(): boolean {
    return this.wait !== undefined;
  }

  /** Waits for what the sink asked (waits chain: the last one resolves after those before). */
  async settle(): Promise<void> {
    const wait = this.wait;
    this.wait = undefined;
    if (wait !== undefined) await wait;
  }
}

/**
 * Records rendered from their values straight into byte chunks (NdjsonBytes, PatternBytes), handed to a
 * sink that takes bytes. Same surface as RecordWriter for the run loop: `waiting` when a chunk is full.
 */
export class BytesRecordWriter {
  /** The renderer: the simulation hands it each record's values (one call less per record than write()). */
  readonly bytes: ValuesBytes;

  constructor(sink: LineSink, atMs: number, render: (target: ByteTarget) => ValuesBytes) {
    const writeBytes = sink.writeBytes?.bind(sink);
    if (writeBytes === undefined) throw new Error(`${sink.name}: this sink takes no bytes`);
    this.bytes = render({
      write: (chunk, lines) => writeBytes(chunk, atMs, { lines }),
      get closed() {
        return sink.closed;
      },
    });
  }

  push(line: string, _atMs: number): void {
    this.bytes.push(line);
  }

  get waiting(): boolean {
    return this.bytes.full;
  }

  async settle(): Promise<void> {
    await this.bytes.flush();
  }
}
