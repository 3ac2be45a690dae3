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

/** Per key: its `"name":` text, and escaped values seen, while they keep repeating (enum values do). */
interface KeyState {
  readonly prefix: string;
  strings: Map<string, string> | undefined;
  lookups: number;
  hits: number;
}

/** Lookups after which a key whose values rarely repeat (random strings) stops being cached. */
const TRIAL = 2000;
const MAX_CACHED = 10_000;

export class NdjsonFormat implements RecordFormat {
  private readonly iso = new IsoFormatter();
  private readonly keys = new Map<string, KeyState>();

  header(): undefined {
    return undefined;
  }

  line(record: EventRecord): string {
    let out = '{';
    let first = true;
    for (const key in record) {
      let k = this.keys.get(key);
      if (k === undefined) {
        k = { prefix: `${JSON.stringify(key)}:`, strings: new Map(), lookups: 0, hits: 0 };
        this.keys.set(key, k);
      }
      out += first ? k.prefix : `,${k.prefix}`;
      first = false;
      const v = record[key] as FieldValue;
      out += typeof v === 'string' ? this.text(v, k) : this.value(v);
    }
    return `${out}}`;
  }

  private text(v: string, k: KeyState): string {
    const cache = k.strings;
    if (cache === undefined) return JSON.stringify(v);
    k.lookups++;
    let t = cache.get(v);
    if (t !== undefined) {
      k.hits++;
      return t;
    }
    t = JSON.stringify(v);
    if (k.lookups === TRIAL && k.hits < TRIAL / 2) k.strings = undefined;
    else if (cache.size < MAX_CACHED) cache.set(v, t);
    return t;
  }

  /** The JSON text of one value (NdjsonBytes renders nested values with it). */
  valueText(v: FieldValue): string {
    return this.value(v);
  }

  private value(v: FieldValue): string {
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
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
