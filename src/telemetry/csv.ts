/**
 * The small CSV tables of this folder (server types, locations, an inventory): RFC 4180 fields, quoted or not,
 * a header row, LF or CRLF. Every problem names the file and line.
 */
import { readFile } from 'node:fs/promises';
import { TelemetryError } from './errors';

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Each row with its 1-based line number in the file. */
  readonly rows: readonly { readonly line: number; readonly fields: readonly string[] }[];
}

export async function readCsvTable(file: string, what: string): Promise<CsvTable> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder' : err.message;
    throw new TelemetryError(`${what} ${file}: ${why}`);
  });
  return parseCsvTable(text, file);
}

export function parseCsvTable(text: string, file: string): CsvTable {
  const records = splitRecords(text.replace(/^\uFEFF/, ''), file);
  const first = records.shift();
  if (!first || (first.fields.length === 1 && first.fields[0] === ''))
    throw new TelemetryError(`${file}: empty file, expected a header row`);
  const header = first.fields.map((f) => f.trim());
  const rows = records.filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  for (const r of rows)
    if (r.fields.length !== header.length)
      throw new TelemetryError(
        `${file} line ${r.line}: ${r.fields.length} fields, the header has ${header.length} (${header.join(',')})`,
      );
  return { file, header, rows };
}

function splitRecords(text: string, file: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"' && field === '') {
      // A quoted field: "" is a quote; it may hold commas and line breaks.
      const opened = line;
      i++;
      for (;;) {
        if (i >= n) throw new TelemetryError(`${file} line ${opened}: a quoted field is never closed`);
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r')
        throw new TelemetryError(`${file} line ${line}: text after a closing quote`);
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ line: start, fields });
  }
  return out;
}

/** Quotes a field only when it needs it (DuckDB's and Python's minimal quoting). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
