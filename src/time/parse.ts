/** parseTime: epoch seconds from numbers, dates, 'now', compact offsets, ISO-8601 and human phrases. */
import { quote, TimeError } from './errors';
import { parsePhrase } from './phrase';
import { isValidZone, utcWall, wallToEpochMs } from './zone';

export interface TimeContext {
  /** the instant relative times are relative to, epoch milliseconds (from --now, default Date.now()) */
  readonly nowMs: number;
  /** IANA zone for times written without a zone (from --tz, default 'UTC') */
  readonly zone: string;
}

const HINT =
  "(use ISO-8601 like 2017-12-01T08:00:00Z, a relative time like -12h, or a phrase like '3 months ago')";
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
/** '-12h', '+30m', '-1d12h', '- 1h 30m', 'now-1.5h'. Units are exact: d = 24 h, w = 7 d. */
const COMPACT = new RegExp(`^(?:now\\s*)?([+-])\\s*((?:${NUMBER}\\s*[smhdw]\\s*)+)$`, 'i');
const COMPACT_GROUP = new RegExp(`(${NUMBER})\\s*([smhdw])`, 'gi');
const COMPACT_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;
/** RFC 3339 / ISO-8601 extended: date, optional time (T or space), fraction, Z or offset (+00:00, +0000, +00). */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;

/** Whole epoch seconds (floor) of a time as users write it; throws TimeError for anything else. */
export function parseTime(input: string | number | Date, ctx: TimeContext): number {
  if (!isValidZone(ctx.zone)) throw new TimeError(`unknown time zone ${quote(String(ctx.zone))}`);
  if (!Number.isFinite(ctx.nowMs)) throw new TimeError(`reference time ${ctx.nowMs} is not a valid instant`);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new TimeError(`time ${input} is not a finite number of epoch seconds`);
    return Math.floor(input);
  }
  if (input instanceof Date) {
    const ms = input.getTime();
    if (!Number.isFinite(ms)) throw new TimeError('time is an invalid Date');
    return Math.floor(ms / 1000);
  }
  if (typeof input !== 'string')
    throw new TimeError(`time must be text, a number or a date, not ${typeof input}`);
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') throw new TimeError(`time is empty ${HINT}`);
  // Strings of digits are epoch seconds too: flags such as --now arrive as text.
  if (EPOCH.test(text)) return Math.floor(Number(text));
  const ms = textToMs(text, ctx);
  if (ms === undefined) throw new TimeError(`cannot understand time ${quote(input)} ${HINT}`);
  return Math.floor(ms / 1000);
}

function textToMs(text: string, ctx: TimeContext): number | undefined {
  if (/^now$/i.test(text)) return ctx.nowMs;
  const compact = COMPACT.exec(text);
  if (compact) {
    let seconds = 0;
    for (const [, n = '', unit = ''] of (compact[2] ?? '').matchAll(COMPACT_GROUP)) {
      seconds += Number(n) * (COMPACT_UNITS[unit.toLowerCase()] ?? NaN);
    }
    return ctx.nowMs + (compact[1] === '-' ? -1 : 1) * seconds * 1000;
  }
  const iso = ISO.exec(text);
  if (iso) return isoToMs(iso, text, ctx.zone);
  return parsePhrase(text, ctx);
}

/** Fractional seconds are checked by the pattern but never change the floored whole second. */
function isoToMs(m: RegExpExecArray, text: string, zone: string): number {
  const field = (i: number) => Number(m[i] ?? 0);
  const [year, month, day] = [field(1), field(2), field(3)];
  const [hour, minute, second] = [field(4), field(5), field(6)];
  const fail = (what: string) => new TimeError(`invalid time ${quote(text)}: ${what}`);
  if (month < 1 || month > 12) throw fail(`there is no month ${month}`);
  const daysInMonth = new Date(utcWall(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw fail(`${m[1]}-${m[2]} has no day ${day}`);
  if (hour > 23 || minute > 59 || second > 59) throw fail('time of day out of range');
  const wall = utcWall(year, month, day, hour, minute, second);
  const offset = m[7];
  if (offset === undefined) return wallToEpochMs(wall, zone);
  if (/^z$/i.test(offset)) return wall;
  const digits = offset.slice(1).replace(':', '');
  const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
  if (oh > 23 || om > 59) throw fail(`offset ${offset} out of range`);
  return wall - (offset.startsWith('-') ? -1 : 1) * (oh * 60 + om) * 60_000;
}

/** How far isRelativeTime moves "now": more than a year and not a whole day, so no phrase reads the same. */
const NOW_SHIFT_MS = (400 * 86_400 + 3_661) * 1000;

/** Whether `input` depends on the reference time (`-1h`, `now`, `yesterday`), so reproducing it needs --now. */
export function isRelativeTime(input: string | number, ctx: TimeContext): boolean {
  return parseTime(input, ctx) !== parseTime(input, { ...ctx, nowMs: ctx.nowMs + NOW_SHIFT_MS });
}
