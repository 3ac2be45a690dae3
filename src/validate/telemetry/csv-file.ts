/**
 * Reads telemetry rows as CSV bytes: rows in generate-telemetry's layout through the fast lane, the header
 * and every other row through the CSV scanner and the general row checks (which keep line numbers). CSV
 * files are read in large chunks; Parquet files arrive here as CSV text made by DuckDB.
 */
import { CsvScanner, readChunks } from '../csv';
import type { FastLane } from './fast-lane';
import type { TelemetryRows } from './rows';

/** Large enough that the per-chunk work (a read, a copy of the partial last row) is negligible. */
const CHUNK = 8 << 20;

export class TelemetryReader {
  private readonly scanner: CsvScanner;
  private armed = false;

  constructor(
    capacity: number,
    private readonly rows: TelemetryRows,
    private readonly fast: FastLane,
    /** Line number of the header: 1 in a CSV file, 0 for Parquet (rows are numbered from 1). */
    firstLine = 1,
  ) {
    this.scanner = new CsvScanner(capacity, rows.onRow, firstLine);
  }

  /** Rows read, header included. */
  get count(): number {
    return this.scanner.rows;
  }

  /** Reads the complete rows of buf[0, limit); returns the bytes used (all of them when `final`). */
  readonly consume = (buf: Buffer, limit: number, final: boolean): number => {
    const { scanner, fast, rows } = this;
    scanner.beginBuffer(buf);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let pos = 0;
    let clean = 0;
    while (pos < limit) {
      if (this.armed) {
        const next = fast.row(buf, view, pos, limit);
        if (next >= 0) {
          pos = next;
          clean++;
          continue;
        }
      }
      if (clean > 0) {
        scanner.skipRows(clean);
        rows.countRows(clean);
        clean = 0;
      }
      const next = scanner.scanRow(buf, pos, limit, final);
      if (next < 0) break;
      pos = next;
      if (!this.armed && rows.layout !== undefined) this.armed = fast.begin();
    }
    if (clean > 0) {
      scanner.skipRows(clean);
      rows.countRows(clean);
    }
    return pos;
  };
}

export async function scanTelemetryCsv(
  file: string,
  capacity: number,
  rows: TelemetryRows,
  fast: FastLane,
): Promise<{ rows: number }> {
  const reader = new TelemetryReader(capacity, rows, fast);
  await readChunks(file, reader.consume, CHUNK);
  return { rows: reader.count };
}
