/**
 * A file's rows as CSV bytes, in order: slot by slot, device by device (sorted by sn), measurement by
 * measurement (sorted by name). Nothing is sorted and nothing grows with the file: rows go into one big buffer
 * that is handed to the sink whenever it is nearly full; each slot's times are formatted once.
 */
import { csvField } from './csv';
import type { Device } from './inventory';
import type { DeviceModel } from './model';
import type { Measurement } from './measurements';
import { type FileSlot, fuzzRange, type Grid, TimeText } from './grid';
import { CellStream, type DeviceKey, Purpose } from './streams';

export interface ByteSink {
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

export async function writeCsvRows(sink: ByteSink, job: RowsJob): Promise<number> {
  const { grid, file, devices, measurements, model, endOnly } = job;
  const prefixes = devices.map((d) => `${[d.sn, d.model, d.productId, d.location].map(csvField).join(',')},`);
  const suffixes = measurements.map((m) => `,${csvField(m.unit)},${csvField(m.name)}\n`);
  const ascii = [...prefixes, ...suffixes].every((s) => Buffer.byteLength(s) === s.length);
  const encoding = ascii ? 'latin1' : 'utf8';
  const longest =
    Math.max(...prefixes.map((p) => Buffer.byteLength(p))) +
    Math.max(...suffixes.map((s) => Buffer.byteLength(s)));
  // Two times and a number: far below this.
  const limit = CHUNK - longest - 128;
  let buf = Buffer.allocUnsafe(CHUNK);
  let off = buf.write(`${columnsOf(endOnly).join(',')}\n`, 0, 'latin1');
  const flush = async () => {
    const full = buf.subarray(0, off);
    buf = Buffer.allocUnsafe(CHUNK);
    off = 0;
    await sink.write(full);
  };
  const text = new TimeText();
  const fuzz = new CellStream();
  const values = new Float64Array(measurements.length);
  const m = measurements.length;
  let rows = 0;
  model.startFile();
  for (let k = 0; k < grid.slots; k++) {
    const t = file.base + k * grid.interval;
    model.startSlot(t);
    const { lo, hi } = fuzzRange(grid, k);
    const span = hi - lo + 1;
    // The times of this slot, per fuzz offset, formatted on first use.
    const times: (string | undefined)[] = new Array(span);
    const timesAt = (shift: number): string => {
      let s = times[shift - lo];
      if (s === undefined) {
        const start = t + shift;
        const end = text.format(start + grid.interval);
        s = endOnly ? `${end},` : `${text.format(start)},${end},`;
        times[shift - lo] = s;
      }
      return s;
    };
    const fixed = span === 1 ? timesAt(0) : '';
    for (let d = 0; d < devices.length; d++) {
      model.compute(d, values);
      const slotText =
        span === 1
          ? fixed
          : timesAt(lo + fuzz.start(model.keys[d] as DeviceKey, t, Purpose.fuzz).randbelow(span));
      const head = (prefixes[d] as string) + slotText;
      for (let i = 0; i < m; i++) {
        off += buf.write(head + String(values[i]) + (suffixes[i] as string), off, encoding);
        if (off > limit) await flush();
      }
    }
    rows += devices.length * m;
    job.onSlot?.(rows);
  }
  if (off > 0) await flush();
  return rows;
}
