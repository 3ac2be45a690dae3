/** generate-events' flags that need more than oclif's parsing: -s with its offset, -r, --shard. */
import type { Shard } from '../events/simulation';
import { parseDuration, parseTime, TimeError } from '../time';
import { UsageError } from './errors';

export interface StartTime {
  /** Epoch seconds. */
  readonly seconds: number;
  /** The offset the start was written with (minutes east of UTC); 0 for Z or none. */
  readonly offsetMinutes: number;
}

const OFFSET = /(?:\d)(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** `-s`: any of our time syntaxes (`2024-01-01`, `-1d`, ISO with offset); a written offset is kept for output. */
export function parseStart(text: string, nowMs: number): StartTime {
  const seconds = parseTime(text, { nowMs, zone: 'UTC' });
  const fraction = /T\d{2}:\d{2}:\d{2}[.,](\d+)/.exec(text)?.[1];
  const m = OFFSET.exec(text.trim());
  let offsetMinutes = 0;
  if (m && m[1] && !/^z$/i.test(m[1]) && /T|\s\d/.test(text)) {
    const digits = m[1].slice(1).replace(':', '');
    offsetMinutes =
      (m[1].startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  return { seconds: fraction === undefined ? seconds : seconds + Number(`0.${fraction}`), offsetMinutes };
}

/** `-r`: ISO 8601 (`PT1H`, `P1D`), v1's `30S`/`10M`/`1H`, and ours (`1h30m`, `90s`). */
export function parseRunDuration(text: string): number {
  const v1 = /^\s*(\d+)\s*([SMH])\s*$/.exec(text);
  let seconds: number;
  try {
    seconds = parseDuration(v1 ? `${v1[1]}${(v1[2] as string).toLowerCase()}` : text);
  } catch (err) {
    if (err instanceof TimeError) throw new UsageError(`-r/--duration: ${err.message}`);
    throw err;
  }
  if (!(seconds > 0)) throw new UsageError(`-r/--duration must be above zero (got '${text}')`);
  return seconds;
}

/** `--shard K/N`: K from 1 to N. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || !(n >= 1) || !(k >= 1) || k > n)
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, e.g. 2/4 (got '${text}')`);
  return { index: k - 1, count: n };
}
