/**
 * A byte-level CSV scanner (RFC 4180: `"` quotes, `""` inside quotes, LF or CRLF), streaming a file in large
 * chunks with memory bounded by the chunk and the longest row. Rows are handed out as field offsets into
 * the current buffer: no string is made unless a check asks for one, which is what keeps it fast.
 */
import { open } from 'node:fs/promises';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export const FIELD_PLAIN = 0;
export const FIELD_QUOTED = 1;
/** Quoted, with `""` inside: its text needs unescaping. */
export const FIELD_ESCAPED = 2;

const CHUNK = 4 << 20;

/** One row, valid only during the callback (the buffer is reused). */
export class CsvRow {
  buf: Buffer = Buffer.alloc(0);
  /** Fields found (may exceed the capacity; only the first `capacity` are recorded). */
  count = 0;
  /** 1-based line the row starts on. */
  line = 0;
  /** A quoting error in the row, if any. */
  malformed: string | undefined;
  /** False when the row surely has no quoted field (then checks may take a faster path). */
  anyQuoted = false;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly quoting: Uint8Array;

  constructor(readonly capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.quoting = new Uint8Array(capacity);
  }

  /** Field i as text (unescaped); '' beyond the row. */
  text(i: number): string {
    if (i >= this.count || i >= this.capacity) return '';
    const s = this.buf.toString('utf8', this.starts[i] as number, this.ends[i] as number);
    return this.quoting[i] === FIELD_ESCAPED ? s.replaceAll('""', '"') : s;
  }

  /** Does field i hold exactly these bytes? (Escaped fields never match: their bytes are not their text.) */
  equals(i: number, bytes: Uint8Array, from = 0, to = bytes.length): boolean {
    const s = this.starts[i] as number;
    const n = (this.ends[i] as number) - s;
    if (n !== to - from || this.quoting[i] === FIELD_ESCAPED) return false;
    const buf = this.buf;
    for (let k = 0; k < n; k++) if (buf[s + k] !== bytes[from + k]) return false;
    return true;
  }
}

export interface ScanSummary {
  readonly rows: number;
}

/** Calls `onRow` for each row of the file, header included, in order. */
export async function scanCsvFile(
  path: string,
  capacity: number,
  onRow: (row: CsvRow) => void,
  chunkBytes = CHUNK,
): Promise<ScanSummary> {
  const scanner = new CsvScanner(capacity, onRow);
  await readChunks(path, (buf, limit, final) => scanner.scan(buf, limit, final), chunkBytes);
  return { rows: scanner.rows };
}

/**
 * Streams a file through `consume`, which takes the complete rows of buf[0, limit) and returns the bytes it
 * used (all of them when `final`); the rest is kept for the next read. Memory: the chunk and the longest row.
 */
export async function readChunks(
  path: string,
  consume: (buf: Buffer, limit: number, final: boolean) => number,
  chunkBytes = CHUNK,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      const eof = bytesRead === 0;
      const used = consume(buf, filled, eof);
      if (eof) break;
      if (used === 0 && filled === buf.length) {
        // One row longer than the buffer: grow it (only as far as the longest row).
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      } else if (used > 0) {
        buf.copy(buf, 0, used, filled);
        filled -= used;
      }
    }
  } finally {
    await handle.close();
  }
}

/** Scans CSV text held in memory (small tables, Parquet rows turned to text). */
export function scanCsvBuffer(buf: Buffer, capacity: number, onRow: (row: CsvRow) => void): ScanSummary {
  const scanner = new CsvScanner(capacity, onRow);
  scanner.scan(buf, buf.length, true);
  return { rows: scanner.rows };
}

export class CsvScanner {
  private readonly row: CsvRow;
  private line = 1;
  rows = 0;
  private first = true;

  constructor(
    capacity: number,
    private readonly onRow: (row: CsvRow) => void,
    firstLine = 1,
  ) {
    this.row = new CsvRow(capacity);
    this.line = firstLine;
  }

  /** The 1-based line the next row starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Counts `n` one-line rows that a caller read itself (a faster reader of well-formed rows). */
  skipRows(n: number): void {
    this.rows += n;
    this.line += n;
  }

  /** Starts a buffer that will be read row by row with scanRow. */
  beginBuffer(buf: Buffer): void {
    this.row.buf = buf;
    this.quoteAt = -1;
  }

  /**
   * Hands out the one row at `pos` of the buffer given to beginBuffer; returns where the next row starts,
   * or -1 when the row is incomplete (more bytes are needed; never with `final`).
   */
  scanRow(buf: Buffer, pos: number, limit: number, final: boolean): number {
    if (this.first) {
      if (limit < 3 && !final) return -1;
      this.first = false;
      if (pos === 0 && limit >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      if (pos >= limit) return limit;
    }
    const next = this.parseRow(buf, pos, limit, final);
    if (next < 0) return -1;
    this.rows++;
    this.onRow(this.row);
    this.line += this.pendingLines;
    return next;
  }

  /** Hands out every complete row of buf[0, limit); returns the bytes consumed. With `final`, all of them. */
  scan(buf: Buffer, limit: number, final: boolean): number {
    let pos = 0;
    if (this.first && limit >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    if (this.first && (limit >= 3 || final)) this.first = false;
    const row = this.row;
    row.buf = buf;
    this.quoteAt = -1;
    while (pos < limit) {
      const next = this.parseRow(buf, pos, limit, final);
      if (next < 0) break;
      this.rows++;
      this.onRow(row);
      this.line += this.pendingLines;
      pos = next;
    }
    return pos;
  }

  private pendingLines = 0;
  /** The next quote at or after the current row in this buffer (limit when none): rows before it have none. */
  private quoteAt = -1;

  /** Parses the row at `pos` into this.row; returns where the next row starts, or -1 if it is incomplete. */
  private parseRow(buf: Buffer, pos: number, limit: number, final: boolean): number {
    const row = this.row;
    const { starts, ends, quoting, capacity } = row;
    row.malformed = undefined;
    row.line = this.line;
    // Fast path: a row with no quote in it ends at the next LF (found natively); only commas matter then.
    if (this.quoteAt < pos) {
      const q = buf.indexOf(QUOTE, pos);
      this.quoteAt = q < 0 || q >= limit ? limit : q;
    }
    const lf = buf.indexOf(LF, pos);
    if (lf >= 0 && lf < this.quoteAt) {
      let f = 0;
      let s = pos;
      for (let i = pos; i < lf; i++) {
        if (buf[i] === COMMA) {
          if (f < capacity) {
            starts[f] = s;
            ends[f] = i;
            quoting[f] = FIELD_PLAIN;
          }
          f++;
          s = i + 1;
        }
      }
      if (f < capacity) {
        starts[f] = s;
        ends[f] = lf > s && buf[lf - 1] === CR ? lf - 1 : lf;
        quoting[f] = FIELD_PLAIN;
      }
      row.count = f + 1;
      row.anyQuoted = false;
      this.pendingLines = 1;
      return lf + 1;
    }
    row.anyQuoted = true;
    let lines = 1;
    let f = 0;
    let p = pos;
    for (;;) {
      let s: number;
      let e: number;
      let q = FIELD_PLAIN;
      if (p < limit && buf[p] === QUOTE) {
        q = FIELD_QUOTED;
        s = p + 1;
        let i = s;
        for (;;) {
          const j = buf.indexOf(QUOTE, i);
          if (j < 0 || j >= limit) {
            if (!final) return -1;
            row.malformed ??= 'a quoted field is never closed';
            e = limit;
            p = limit;
            break;
          }
          if (j + 1 >= limit && !final) return -1;
          if (buf[j + 1] === QUOTE) {
            q = FIELD_ESCAPED;
            i = j + 2;
            continue;
          }
          e = j;
          p = j + 1;
          break;
        }
        // Newlines inside quotes are part of the field, but still lines of the file.
        for (let k = buf.indexOf(LF, s); k >= 0 && k < e; k = buf.indexOf(LF, k + 1)) lines++;
        if (p < limit && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) {
          row.malformed ??= 'text after a closing quote';
          while (p < limit && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) p++;
        }
      } else {
        s = p;
        while (p < limit) {
          const c = buf[p] as number;
          if (c === COMMA || c === LF || c === CR) break;
          p++;
        }
        e = p;
      }
      if (f < capacity) {
        starts[f] = s;
        ends[f] = e;
        quoting[f] = q;
      }
      f++;
      if (p >= limit) {
        if (!final) return -1;
        row.count = f;
        this.pendingLines = lines;
        return limit;
      }
      const c = buf[p];
      if (c === COMMA) {
        p++;
        continue;
      }
      row.count = f;
      this.pendingLines = lines;
      if (c === LF) return p + 1;
      // CR: CRLF, or a lone CR ending the row.
      if (p + 1 >= limit && !final) return -1;
      return buf[p + 1] === LF ? p + 2 : p + 1;
    }
  }
}
