/**
 * Streaming points into /api/v1/import: JSON lines of at most LINE_POINTS points, cut into requests of about
 * BATCH_BYTES, with one request in flight while the next is built.
 *
 * Lines are written as ASCII straight into the request's Buffer: building them as strings made millions of
 * short-lived strings, and the garbage collector then took most of the time.
 */
import { ascii, writeInt } from '../util/digits';
import type { VictoriaMetrics } from './client';
import type { Labels } from './labels';

const LINE_POINTS = 10_000;
const BATCH_BYTES = 4 << 20;
/** A comma, then the longest value (`-1.2345678901234567e-308`, 24) or timestamp in ms (17). */
const VALUE_MAX = 25;
const TIME_MAX = 18;

const OPEN = '{"metric":';
const VALUES = ',"values":[';
const TIMESTAMPS = '],"timestamps":[';
const CLOSE = ']}\n';

function writeValue(buf: Buffer, pos: number, x: number): number {
  // Whole values (counts, capacities) skip the number-to-string conversion; JSON reads either spelling.
  return Number.isSafeInteger(x) && !Object.is(x, -0) ? writeInt(buf, pos, x) : ascii(buf, pos, String(x));
}

function writeTime(buf: Buffer, pos: number, seconds: number): number {
  const ms = Math.round(seconds * 1000);
  return Number.isSafeInteger(ms) ? writeInt(buf, pos, ms) : ascii(buf, pos, String(ms));
}

export class ImportBatcher {
  private buf: Buffer;
  private pos = 0;
  private pending = 0;
  private inFlight: Promise<void> | undefined;
  /** Points handed to VictoriaMetrics so far. */
  sent = 0;

  constructor(
    private readonly client: VictoriaMetrics,
    private readonly onSent?: (points: number) => void,
    private readonly batchBytes = BATCH_BYTES,
  ) {
    this.buf = this.allocate(0);
  }

  /** Points [from, to) of one series; times in epoch seconds. */
  async add(
    labels: Labels,
    times: ArrayLike<number>,
    values: ArrayLike<number>,
    from = 0,
    to = times.length,
  ): Promise<void> {
    const metric = Buffer.from(JSON.stringify(labels));
    for (let a = from; a < to; a += LINE_POINTS) {
      const b = Math.min(a + LINE_POINTS, to);
      const room = OPEN.length + metric.length + VALUES.length + TIMESTAMPS.length + CLOSE.length;
      const need = room + (b - a) * (VALUE_MAX + TIME_MAX);
      if (this.pos + need > this.buf.length) {
        await this.send();
        if (need > this.buf.length) this.buf = this.allocate(need);
      }
      this.writeLine(metric, times, values, a, b);
      this.pending += b - a;
      if (this.pos >= this.batchBytes) await this.send();
    }
  }

  /** Sends what is left and waits until VictoriaMetrics has everything. */
  async finish(): Promise<void> {
    await this.send();
    await this.inFlight;
    this.inFlight = undefined;
  }

  private writeLine(
    metric: Buffer,
    times: ArrayLike<number>,
    values: ArrayLike<number>,
    a: number,
    b: number,
  ): void {
    const buf = this.buf;
    let pos = ascii(buf, this.pos, OPEN);
    pos += metric.copy(buf, pos);
    pos = ascii(buf, pos, VALUES);
    for (let i = a; i < b; i++) {
      if (i > a) buf[pos++] = 44; // ','
      pos = writeValue(buf, pos, values[i] as number);
    }
    pos = ascii(buf, pos, TIMESTAMPS);
    for (let i = a; i < b; i++) {
      if (i > a) buf[pos++] = 44;
      pos = writeTime(buf, pos, times[i] as number);
    }
    this.pos = ascii(buf, pos, CLOSE);
  }

  /** Room for a batch plus one full line, so a batch is cut after the line that crosses batchBytes. */
  private allocate(need: number): Buffer {
    const line = LINE_POINTS * (VALUE_MAX + TIME_MAX) + 4096;
    return Buffer.allocUnsafe(Math.max(need, this.batchBytes + line));
  }

  private async send(): Promise<void> {
    if (this.pos === 0) return;
    // The request keeps its bytes (a retry sends them again); the next batch gets a new buffer.
    const body = this.buf.subarray(0, this.pos);
    const points = this.pending;
    this.buf = this.allocate(0);
    this.pos = 0;
    this.pending = 0;
    await this.inFlight;
    this.inFlight = this.client.import(body).then(() => {
      this.sent += points;
      this.onSent?.(this.sent);
    });
    // A failure surfaces at the next await of inFlight; keep Node from calling it unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }
}
