/** The time flags every command shares: --tz, --now, and a --start-time/--end-time window. */
import { formatTime, isValidZone, parseTime, TimeError, type TimeContext } from '../time';
import { UsageError } from './errors';

export interface ClockFlags {
  readonly tz: string;
  readonly now?: string;
}

export interface WindowFlags extends ClockFlags {
  readonly 'start-time': string;
  readonly 'end-time': string;
}

/** A time flag read in `ctx`; a bad one is a usage error naming the flag. */
export function timeFlag(name: string, text: string, ctx: TimeContext): number {
  try {
    return parseTime(text, ctx);
  } catch (err) {
    throw err instanceof TimeError ? new UsageError(`--${name}: ${err.message}`) : err;
  }
}

/** What relative times are read against: --now (itself read against the clock) in --tz. */
export function timeContext(flags: ClockFlags, clockMs: number): TimeContext {
  if (!isValidZone(flags.tz))
    throw new UsageError(
      `--tz: unknown time zone '${flags.tz}' (use an IANA name like UTC or America/Los_Angeles)`,
    );
  const nowMs =
    flags.now === undefined ? clockMs : timeFlag('now', flags.now, { nowMs: clockMs, zone: flags.tz }) * 1000;
  return { nowMs, zone: flags.tz };
}

/** [start, end) in epoch seconds from --start-time and --end-time; end must come after start. */
export function timeWindow(
  flags: WindowFlags,
  clockMs: number,
): { readonly ctx: TimeContext; readonly start: number; readonly end: number } {
  const ctx = timeContext(flags, clockMs);
  const start = timeFlag('start-time', flags['start-time'], ctx);
  const end = timeFlag('end-time', flags['end-time'], ctx);
  if (!(end > start))
    throw new UsageError(
      `--end-time (${formatTime(end, flags.tz)}) must be after --start-time (${formatTime(start, flags.tz)})`,
    );
  return { ctx, start, end };
}
