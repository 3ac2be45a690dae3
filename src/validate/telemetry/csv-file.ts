/**
 * Reads a CSV data file in large chunks: rows in generate-telemetry's layout through the fast lane, the
 * header and every other row through the CSV scanner and the general row checks (which keep line numbers).
 */
import { CsvScanner, readChunks } from '../csv';
import type { FastLane } from './fast-lane';
import type { TelemetryRows } from './rows';

/** Large enough that the per-chunk work (a read, a copy of the partial last row) is negligible. */
const CHUNK = 8 << 20;

export async function scanTelemetryCsv(
  file: string,
  capacity: number,
  rows: TelemetryRows,
  fast: FastLane,
): Promise<{ rows: number }> {
  const scanner = new CsvScanner(capacity, rows.onRow);
  let armed = false;
  await readChunks(
    file,
    (buf, limit, final) => {
      scanner.beginBuffer(buf);
      const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
      let pos = 0;
      let clean = 0;
      while (pos < limit) {
        if (armed) {
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
        if (!armed && rows.layout !== undefined) armed = fast.begin();
      }
      if (clean > 0) {
        scanner.skipRows(clean);
        rows.countRows(clean);
      }
      return pos;
    },
    CHUNK,
  );
  return { rows: scanner.rows };
}
