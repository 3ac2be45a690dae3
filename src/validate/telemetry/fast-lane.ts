/**
 * The fast lane of `validate telemetry`: reads a row in generate-telemetry's layout straight from the chunk's
 * bytes, making no string, and accepts it only when every row check would pass. Anything else (a quote, an
 * unknown serial, a value near a bound, an exponent, CRLF, a row cut by the chunk's end...) is handed back
 * (-1) to the CSV scanner and the general row checks, which report it with their exact messages.
 *
 * Why it is fast: a row's first four fields are compared with the device's inventory record 4 bytes at a
 * time (the device is most often the previous row's or the next one in the inventory); the two times are
 * compared with the last clean pair (every row of a slot shares them) and parsed only when they change;
 * the value is parsed from its digits; `unit,name\n` is compared with the expected measurement's bytes.
 */
import type { TelemetryContract } from '../contract';
import { START } from './header';
import type { Inventory } from './inventory';
import type { TelemetryRows } from './rows';

const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Longest sn and value (in bytes) the fast lane reads; longer ones go to the general path. */
const MAX_FIELD = 64;

/** Are a[ai, ai+n) and b[bi, bi+n) the same bytes? (Unaligned 4-byte loads: V8 inlines DataView reads.) */
function same(a: DataView, ai: number, b: DataView, bi: number, n: number): boolean {
  let k = 0;
  for (; k + 4 <= n; k += 4) if (a.getInt32(ai + k, true) !== b.getInt32(bi + k, true)) return false;
  for (; k < n; k++) if (a.getUint8(ai + k) !== b.getUint8(bi + k)) return false;
  return true;
}

const plainText = (s: string) => s !== '' && !/[",\r\n]/.test(s);

export class FastLane {
  /** The contract allows the fast lane at all (plain measurement names and units, a time format without commas). */
  private readonly usable: boolean;
  private readonly inventoryBytes: DataView;
  /** `unit,name\n` of each measurement, one after the other. */
  private readonly tails: DataView;
  private readonly tailStart: Int32Array;
  private readonly tailLength: Int32Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly timeWidth: number;
  /** The last clean `start,end,` (or `end,`) bytes, and their slot. */
  private readonly times = new Uint8Array(256);
  private readonly timesView = new DataView(this.times.buffer);
  private timesLength = -1;
  private timesSlot = 0;
  private hasStart = true;
  private lastMeasurement = -1;

  constructor(
    private readonly contract: TelemetryContract,
    private readonly inventory: Inventory,
    private readonly rows: TelemetryRows,
  ) {
    const ms = contract.measurements;
    this.usable =
      ms.every((m) => plainText(m.name) && plainText(m.unit)) &&
      !/[",\r\n]/.test(contract.timeFormat.pattern) &&
      2 * contract.timeFormat.width + 2 <= this.times.length;
    const tails = ms.map((m) => Buffer.from(`${m.unit},${m.name}\n`, 'utf8'));
    const all = Buffer.concat(tails);
    this.tails = new DataView(all.buffer, all.byteOffset, all.length);
    this.tailLength = Int32Array.from(tails, (t) => t.length);
    this.tailStart = new Int32Array(ms.length);
    for (let i = 1; i < ms.length; i++)
      this.tailStart[i] = (this.tailStart[i - 1] as number) + (this.tailLength[i - 1] as number);
    this.min = Float64Array.from(ms, (m) => m.min);
    this.max = Float64Array.from(ms, (m) => m.max);
    this.timeWidth = contract.timeFormat.width;
    const inv = inventory.bytes;
    this.inventoryBytes = new DataView(inv.buffer, inv.byteOffset, inv.length);
  }

  /** The current file's header has been read: may its rows take the fast lane? */
  begin(): boolean {
    const layout = this.rows.layout;
    this.timesLength = -1;
    this.lastMeasurement = -1;
    this.hasStart = layout !== undefined && layout.col[START] !== -1;
    return this.usable && layout !== undefined && layout.generated && this.rows.quoting !== 'all';
  }

  /** Reads the clean row at buf[p, ...) and returns where the next row starts, or -1 to leave it to the general path. */
  row(buf: Buffer, view: DataView, p: number, limit: number): number {
    const rows = this.rows;
    const tally = rows.tally;
    if (rows.base === undefined || tally === undefined) return -1;
    const inventory = this.inventory;

    // sn, model, product_id, location: the previous row's device, the next one, or the sn looked up.
    let d = rows.lastDevice;
    let q = d >= 0 ? this.record(d, buf, view, p, limit) : -1;
    if (q < 0 && d + 1 < inventory.size) q = this.record(++d, buf, view, p, limit);
    if (q < 0) {
      const stop = Math.min(limit, p + MAX_FIELD);
      let i = p;
      while (i < stop && buf[i] !== COMMA) i++;
      if (i === stop) return -1;
      d = inventory.find(buf, p, i);
      if (d < 0) return -1;
      q = this.record(d, buf, view, p, limit);
      if (q < 0) return -1;
    }

    // start_time, end_time: the last clean pair again, or parsed and judged on the grid.
    const seg = this.hasStart ? 2 * this.timeWidth + 2 : this.timeWidth + 1;
    if (q + seg > limit) return -1;
    let k: number;
    if (seg === this.timesLength && same(view, q, this.timesView, 0, seg)) k = this.timesSlot;
    else {
      k = this.slotOf(buf, q, rows.base);
      if (k < 0) return -1;
      this.times.set(buf.subarray(q, q + seg));
      this.timesLength = seg;
      this.timesSlot = k;
    }

    // measurement_value: [-]digits[.digits], as approxNumber reads it.
    let j = q + seg;
    let negative = false;
    if (buf[j] === MINUS) {
      negative = true;
      j++;
    }
    const stop = Math.min(limit, j + MAX_FIELD);
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    while (j < stop) {
      const c = (buf[j] as number) - 48;
      if (c < 0 || c > 9) break;
      mantissa = mantissa * 10 + c;
      digits++;
      j++;
    }
    if (j < stop && buf[j] === DOT) {
      j++;
      while (j < stop) {
        const c = (buf[j] as number) - 48;
        if (c < 0 || c > 9) break;
        mantissa = mantissa * 10 + c;
        digits++;
        scale--;
        j++;
      }
    }
    if (digits === 0 || j >= stop || buf[j] !== COMMA || scale < -22) return -1;
    let v = scale === 0 ? mantissa : mantissa / (POW10[-scale] as number);
    if (negative) v = -v;

    // unit, name: the measurement after the previous row's, or any of them.
    const t0 = j + 1;
    const count = this.tailLength.length;
    let m = this.lastMeasurement + 1 < count ? this.lastMeasurement + 1 : 0;
    let next = this.tail(m, view, t0, limit);
    for (let i = 0; next < 0 && i < count; i++) next = this.tail((m = i), view, t0, limit);
    if (next < 0) return -1;

    // ranges (near a bound the general path decides with the exact value)
    const min = this.min[m] as number;
    const max = this.max[m] as number;
    const near = 1e-9 * Math.max(1, Math.abs(v));
    if (v < min || v > max || Math.abs(v - min) <= near || Math.abs(v - max) <= near) return -1;

    // order, uniqueness, completeness
    const order = rows.order;
    if (!order.inOrder(k, d, m)) return -1;
    const seen = tally.seen;
    if (seen !== undefined) {
      const bit = (d * rows.slots + k) * count + m;
      const byte = bit >>> 3;
      const mask = 1 << (bit & 7);
      if ((seen[byte] as number) & mask) return -1;
      seen[byte] = (seen[byte] as number) | mask;
    }
    tally.devices[d >> 3] = (tally.devices[d >> 3] as number) | (1 << (d & 7));
    order.advance(k, d, m);
    rows.lastDevice = d;
    this.lastMeasurement = m;
    return next;
  }

  /** Where the row's fifth field starts when buf[p, ...) opens with device d's record and a comma, else -1. */
  private record(d: number, buf: Buffer, view: DataView, p: number, limit: number): number {
    const inventory = this.inventory;
    if (inventory.plain[d] !== 1) return -1;
    const s = inventory.offsets[d * 4] as number;
    const n = (inventory.offsets[d * 4 + 4] as number) - 1 - s;
    if (p + n >= limit || buf[p + n] !== COMMA) return -1;
    return same(view, p, this.inventoryBytes, s, n) ? p + n + 1 : -1;
  }

  /** Where the row ends when buf[t0, ...) is measurement m's `unit,name\n`, else -1. */
  private tail(m: number, view: DataView, t0: number, limit: number): number {
    const n = this.tailLength[m] as number;
    if (t0 + n > limit) return -1;
    return same(view, t0, this.tails, this.tailStart[m] as number, n) ? t0 + n : -1;
  }

  /** The slot of the times at buf[q, ...) when they pass every time-grid check, else -1. */
  private slotOf(buf: Buffer, q: number, base: number): number {
    const { timeFormat, interval, fuzz } = this.contract;
    const w = this.timeWidth;
    if (buf[q + w] !== COMMA) return -1;
    let start = NaN;
    let end: number;
    if (this.hasStart) {
      if (buf[q + 2 * w + 1] !== COMMA) return -1;
      start = timeFormat.parse(buf, q, q + w);
      end = timeFormat.parse(buf, q + w + 1, q + 2 * w + 1);
      if (Number.isNaN(start)) return -1;
    } else end = timeFormat.parse(buf, q, q + w);
    if (Number.isNaN(end)) return -1;
    const t = this.hasStart ? start : end - interval;
    const offset = t - base;
    const k = Math.round(offset / interval);
    const off = offset - k * interval;
    if (off > fuzz || off < -fuzz || k < 0 || k >= this.rows.slots) return -1;
    if (this.hasStart) {
      const span = end - start;
      if (span - interval > fuzz || interval - span > fuzz) return -1;
    }
    return k;
  }
}
