/**
 * How field values become text in the text formats: ISO 8601 times, JSON text for nested values, and the
 * Python str() spellings that v2 pattern files print.
 */
import { formatFloat } from '../../metrics/numbers';
import { IsoFormatter } from './iso';
import { pythonDatetimeText } from './strftime';
import { type FieldKind, type FieldValue, Timestamp } from './types';

const iso = new IsoFormatter();

/** `2024-01-01T00:00:01.500+05:30`: ISO 8601 with milliseconds and the timestamp's own offset, as in JSON lines. */
export function isoText(ts: Timestamp): string {
  return iso.format(ts);
}

/** JSON text of a value, times as ISO strings (nested objects and lists in CSV cells and patterns). */
export function jsonText(value: FieldValue): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Timestamp ? isoText(v) : v));
}

/** A number as Python's str() prints it: floats keep a '.0' and use Python's exponent form. */
export function pythonNumberText(x: number, kind: FieldKind | undefined): string {
  if (kind === 'float' || !Number.isInteger(x) || Math.abs(x) >= 1e16) return formatFloat(x);
  return String(x);
}

/**
 * What a v2 pattern prints for a value without a strftime format: Python's str() for scalars (`True`,
 * `2024-01-01 00:00:00+00:00`, `1.0`), nothing for missing or null, and JSON text (not Python's repr) for
 * nested objects and lists.
 */
export function pythonText(value: FieldValue | undefined, kind?: FieldKind): string {
  if (value === undefined || value === null) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (Number.isNaN(value)) return 'nan';
      if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
      return pythonNumberText(value, kind);
    case 'boolean':
      return value ? 'True' : 'False';
    default:
      return value instanceof Timestamp ? pythonDatetimeText(value) : jsonText(value);
  }
}
