/**
 * A file's rows as CSV bytes, in order: slot by slot, device by device (sorted by sn), measurement by
 * measurement (sorted by name). Nothing is sorted and nothing grows with the file: rows go into one big buffer
 * that is handed to the sink whenever it is nearly full; each slot's times are formatted once.
 */
import { csvField } from './csv';
import { writeShortest } from './shortest';
import type { Device } from './inventory';
import type { DeviceModel } from './model';
import type { Measurement } from './measurements';
import { type FileSlot, fuzzRange, type Grid, TimeText } from './grid';
import { CellStream, type DeviceKey, Purpose } from './streams';

export interface ByteSink {
  /** The chunk's memory is reused once the returned promise settles: a sink that keeps bytes copies them. */
  write(chunk: Buffer): Promise<void>;
}

export const TELEMETRY_COLUMNS = [
  'sn',
  'model',
  'product_id',
  'location',
  'start_time',
  'end_time',
  'measurement_value',
  'unit',
  'name',
] as const;

export const columnsOf = (endOnly: boolean): readonly string[] =>
  endOnly ? TELEMETRY_COLUMNS.filter((c) => c !== 'start_time') : TELEMETRY_COLUMNS;

export interface RowsJob {
  readonly grid: Grid;
  readonly file: FileSlot;
  readonly devices: readonly Device[];
  readonly measurements: readonly Measurement[];
  readonly model: DeviceModel;
  readonly endOnly: boolean;
  /** Called after each slot with the rows written so far. */
  readonly onSlot?: (rows: number) => void;
}

const CHUNK = 4 << 20;

/**
 * Two chunk buffers, allocated once: one fills while the other is being written (the write runs on libuv's
 * threads), so making rows and writing them overlap, and no fresh memory is touched per chunk.
 */
class ChunkWriter {
  private readonly spare: Buffer[] = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  buf = this.spare[0] as Buffer;
  private pending: Promise<void> | undefined;
  private turn = 0;

  constructor(private readonly sink: ByteSink) {}

  /** Hands the first `length` bytes to the sink and returns the other buffer once its write is done. */
  async flush(length: number): Promise<Buffer> {
    if (this.pending) await this.pending;
    const full = this.buf.subarray(0, length);
    this.pending = this.sink.write(full);
    // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
    this.pending.catch(() => undefined);
    this.turn ^= 1;
    this.buf = this.spare[this.turn] as Buffer;
    return this.buf;
  }

  async end(length: number): Promise<void> {
    if (length > 0) await this.flush(length);
    if (this.pending) await this.pending;
  }
}

export async function writeCsvRows(sink: ByteSink, job: RowsJob): Promise<number> {
  const { grid, file, devices, measurements, model, endOnly } = job;
  // Everything but the number is bytes made once: per device, per slot (and fuzz shift), per measurement.
  const prefixes = devices.map((d) =>
    Buffer.from(`${[d.sn, d.model, d.productId, d.location].map(csvField).join(',')},`, 'utf8'),
  );
  const suffixes = measurements.map((m) => Buffer.from(`,${csvField(m.unit)},${csvField(m.name)}\n`, 'utf8'));
  const longest = Math.max(...prefixes.map((p) => p.length)) + Math.max(...suffixes.map((s) => s.length));
  // Two times and a number: far below 128 bytes.
  const limit = CHUNK - longest - 128;
  const out = new ChunkWriter(sink);
  let buf = out.buf;
  let off = buf.write(`${columnsOf(endOnly).join(',')}\n`, 0, 'latin1');
  const text = new TimeText();
  const fuzz = new CellStream();
  const values = new Float64Array(measurements.length);
  const decimals = Int32Array.from(measurements, (m) => m.decimals ?? -1);
  const m = measurements.length;
  let rows = 0;
  model.startFile();
  for (let k = 0; k < grid.slots; k++) {
    const t = file.base + k * grid.interval;
    model.startSlot(t);
    const { lo, hi } = fuzzRange(grid, k);
    const span = hi - lo + 1;
    // The times of this slot, per fuzz shift, formatted on first use.
    const times: (Buffer | undefined)[] = new Array(span);
    const timesAt = (shift: number): Buffer => {
      let b = times[shift - lo];
      if (b === undefined) {
        const start = t + shift;
        const end = text.format(start + grid.interval);
        b = Buffer.from(endOnly ? `${end},` : `${text.format(start)},${end},`, 'latin1');
        times[shift - lo] = b;
      }
      return b;
    };
    const fixed = timesAt(0);
    for (let d = 0; d < devices.length; d++) {
      model.compute(d, values);
      const slotBytes =
        span === 1
          ? fixed
          : timesAt(lo + fuzz.start(model.keys[d] as DeviceKey, t, Purpose.fuzz).randbelow(span));
      const prefix = prefixes[d] as Buffer;
      for (let i = 0; i < m; i++) {
        // TypedArray set: a plain memory copy, cheaper than Buffer#copy's argument handling for short rows.
        buf.set(prefix, off);
        off += prefix.length;
        buf.set(slotBytes, off);
        off += slotBytes.length;
        off = writeNumber(buf, off, values[i] as number, decimals[i] as number);
        const suffix = suffixes[i] as Buffer;
        buf.set(suffix, off);
        off += suffix.length;
        if (off > limit) {
          buf = await out.flush(off);
          off = 0;
        }
      }
    }
    rows += devices.length * m;
    job.onSlot?.(rows);
  }
  await out.end(off);
  return rows;
}

/**
 * A value as text: the shortest form that reads back as the same double, or, with `decimals` >= 0, rounded
 * to that many decimals and written with integer arithmetic (much faster than number formatting).
 */
export function writeNumber(buf: Buffer, off: number, v: number, decimals: number): number {
  if (decimals >= 0 && Math.abs(v) < 1e15 / 10 ** decimals) {
    const scale = POW10[decimals] as number;
    let n = Math.round(Math.abs(v) * scale);
    if (v < 0 && n !== 0) buf[off++] = 45; // '-'
    const whole = Math.floor(n / scale);
    n -= whole * scale;
    off = writeDigits(buf, off, whole);
    if (n !== 0) {
      let digits = decimals;
      while (n % 10 === 0) {
        n /= 10;
        digits--;
      }
      buf[off++] = 46; // '.'
      const end = off + digits;
      for (let p = end - 1; p >= off; p--) {
        buf[p] = 48 + (n % 10);
        n = Math.floor(n / 10);
      }
      off = end;
    }
    return off;
  }
  return writeShortest(buf, off, v);
}

/** The number the CSV text of `v` reads back as: what Parquet stores, so both formats hold the same values. */
export function roundedValue(v: number, decimals: number): number {
  if (v === 0) return 0; // CSV writes -0 as 0
  if (decimals >= 0 && Math.abs(v) < 1e15 / 10 ** decimals) {
    const scale = POW10[decimals] as number;
    const n = Math.round(Math.abs(v) * scale);
    return n === 0 ? 0 : (v < 0 ? -n : n) / scale;
  }
  return v;
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

function writeDigits(buf: Buffer, off: number, n: number): number {
  let len = 1;
  while (n >= (POW10[len] ?? Infinity)) len++;
  for (let p = off + len - 1; p >= off; p--) {
    buf[p] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
  return off + len;
}
