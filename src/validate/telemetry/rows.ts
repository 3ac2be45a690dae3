/**
 * The general row checks of `validate telemetry` (schema, coherence, dictionaries, ranges, time grid, order,
 * uniqueness), run on the scanner's byte offsets, and a file's state: its header, its date, the previous row.
 * Every row the fast lane does not accept comes here, so every offence is reported from one place.
 */
import { SECONDS, type TelemetryContract } from '../contract';
import { type CsvRow, FIELD_ESCAPED, FIELD_PLAIN } from '../csv';
import { approxNumber, exactNumber } from '../number';
import type { Check, Offender } from '../report';
import type { TelemetryChecks } from './checks';
import {
  END,
  type FileLayout,
  LOCATION,
  MODEL,
  NAME,
  PRODUCT,
  readHeader,
  SN,
  START,
  UNIT,
  VALUE,
} from './header';
import type { Inventory } from './inventory';
import { RowOrder } from './order';
import { checkFileName, type DateTally, OpenDates } from './tally';

export type QuotingRule = 'minimal' | 'all' | 'none';

export class TelemetryRows {
  readonly unit: number;
  readonly slots: number;
  private readonly names: Buffer[];
  private readonly units: Buffer[];
  /** The current file's header and columns; undefined until its header row is read. */
  layout: FileLayout | undefined;
  private col: Int32Array = new Int32Array(0);
  private header: readonly string[] = [];
  private file = '';
  quoting: QuotingRule = 'minimal';
  fileRows = 0;
  /** Start of the current file's date (or hour), from its first time. */
  base: number | undefined;
  tally: DateTally | undefined;
  private readonly dates: OpenDates;
  lastDevice = -1;
  private rowsRead = 0;
  readonly order: RowOrder;
  /** The last time text read and its value: rows of one slot repeat it. */
  private readonly timeCache = [new Uint8Array(64), new Uint8Array(64)];
  private readonly timeCacheLength = new Int32Array(2);
  private readonly timeCacheValue = new Float64Array(2);

  constructor(
    private readonly contract: TelemetryContract,
    private readonly inventory: Inventory,
    private readonly checks: TelemetryChecks,
  ) {
    this.unit = SECONDS[contract.granularity];
    this.slots = this.unit / contract.interval;
    this.names = contract.measurements.map((m) => Buffer.from(m.name, 'utf8'));
    this.units = contract.measurements.map((m) => Buffer.from(m.unit, 'utf8'));
    this.order = new RowOrder(contract, inventory);
    this.dates = new OpenDates(contract, inventory, checks, this.slots);
  }

  get rows(): number {
    return this.rowsRead;
  }

  /** Starts a data file; its first row is the header. */
  beginFile(file: string, quoting: QuotingRule): void {
    this.file = file;
    this.quoting = quoting;
    this.layout = undefined;
    this.header = [];
    this.fileRows = 0;
    this.base = undefined;
    this.lastDevice = -1;
    this.order.reset();
    this.timeCacheLength.fill(-1);
  }

  /** Counts rows that the fast lane read and found clean. */
  countRows(n: number): void {
    this.rowsRead += n;
    this.fileRows += n;
  }

  readonly onRow = (row: CsvRow): void => {
    if (this.layout === undefined) {
      this.layout = readHeader(row, this.file, this.contract, this.inventory, this.checks.schema);
      this.header = this.layout.header;
      this.col = this.layout.col;
    } else this.readRow(row);
  };

  private values(row: CsvRow): Record<string, string> {
    const out: Record<string, string> = {};
    this.header.forEach((name, i) => (out[name] = row.text(i)));
    return out;
  }

  private fail(check: Check, row: CsvRow, message: string): void {
    if (!check.wantsDetail) return check.count();
    const offender: Offender = { file: this.file, line: row.line, message, values: this.values(row) };
    check.fail(offender);
  }

  /** Empty values and the contract's quoting, field by field (rows with quotes, or quoting: all). */
  private checkQuoting(row: CsvRow, width: number): void {
    const { starts, ends, quoting, buf } = row;
    const checks = this.checks;
    for (let i = 0; i < width; i++) {
      if (starts[i] === ends[i]) this.fail(checks.schema, row, `empty ${this.header[i]}`);
      const q = quoting[i];
      if (this.quoting === 'all' && q === FIELD_PLAIN) {
        this.fail(checks.schema, row, `${this.header[i]} is not quoted (quoting: all)`);
      } else if (
        this.quoting === 'minimal' &&
        q !== FIELD_PLAIN &&
        !needsQuotes(buf, starts[i] as number, ends[i] as number, q as number)
      ) {
        this.fail(checks.schema, row, `${this.header[i]} is quoted without need (quoting: minimal)`);
      }
    }
  }

  /** The device of the row's sn (or -1), its attributes compared one by one with the inventory's. */
  private checkDevice(row: CsvRow, snCol: number): number {
    const { col, inventory, checks } = this;
    const { starts, ends, quoting, buf } = row;
    const d = inventory.find(buf, starts[snCol] as number, ends[snCol] as number);
    this.lastDevice = d;
    if (d < 0) {
      this.fail(checks.coherence, row, `sn '${row.text(snCol)}' is not in the inventory`);
      return d;
    }
    for (let k = 1; k <= 3; k++) {
      const c = col[k === 1 ? MODEL : k === 2 ? PRODUCT : LOCATION] as number;
      if (c < 0 || !inventory.hasAttribute[k - 1]) continue;
      const same =
        quoting[c] === FIELD_ESCAPED
          ? row.text(c) === inventory.devices[d]?.[k]
          : inventory.attributeIs(d, k, buf, starts[c] as number, ends[c] as number);
      if (!same) {
        const what = this.header[c] as string;
        this.fail(
          checks.coherence,
          row,
          `${what} '${row.text(c)}', but the inventory says '${inventory.devices[d]?.[k] ?? ''}'`,
        );
      }
    }
    return d;
  }

  private readRow(row: CsvRow): void {
    this.rowsRead++;
    this.fileRows++;
    const { checks, col, inventory, contract } = this;
    const width = this.header.length;
    if (row.count !== width) {
      if (row.count === 1 && row.ends[0] === row.starts[0])
        return this.fail(checks.schema, row, 'empty line');
      return this.fail(checks.schema, row, `${row.count} fields; the header has ${width}`);
    }
    if (row.malformed !== undefined) return this.fail(checks.schema, row, row.malformed);
    const { starts, ends } = row;
    const buf = row.buf;
    if (!row.anyQuoted && this.quoting !== 'all') {
      for (let i = 0; i < width; i++) {
        if (starts[i] === ends[i]) this.fail(checks.schema, row, `empty ${this.header[i]}`);
      }
    } else this.checkQuoting(row, width);

    // coherence: the next device is most often the last one again, or the one after it in the inventory;
    // when the row holds sn,model,product_id,location in that order, one comparison checks all four.
    const snCol = col[SN] as number;
    const s0 = starts[snCol] as number;
    const e0 = ends[snCol] as number;
    let d = -1;
    if (this.layout?.wholeRecord && !row.anyQuoted) {
      const e3 = ends[snCol + 3] as number;
      const last = this.lastDevice;
      // (A repeated serial's rows belong to its first listing, as find says.)
      const next = last + 1;
      if (last >= 0 && !inventory.repeat[last] && inventory.recordIs(last, buf, s0, e3)) d = last;
      else if (next < inventory.size && !inventory.repeat[next] && inventory.recordIs(next, buf, s0, e3))
        d = next;
      else {
        const found = inventory.find(buf, s0, e0);
        if (found >= 0 && inventory.recordIs(found, buf, s0, e3)) d = found;
      }
      if (d >= 0) this.lastDevice = d;
    }
    if (d < 0) d = this.checkDevice(row, snCol);
    // dictionaries, ranges
    const nameCol = col[NAME] as number;
    let m = -1;
    for (let j = 0; j < this.names.length; j++) {
      if (row.equals(nameCol, this.names[j] as Buffer)) {
        m = j;
        break;
      }
    }
    if (m < 0) {
      this.fail(checks.dictionaries, row, `measurement '${row.text(nameCol)}' is not in the contract`);
    } else {
      const unitCol = col[UNIT] as number;
      if (unitCol >= 0 && !row.equals(unitCol, this.units[m] as Buffer)) {
        this.fail(
          checks.dictionaries,
          row,
          `unit '${row.text(unitCol)}' for ${contract.measurements[m]?.name}; the contract says '${contract.measurements[m]?.unit}'`,
        );
      }
    }
    const valueCol = col[VALUE] as number;
    const vs = starts[valueCol] as number;
    const ve = ends[valueCol] as number;
    let v = approxNumber(buf, vs, ve);
    if (Number.isNaN(v) || !Number.isFinite(v)) {
      if (vs !== ve)
        this.fail(
          checks.schema,
          row,
          `${this.header[valueCol]} '${row.text(valueCol)}' is not a finite number`,
        );
    } else if (m >= 0) {
      const spec = contract.measurements[m] as { min: number; max: number; name: string; unit: string };
      // The fast value is within a few ulps: decide near a bound with the exact one.
      const near = 1e-9 * Math.max(1, Math.abs(v));
      if (Math.abs(v - spec.min) <= near || Math.abs(v - spec.max) <= near) v = exactNumber(buf, vs, ve);
      if (v < spec.min || v > spec.max) {
        this.fail(
          checks.ranges,
          row,
          `${spec.name} ${row.text(valueCol)} is outside [${spec.min}, ${spec.max}] ${spec.unit}`,
        );
      }
    }

    // time grid
    const fmt = contract.timeFormat;
    const startCol = col[START] as number;
    const endCol = col[END] as number;
    let start = NaN;
    let end = NaN;
    if (startCol >= 0) {
      start = this.time(0, buf, starts[startCol] as number, ends[startCol] as number);
      if (Number.isNaN(start) && starts[startCol] !== ends[startCol]) {
        this.fail(
          checks.schema,
          row,
          `${this.header[startCol]} '${row.text(startCol)}' is not a time like ${fmt.pattern}`,
        );
      }
    }
    if (endCol >= 0) {
      end = this.time(1, buf, starts[endCol] as number, ends[endCol] as number);
      if (Number.isNaN(end) && starts[endCol] !== ends[endCol]) {
        this.fail(
          checks.schema,
          row,
          `${this.header[endCol]} '${row.text(endCol)}' is not a time like ${fmt.pattern}`,
        );
      }
    }
    const { interval, fuzz } = contract;
    const t = startCol >= 0 ? start : end - interval;
    if (Number.isNaN(t)) return;
    if (this.base === undefined) this.startDate(t);
    const base = this.base as number;
    const offset = t - base;
    const k = Math.round(offset / interval);
    const timeName = startCol >= 0 ? (this.header[startCol] as string) : (this.header[endCol] as string);
    const off = offset - k * interval;
    if (off > fuzz || off < -fuzz) {
      this.fail(
        checks.timeGrid,
        row,
        `${timeName} is ${off > 0 ? '+' : ''}${off} s off the ${interval} s grid (fuzz ${fuzz} s)`,
      );
    }
    if (k < 0 || k >= this.slots) {
      this.fail(
        checks.timeGrid,
        row,
        `${timeName} is outside the file's ${this.contract.granularity} (${fmt.format(base)} + ${this.unit} s)`,
      );
      return;
    }
    if (startCol >= 0 && endCol >= 0 && !Number.isNaN(end)) {
      const span = end - start;
      if (span - interval > fuzz || interval - span > fuzz) {
        this.fail(checks.timeGrid, row, `end - start is ${span} s, not the interval ${interval} s`);
      }
    }

    // order, uniqueness (and, at the end of the date, completeness)
    const tally = this.tally as DateTally;
    if (d < 0) return;
    if (m >= 0) {
      if (!this.order.inOrder(k, d, m)) this.fail(checks.order, row, this.order.describe(k, d, m, base));
      this.order.advance(k, d, m);
    }
    tally.devices[d >> 3] = (tally.devices[d >> 3] as number) | (1 << (d & 7));
    if (m < 0 || tally.seen === undefined) return;
    const bit = (d * this.slots + k) * this.names.length + m;
    const byte = bit >>> 3;
    const mask = 1 << (bit & 7);
    const seen = tally.seen;
    if ((seen[byte] as number) & mask) {
      this.fail(
        checks.uniqueness,
        row,
        `a second row for (${row.text(snCol)}, ${fmt.format(base + k * interval)}, ${contract.measurements[m]?.name})`,
      );
    } else seen[byte] = (seen[byte] as number) | mask;
  }

  /** The time in buf[s, e), parsed only when it differs from the last one read in that column. */
  private time(which: number, buf: Uint8Array, s: number, e: number): number {
    const cache = this.timeCache[which] as Uint8Array;
    const n = e - s;
    if (n === this.timeCacheLength[which]) {
      let k = 0;
      while (k < n && cache[k] === buf[s + k]) k++;
      if (k === n) return this.timeCacheValue[which] as number;
    }
    const t = this.contract.timeFormat.parse(buf, s, e);
    if (n <= cache.length && !Number.isNaN(t)) {
      cache.set(buf.subarray(s, e));
      this.timeCacheLength[which] = n;
      this.timeCacheValue[which] = t;
    }
    return t;
  }

  /** The file's date (or hour) is where its first time falls (within fuzz); a new date closes the others. */
  private startDate(t: number): void {
    this.base = Math.floor((t + this.contract.fuzz) / this.unit) * this.unit;
    this.tally = this.dates.open(this.base);
  }

  /** Ends the current file: its name must carry its date; its rows join its date's tally. */
  endFile(nameBase: number | undefined): void {
    checkFileName(this.file, nameBase, this.base, this.contract.granularity, this.checks.fileNames);
    if (this.base === undefined) {
      // No usable time: count its rows under the date its name gives, if any.
      if (nameBase === undefined) return;
      this.startDate(nameBase);
    }
    const tally = this.tally as DateTally;
    tally.rows += this.fileRows;
    tally.files.push(this.file);
  }

  /** Closes every date still open: row count and completeness. */
  finish(): void {
    this.dates.finish();
  }
}

/** Minimal quoting quotes a field only for a comma, a quote, a line break, or spaces at its ends. */
function needsQuotes(buf: Uint8Array, s: number, e: number, q: number): boolean {
  if (q === FIELD_ESCAPED || s === e) return true;
  if (buf[s] === 32 || buf[e - 1] === 32) return true;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}
