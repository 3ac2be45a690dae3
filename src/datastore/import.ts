/**
 * Streaming points into /api/v1/import: JSON lines of at most LINE_POINTS points, cut into requests of about
 * BATCH_BYTES, with one request in flight while the next is built.
 */
import type { VictoriaMetrics } from './client';
import type { Labels } from './labels';

const LINE_POINTS = 10_000;
const BATCH_BYTES = 4 << 20;

export class ImportBatcher {
  private parts: string[] = [];
  private bytes = 0;
  private inFlight: Promise<void> | undefined;
  /** Points handed to VictoriaMetrics so far. */
  sent = 0;

  constructor(
    private readonly client: VictoriaMetrics,
    private readonly onSent?: (points: number) => void,
    private readonly batchBytes = BATCH_BYTES,
  ) {}

  /** Points [from, to) of one series; times in epoch seconds. */
  async add(
    labels: Labels,
    times: ArrayLike<number>,
    values: ArrayLike<number>,
    from = 0,
    to = times.length,
  ): Promise<void> {
    const metric = JSON.stringify(labels);
    for (let a = from; a < to; a += LINE_POINTS) {
      const b = Math.min(a + LINE_POINTS, to);
      let vs = '';
      let ts = '';
      for (let i = a; i < b; i++) {
        const sep = i === a ? '' : ',';
        vs += sep + String(values[i]);
        ts += sep + String(Math.round((times[i] as number) * 1000));
      }
      const line = `{"metric":${metric},"values":[${vs}],"timestamps":[${ts}]}\n`;
      this.parts.push(line);
      this.bytes += line.length;
      this.pending += b - a;
      if (this.bytes >= this.batchBytes) await this.send();
    }
  }

  /** Sends what is left and waits until VictoriaMetrics has everything. */
  async finish(): Promise<void> {
    await this.send();
    await this.inFlight;
    this.inFlight = undefined;
  }

  private pending = 0;

  private async send(): Promise<void> {
    if (this.parts.length === 0) return;
    const body = this.parts.join('');
    const points = this.pending;
    this.parts = [];
    this.bytes = 0;
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
