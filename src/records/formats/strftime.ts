/**
 * strftime of our own for record timestamps: the directives of C/Python strftime (glibc's set, plus Python's
 * %f), printed in the wall-clock time of the timestamp's own offset. A format is compiled once into a list of
 * parts; rendering does no parsing. Differences from Python on Linux, on purpose: `%s` is the true epoch
 * second (Python's goes through local time), `%Z` is `UTC` or `UTC+05:30`, and an unknown directive is an
 * error when the format is compiled instead of being printed as is.
 */
import { RecordFormatError } from './errors';
import type { Timestamp } from './types';

/** The calendar fields of an instant on the wall clock of its offset. */
export interface WallTime {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
  /** 0 = Monday (Python's weekday()). */
  readonly weekday: number;
  /** 1-366 */
  readonly yearDay: number;
  readonly offsetMinutes: number;
  /** Whole epoch seconds of the instant (floored). */
  readonly epochSecond: number;
}

const DAY_MS = 86_400_000;

/** Microseconds since the epoch: generators keep sub-millisecond time as a fraction of epochMs. */
export function epochMicros(ts: Timestamp): number {
  return Math.round(ts.epochMs * 1000);
}

export function wallTime(ts: Timestamp): WallTime {
  const micros = epochMicros(ts);
  const local = micros + ts.offsetMinutes * 60_000_000;
  const localMs = Math.floor(local / 1000);
  const date = new Date(localMs);
  const dayStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    microsecond: local - Math.floor(local / 1_000_000) * 1_000_000,
    weekday: (date.getUTCDay() + 6) % 7,
    yearDay: Math.floor((localMs - dayStart) / DAY_MS) + 1,
    offsetMinutes: ts.offsetMinutes,
    epochSecond: Math.floor(micros / 1_000_000),
  };
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);

/** `+HHMM` (strftime %z) or `+HH:MM` (isoformat). */
export function formatOffset(offsetMinutes: number, colon: boolean): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** ISO 8601 week-numbering year and week (Monday first; week 1 holds the year's first Thursday). */
function isoWeek(w: WallTime): { year: number; week: number } {
  const thursday = Date.UTC(w.year, w.month - 1, w.day) + (3 - w.weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** %U (weeks start Sunday) and %W (weeks start Monday): days before the first such day are week 0. */
function weekOfYear(w: WallTime, firstDay: 'sunday' | 'monday'): number {
  const weekday = firstDay === 'monday' ? w.weekday : (w.weekday + 1) % 7;
  return Math.floor((w.yearDay + 6 - weekday) / 7);
}

const hour12 = (w: WallTime): number => (w.hour % 12 === 0 ? 12 : w.hour % 12);

type Render = (w: WallTime) => string;

/** Numeric directives: value and zero-padded width (`%-d` drops the padding, as glibc does). */
const NUMERIC: Readonly<Record<string, readonly [(w: WallTime) => number, number, string?]>> = {
  C: [(w) => Math.floor(w.year / 100), 2],
  d: [(w) => w.day, 2],
  e: [(w) => w.day, 2, ' '],
  G: [(w) => isoWeek(w).year, 4],
  g: [(w) => isoWeek(w).year % 100, 2],
  H: [(w) => w.hour, 2],
  I: [hour12, 2],
  j: [(w) => w.yearDay, 3],
  k: [(w) => w.hour, 2, ' '],
  l: [hour12, 2, ' '],
  m: [(w) => w.month, 2],
  M: [(w) => w.minute, 2],
  S: [(w) => w.second, 2],
  u: [(w) => w.weekday + 1, 1],
  U: [(w) => weekOfYear(w, 'sunday'), 2],
  V: [(w) => isoWeek(w).week, 2],
  w: [(w) => (w.weekday + 1) % 7, 1],
  W: [(w) => weekOfYear(w, 'monday'), 2],
  y: [(w) => w.year % 100, 2],
  Y: [(w) => w.year, 4],
};

const TEXT: Readonly<Record<string, Render>> = {
  a: (w) => (DAYS[w.weekday] as string).slice(0, 3),
  A: (w) => DAYS[w.weekday] as string,
  b: (w) => (MONTHS[w.month - 1] as string).slice(0, 3),
  h: (w) => (MONTHS[w.month - 1] as string).slice(0, 3),
  B: (w) => MONTHS[w.month - 1] as string,
  f: (w) => pad(w.microsecond, 6),
  p: (w) => (w.hour < 12 ? 'AM' : 'PM'),
  P: (w) => (w.hour < 12 ? 'am' : 'pm'),
  s: (w) => String(w.epochSecond),
  z: (w) => formatOffset(w.offsetMinutes, false),
  Z: (w) => (w.offsetMinutes === 0 ? 'UTC' : `UTC${formatOffset(w.offsetMinutes, true)}`),
  n: () => '\n',
  t: () => '\t',
  '%': () => '%',
};

/** Directives that are shorthands for longer formats (C locale). */
const ALIASES: Readonly<Record<string, string>> = {
  c: '%a %b %e %H:%M:%S %Y',
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  r: '%I:%M:%S %p',
  R: '%H:%M',
  T: '%H:%M:%S',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};

export const STRFTIME_DIRECTIVES = [
  ...Object.keys(NUMERIC),
  ...Object.keys(TEXT),
  ...Object.keys(ALIASES),
].sort();

/** A compiled format: call it with a timestamp. */
export interface Strftime {
  (ts: Timestamp): string;
  readonly format: string;
}

type Part = string | Render;

function compileParts(format: string, parts: Part[]): void {
  let literal = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] as string;
    if (ch !== '%') {
      literal += ch;
      continue;
    }
    let code = format[++i];
    const noPad = code === '-';
    if (noPad) code = format[++i];
    if (code === undefined) {
      throw new RecordFormatError(
        `strftime format '${format}' ends with a lone '%' (write %% for a percent sign)`,
      );
    }
    const numeric = NUMERIC[code];
    const text = TEXT[code];
    const alias = ALIASES[code];
    let render: Render;
    if (numeric) {
      const [value, width, fill] = numeric;
      render = noPad ? (w) => String(value(w)) : (w) => pad(value(w), width, fill);
    } else if (text && !noPad) render = text;
    else if (alias && !noPad) {
      if (literal) parts.push(literal);
      literal = '';
      compileParts(alias, parts);
      continue;
    } else {
      throw new RecordFormatError(
        `strftime format '${format}': unknown directive '%${noPad ? '-' : ''}${code}' (known: ${STRFTIME_DIRECTIVES.map((d) => `%${d}`).join(' ')})`,
      );
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push(render);
  }
  if (literal) parts.push(literal);
}

/**
 * Compiles `format` once. Formats without %f print the same text for every instant of a second, so the last
 * result is reused while the second and offset stay the same (records come in time order).
 */
export function compileStrftime(format: string): Strftime {
  const parts: Part[] = [];
  compileParts(format, parts);
  // Epoch seconds alone (VPC flow logs' start and end) need no calendar: nothing to cache either, since
  // records interleave workers' times.
  if (format === '%s')
    return Object.assign((ts: Timestamp) => String(Math.floor(epochMicros(ts) / 1_000_000)), { format });
  const perSecond = !/%-?f/.test(format.replaceAll('%%', ''));
  let lastSecond = NaN;
  let lastOffset = NaN;
  let lastText = '';
  const render = (ts: Timestamp): string => {
    const second = Math.floor(epochMicros(ts) / 1_000_000);
    if (perSecond && second === lastSecond && ts.offsetMinutes === lastOffset) return lastText;
    const w = wallTime(ts);
    let text = '';
    for (const part of parts) text += typeof part === 'string' ? part : part(w);
    lastSecond = second;
    lastOffset = ts.offsetMinutes;
    lastText = text;
    return text;
  };
  return Object.assign(render, { format });
}

/** Python's str(datetime): `2024-01-01 00:00:00+00:00`, with `.ffffff` only when the microseconds are not 0. */
export function pythonDatetimeText(ts: Timestamp): string {
  const w = wallTime(ts);
  const fraction = w.microsecond === 0 ? '' : `.${pad(w.microsecond, 6)}`;
  return `${pad(w.year, 4)}-${pad(w.month, 2)}-${pad(w.day, 2)} ${pad(w.hour, 2)}:${pad(w.minute, 2)}:${pad(w.second, 2)}${fraction}${formatOffset(w.offsetMinutes, true)}`;
}
