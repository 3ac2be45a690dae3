/**
 * Records -> lines -> sinks. Lines are gathered per sink and handed over in batches (never across a UTC day,
 * so a daily rotation gets one day per write); a sink that must be waited for sets `waiting`.
 */
import {
  catalogCsv,
  catalogJson,
  type CatalogRecord,
  isoMicros,
  logCsv,
  logJson,
  type LogRecord,
} from './records';
import type { GivenBytes } from '../records/sinks/types';
import { CsvBytes } from './csv-bytes';
import type { Kind, PackedRecords } from './packed';
import type { RecordOutput } from './simulation';
import { DAY_US, type UserState } from './user';

/** The part of records/sinks' LineSink this needs. */
export interface LineTarget {
  write(lines: string, at: number): Promise<void> | undefined;
  writeBytes?(lines: Uint8Array, at: number, given?: GivenBytes): Promise<void> | undefined;
}

export type LineFormat = 'csv' | 'ndjson';

export interface Target {
  readonly sink: LineTarget;
  readonly format: LineFormat;
  readonly records: 'log' | 'catalog';
  /** catalog rows of this subject type only (http: one endpoint per type) */
  readonly subject?: string;
}

const BATCH = 256 * 1024;
/** csv bytes handed to a file at a time (the buffer holds a little more: the line that crossed it) */
const BYTES_BATCH = 1024 * 1024;

class Buffered {
  text = '';
  day = -1;
  lines = 0;
  /** `lines` when the last bytes were handed over */
  handed = 0;
  /** csv to a sink that takes bytes: lines formatted straight into a buffer */
  readonly bytes: CsvBytes | undefined;
  constructor(readonly target: Target) {
    if (target.format === 'csv' && target.sink.writeBytes) this.bytes = new CsvBytes(BYTES_BATCH + 64 * 1024);
  }
}

export class LinesOutput implements RecordOutput {
  private readonly logs: Buffered[];
  private readonly catalogs: Buffered[];
  private pending: Promise<void> | undefined;
  /** every log target takes csv bytes: a packed record needs no object made for it */
  private readonly logsAsBytes: boolean;

  constructor(targets: readonly Target[]) {
    this.logs = targets.filter((t) => t.records === 'log').map((t) => new Buffered(t));
    this.catalogs = targets.filter((t) => t.records === 'catalog').map((t) => new Buffered(t));
    this.logsAsBytes = this.logs.every((b) => b.bytes !== undefined);
  }

  get waiting(): Promise<void> | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }

  log(r: LogRecord, user: UserState): void {
    let csv: string | undefined;
    let json: string | undefined;
    for (const b of this.logs) {
      if (b.bytes) {
        this.dayOf(b, r.ts);
        b.bytes.log(r, user);
        this.counted(b);
        continue;
      }
      const line =
        b.target.format === 'csv'
          ? (csv ??= logCsv(r, user.id, user.did))
          : (json ??= logJson(r, user.id, user.did));
      this.add(b, line, r.ts);
    }
  }

  logPacked(records: PackedRecords, i: number, kind: Kind, user: UserState): void {
    if (!this.logsAsBytes) return this.log(records.record(i) as LogRecord, user);
    const ts = records.time(i);
    for (const b of this.logs) {
      this.dayOf(b, ts);
      (b.bytes as CsvBytes).logPacked(records, i, kind, user);
      this.counted(b);
    }
  }

  catalog(r: CatalogRecord): void {
    let csv: string | undefined;
    let json: string | undefined;
    for (const b of this.catalogs) {
      if (b.target.subject !== undefined && b.target.subject !== r.subject) continue;
      if (b.bytes) {
        this.dayOf(b, r.ts);
        b.bytes.catalog(r);
        this.counted(b);
        continue;
      }
      const line = b.target.format === 'csv' ? (csv ??= catalogCsv(r)) : (json ??= catalogJson(r));
      this.add(b, line, r.ts);
    }
  }

  /** Lines written per target so far. */
  lineCounts(): number[] {
    return [...this.logs, ...this.catalogs].map((b) => b.lines);
  }

  private add(b: Buffered, line: string, ts: number): void {
    const day = Math.floor(ts / DAY_US);
    if (day !== b.day && b.text !== '') this.hand(b);
    b.day = day;
    b.text += line;
    b.lines++;
    if (b.text.length >= BATCH) this.hand(b);
  }

  /** Bytes never hold two UTC days (a daily rotation gets one day per write). */
  private dayOf(b: Buffered, ts: number): void {
    const day = Math.floor(ts / DAY_US);
    if (day !== b.day && (b.bytes as CsvBytes).length > 0) this.hand(b);
    b.day = day;
  }

  private counted(b: Buffered): void {
    b.lines++;
    if ((b.bytes as CsvBytes).length >= BYTES_BATCH) this.hand(b);
  }

  private hand(b: Buffered): void {
    const at = b.day * (DAY_US / 1000) + 1;
    if (b.bytes) {
      const bytes = b.bytes;
      const write = b.target.sink.writeBytes as NonNullable<LineTarget['writeBytes']>;
      // Given for good: the sink writes them from this buffer (no copy), and formatting goes on in another.
      const given = { lines: b.lines - b.handed };
      b.handed = b.lines;
      const wait = write.call(b.target.sink, bytes.buf.subarray(0, bytes.length), at, given);
      bytes.renew();
      if (wait) this.pending = this.pending ? Promise.all([this.pending, wait]).then(() => undefined) : wait;
      return;
    }
    const wait = b.target.sink.write(b.text, at);
    b.text = '';
    if (wait) this.pending = this.pending ? Promise.all([this.pending, wait]).then(() => undefined) : wait;
  }

  /** Hands every buffered line to its sink (before a flush and checkpoint). */
  drain(): void {
    for (const b of [...this.logs, ...this.catalogs]) if (b.text !== '' || b.bytes?.length) this.hand(b);
  }
}

export { isoMicros };
