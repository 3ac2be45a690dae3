/**
 * JSON lines: one compact JSON object per record, keys in the record's (the emitter's) order, absent keys
 * left out, timestamps as ISO 8601 text with offset and milliseconds, non-finite numbers as null.
 */
import { IsoFormatter } from './iso';
import {
  type EventRecord,
  type FieldValue,
  type RecordFormat,
  type RecordFormatFactory,
  Timestamp,
} from './types';

const MAX_CACHED_LENGTH = 64;
const MAX_CACHED_STRINGS = 50_000;

export class NdjsonFormat implements RecordFormat {
  private readonly iso = new IsoFormatter();
  /** `"name":` for every key seen, so a key is escaped once per run, not once per record. */
  private readonly keys = new Map<string, string>();
  /** Escaped text of short strings seen (enum values repeat): most records escape nothing anew. */
  private readonly strings = new Map<string, string>();

  header(): undefined {
    return undefined;
  }

  line(record: EventRecord): string {
    let out = '{';
    let first = true;
    for (const key in record) {
      let k = this.keys.get(key);
      if (k === undefined) {
        k = `${JSON.stringify(key)}:`;
        this.keys.set(key, k);
      }
      out += first ? k : `,${k}`;
      first = false;
      out += this.value(record[key] as FieldValue);
    }
    return `${out}}`;
  }

  private text(v: string): string {
    if (v.length > MAX_CACHED_LENGTH) return JSON.stringify(v);
    let t = this.strings.get(v);
    if (t === undefined) {
      t = JSON.stringify(v);
      // A bounded cache: random strings (string dimensions) would otherwise fill memory.
      if (this.strings.size >= MAX_CACHED_STRINGS) this.strings.clear();
      this.strings.set(v, t);
    }
    return t;
  }

  private value(v: FieldValue): string {
    switch (typeof v) {
      case 'string':
        return this.text(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      default:
        if (v === null) return 'null';
        if (v instanceof Timestamp) return `"${this.iso.format(v)}"`;
        if (Array.isArray(v)) return `[${(v as readonly FieldValue[]).map((x) => this.value(x)).join(',')}]`;
        return this.line(v as EventRecord);
    }
  }
}

/** JSON lines need nothing from the schema: every record carries its keys. */
export const ndjsonFormat: RecordFormatFactory = () => new NdjsonFormat();
