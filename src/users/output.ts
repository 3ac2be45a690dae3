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
import type { RecordOutput } from './simulation';
import { DAY_US, type UserState } from './user';

/** The part of records/sinks' LineSink this needs. */
export interface LineTarget {
  write(lines: string, at: number): Promise<void> | undefined;
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

class Buffered {
  text = '';
  day = -1;
  lines = 0;
  constructor(readonly target: Target) {}
}

export class LinesOutput implements RecordOutput {
  private readonly logs: Buffered[];
  private readonly catalogs: Buffered[];
  private pending: Promise<void> | undefined;

  constructor(targets: readonly Target[]) {
    this.logs = targets.filter((t) => t.records === 'log').map((t) => new Buffered(t));
    this.catalogs = targets.filter((t) => t.records === 'catalog').map((t) => new Buffered(t));
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
      const line =
        b.target.format === 'csv'
          ? (csv ??= logCsv(r, user.id, user.did))
          : (json ??= logJson(r, user.id, user.did));
      this.add(b, line, r.ts);
    }
  }

  catalog(r: CatalogRecord): void {
    let csv: string | undefined;
    let json: string | undefined;
    for (const b of this.catalogs) {
      if (b.target.subject !== undefined && b.target.subject !== r.subject) continue;
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

  private hand(b: Buffered): void {
    const wait = b.target.sink.write(b.text, b.day * (DAY_US / 1000) + 1);
    b.text = '';
    if (wait) this.pending = this.pending ? Promise.all([this.pending, wait]).then(() => undefined) : wait;
  }

  /** Hands every buffered line to its sink (before a flush and checkpoint). */
  drain(): void {
    for (const b of [...this.logs, ...this.catalogs]) if (b.text !== '') this.hand(b);
  }
}

export { isoMicros };
