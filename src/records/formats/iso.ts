/**
 * ISO 8601 text of a Timestamp with its offset and milliseconds (`2024-01-01T05:30:00.250+05:30`), fast:
 * the text up to the seconds is kept for the last second seen, so a run of records in one second formats
 * only the milliseconds.
 */
import type { Timestamp } from './types';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

export class IsoFormatter {
  private second = NaN;
  private offset = NaN;
  private prefix = '';
  private suffix = '';

  format(t: Timestamp): string {
    const ms = Math.floor(t.epochMs);
    const second = Math.floor(ms / 1000);
    if (second !== this.second || t.offsetMinutes !== this.offset) {
      this.second = second;
      this.offset = t.offsetMinutes;
      const d = new Date(second * 1000 + t.offsetMinutes * 60_000);
      const year = d.getUTCFullYear();
      const y = year >= 0 && year < 10_000 ? String(year).padStart(4, '0') : String(year);
      this.prefix = `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.`;
      this.suffix = offsetText(t.offsetMinutes);
    }
    return this.prefix + pad3(ms - second * 1000) + this.suffix;
  }
}
