/**
 * Human phrases ('3 months ago', 'last monday 9am') through chrono-node.
 *
 * chrono does its calendar arithmetic with JS Date local-time methods, i.e. in the *process* time zone, and
 * only knows fixed UTC offsets, not IANA zones. So we hand it a reference Date whose process-local wall clock
 * equals the wall clock of ctx.zone at ctx.nowMs, read back the wall-clock fields it produced, and resolve those
 * in ctx.zone ourselves (DST-correct). Exact offsets ('2 hours ago') are applied to the real instant instead.
 *
 * The process zone's own DST would still leak in (setHours across a gap), so the reference is moved back by
 * whole 400-year Gregorian cycles (same weekdays and leap days) into the 13th-16th century, when every zone
 * in tzdata is a fixed local-mean-time offset, and moved forward again afterwards.
 */
import type * as ChronoModule from 'chrono-node';
import type { TimeContext } from './parse';
import { quote, TimeError } from './errors';
import { epochToWallMs, utcWall, wallToEpochMs } from './zone';

type Chrono = (typeof ChronoModule)['en'];
type Components = ChronoModule.ParsedComponents;

let chrono: Chrono | undefined;

/** Loaded on first use: the English locale alone takes ~20 ms to load, all of chrono-node ~120 ms. */
function loadChrono(): Chrono {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  chrono ??= require('chrono-node/en') as Chrono;
  return chrono;
}

/** The Gregorian calendar repeats exactly every 400 years. */
const CYCLE = 400;
/** Shifted references land before this year: no zone has DST or other changes then. */
const QUIET_BEFORE = 1600;
/** Result years from here on were written in the text ('Dec 1 2017'), not computed from the reference. */
const LITERAL_FROM = 1800;

function yearShift(year: number): number {
  return year >= QUIET_BEFORE ? CYCLE * Math.ceil((year - QUIET_BEFORE + 1) / CYCLE) : 0;
}

/** A Date whose process-local fields show the given wall clock, `shift` years earlier (what chrono reads). */
function processLocalDate(wallMs: number, shift: number): Date {
  const w = new Date(wallMs);
  const date = new Date(2000, 0, 1);
  date.setFullYear(w.getUTCFullYear() - shift, w.getUTCMonth(), w.getUTCDate());
  date.setHours(w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds());
  return date;
}

/** Epoch milliseconds of a phrase, or undefined when chrono does not understand all of it. */
export function parsePhrase(text: string, ctx: TimeContext): number | undefined {
  const refWall = epochToWallMs(ctx.nowMs, ctx.zone);
  const shift = yearShift(new Date(refWall).getUTCFullYear());
  const results = loadChrono().parse(text, processLocalDate(refWall, shift));
  const [result] = results;
  // chrono finds dates inside longer text; we insist that the phrase is all of the input.
  const whole = result !== undefined && results.length === 1 && result.index === 0 && result.text === text;
  if (!whole) return undefined;
  if (result.end) throw new TimeError(`time ${quote(text)} is a range; give a single time`);
  const start = result.start;
  const tags = start.tags();
  const wall = wallOf(start, new Date(refWall).getUTCDate(), shift);
  // 'now', '2 hours ago', 'in 90 minutes': elapsed time, so apply the wall-clock difference to the instant.
  const elapsed = tags.has('casualReference/now') || tags.has('result/relativeDateAndTime');
  if (elapsed) return ctx.nowMs + (wall - refWall);
  // A zone written in the text ('9am PST', '+0530') is honoured as written.
  const offset = start.get('timezoneOffset');
  if (start.isCertain('timezoneOffset') && offset !== null) return wall - offset * 60_000;
  return wallToEpochMs(wall, ctx.zone);
}

function wallOf(c: Components, refDay: number, shift: number): number {
  const get = (name: ChronoModule.Component) => c.get(name) ?? 0;
  const year = get('year') < LITERAL_FROM ? get('year') + shift : get('year');
  let day = get('day');
  // Month/year steps are JS Date steps: one month before 03-31 overflows to 03-03. When the day moved, the
  // step overflowed (it can only move forward 1-3 days), so clamp to the end of the intended month instead.
  if (c.tags().has('result/relativeDate') && !c.isCertain('day') && day !== refDay) day = 0;
  return utcWall(year, get('month'), day, get('hour'), get('minute'), get('second'), get('millisecond'));
}
