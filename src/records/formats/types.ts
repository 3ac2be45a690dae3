/**
 * What every record format implements (JSON lines, CSV, v2 pattern files, v3 templates, Parquet), and the
 * record it renders. Generators (events/, users/) build records; formats turn them into text; sinks write it.
 */

/**
 * An instant as a generator stamps it: epoch milliseconds (may carry a fraction: sub-millisecond precision is
 * kept for formats that print microseconds) and the UTC offset, in minutes, that the user's start time was
 * written with (`-s 2024-01-01T00:00:00+05:30` -> 330), so formats print local wall-clock time with that offset.
 * A small immutable value rather than a Date: a Date has no offset and no sub-millisecond part.
 */
export class Timestamp {
  constructor(
    readonly epochMs: number,
    readonly offsetMinutes: number = 0,
  ) {}

  /** The same instant as a Date (milliseconds truncated toward the past). */
  toDate(): Date {
    return new Date(Math.floor(this.epochMs));
  }
}

/** A value in a record: JSON's types plus timestamps, nested objects and lists (object/list dimensions). */
export type FieldValue = string | number | boolean | null | Timestamp | readonly FieldValue[] | FieldObject;
export interface FieldObject {
  readonly [field: string]: FieldValue;
}

/**
 * One record: a plain object whose key order is the emitter's dimension order. A missing field
 * (`percent_missing`) is an absent key; a null field (`percent_nulls`) is present with the value null.
 */
export type EventRecord = FieldObject;

/** The field kinds a format may need up front (CSV header, Parquet column types). */
export type FieldKind = 'string' | 'int' | 'float' | 'bool' | 'timestamp' | 'object' | 'list' | 'any';

export interface FieldSchema {
  readonly name: string;
  readonly kind: FieldKind;
}

/** One emitter: the fields its records may hold, in order. */
export interface EmitterSchema {
  readonly name: string;
  readonly fields: readonly FieldSchema[];
}

/** Everything a format learns before the first record: every emitter of the config, in config order. */
export interface RecordSchema {
  readonly emitters: readonly EmitterSchema[];
}

/**
 * A text format. `header()` is written once before the first line (CSV column names, a template's header),
 * or undefined for none. `line()` renders one record WITHOUT the trailing newline; the sink adds it.
 * `emitter` is the schema of the emitter that made the record (CSV uses it; JSON lines ignores it).
 */
export interface RecordFormat {
  header(): string | undefined;
  line(record: EventRecord, emitter: EmitterSchema): string;
}

/** How a command builds a format once it has loaded the config. */
export type RecordFormatFactory = (schema: RecordSchema) => RecordFormat;
