/**
 * The time grid: which files a run writes (one per day or per hour), the slots in each (start = base +
 * k * interval, end = start + interval, in seconds), fuzz bounds, and the times as text.
 */
import { TelemetryError } from './errors';

export type Granularity = 'day' | 'hour';

export const SPAN: Readonly<Record<Granularity, number>> = { day: 86_400, hour: 3_600 };

export interface GridOptions {
  readonly date: string;
  /** Files to write: days, or hours with a THH date. */
  readonly count: number;
  readonly interval: number;
  readonly fuzz: number;
}

export interface FileSlot {
  /** `2023-02-27` or `2023-02-27T05`: the file name's date part. */
  readonly label: string;
  /** Epoch seconds of the file's first slot. */
  readonly base: number;
}

export interface Grid {
  readonly granularity: Granularity;
  readonly interval: number;
  readonly fuzz: number;
  /** Slots per file. */
  readonly slots: number;
  readonly files: readonly FileSlot[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?$/;

export function makeGrid(options: GridOptions): Grid {
  const { date, count, interval, fuzz } = options;
  const m = DATE.exec(date.trim());
  const bad = () =>
    new TelemetryError(
      `--date: '${date}' is not a date (expected YYYY-MM-DD, or YYYY-MM-DDTHH for one hour)`,
    );
  if (!m) throw bad();
  const [year, month, day, hour] = [m[1], m[2], m[3], m[4]].map((p) =>
    p === undefined ? undefined : Number(p),
  );
  const ms = Date.UTC(year as number, (month as number) - 1, day as number, hour ?? 0);
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() + 1 !== month || (hour ?? 0) > 23) throw bad();
  const granularity: Granularity = hour === undefined ? 'day' : 'hour';
  const span = SPAN[granularity];
  if (!Number.isSafeInteger(interval) || interval < 1 || span % interval !== 0)
    throw new TelemetryError(
      `--interval ${interval} does not divide ${granularity === 'day' ? 'a day (86400 s)' : 'an hour (3600 s)'}: try ${nearDivisors(span, interval)}`,
    );
  if (!Number.isSafeInteger(fuzz) || fuzz < 0 || 2 * fuzz >= interval)
    throw new TelemetryError(
      `--fuzz ${fuzz} must be a whole number of seconds below half the interval (< ${interval / 2}), so samples keep their order`,
    );
  const files: FileSlot[] = [];
  for (let i = 0; i < count; i++) {
    const base = ms / 1000 + i * span;
    files.push({ base, label: fileLabel(base, granularity) });
  }
  return { granularity, interval, fuzz, slots: span / interval, files };
}

function nearDivisors(span: number, interval: number): string {
  const divisors: number[] = [];
  for (let d = 1; d <= span; d++) if (span % d === 0) divisors.push(d);
  const below = divisors.filter((d) => d < interval).pop();
  const above = divisors.find((d) => d > interval);
  return [below, above].filter((d) => d !== undefined).join(' or ');
}

function fileLabel(base: number, granularity: Granularity): string {
  const iso = new Date(base * 1000).toISOString();
  return granularity === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${iso.slice(11, 13)}`;
}

/**
 * The range a sample of slot k may move by: within ±fuzz, and never out of its file (the first slot
 * does not start before the file's base, the last does not end after the file's end).
 */
export function fuzzRange(grid: Grid, k: number): { lo: number; hi: number } {
  const lo = Math.max(-grid.fuzz, -k * grid.interval);
  const hi = Math.min(grid.fuzz, (grid.slots - k - 1) * grid.interval);
  return { lo, hi };
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DD HH:MM:SS` (UTC), caching the date part. */
export class TimeText {
  private day = NaN;
  private prefix = '';

  format(epochSeconds: number): string {
    const day = Math.floor(epochSeconds / 86_400);
    if (day !== this.day) {
      this.day = day;
      this.prefix = `${new Date(day * 86_400_000).toISOString().slice(0, 10)} `;
    }
    const s = epochSeconds - day * 86_400;
    const h = Math.floor(s / 3600);
    const rest = s - h * 3600;
    const min = Math.floor(rest / 60);
    return `${this.prefix}${TWO[h]}:${TWO[min]}:${TWO[rest - min * 60]}`;
  }
}
