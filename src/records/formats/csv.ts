/**
 * CSV (RFC 4180 quoting, LF line ends): a header of the emitters' dimensions, then one row per record.
 * With several emitters the columns are every dimension of every emitter, in config order, each name once,
 * so the file stays rectangular; a record fills the columns it has.
 *
 * Cells: missing and null are empty; an empty string is `""` so that readers can tell it from null; times
 * are ISO 8601 with milliseconds and offset (as in JSON lines); nested objects and lists are JSON text.
 * A cell is quoted when it holds a comma, a double quote, CR or LF; quotes inside are doubled.
 */
import { type EventRecord, type FieldValue, type RecordFormat, type RecordSchema, Timestamp } from './types';
import { IsoFormatter } from './iso';
import { jsonText } from './values';

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(text: string): string {
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(value: FieldValue | undefined, iso: IsoFormatter): string {
  if (value === undefined || value === null) return '';
  switch (typeof value) {
    case 'string':
      return csvCell(value);
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return value instanceof Timestamp ? iso.format(value) : csvCell(jsonText(value));
  }
}

/** Every dimension of every emitter, in config order, each name once. */
export function columnsOf(schema: RecordSchema): string[] {
  const names = new Set<string>();
  for (const emitter of schema.emitters) for (const field of emitter.fields) names.add(field.name);
  return [...names];
}

class CsvFormat implements RecordFormat {
  private readonly iso = new IsoFormatter();

  constructor(private readonly columns: readonly string[]) {}

  header(): string {
    return this.columns.map(csvCell).join(',');
  }

  line(record: EventRecord): string {
    let out = '';
    for (let i = 0; i < this.columns.length; i++) {
      if (i > 0) out += ',';
      out += cell(record[this.columns[i] as string], this.iso);
    }
    return out;
  }
}

export function csvFormat(schema: RecordSchema): RecordFormat {
  return new CsvFormat(columnsOf(schema));
}
