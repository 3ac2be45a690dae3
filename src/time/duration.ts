/** Durations such as '1m', '90s', '1h30m', '5 minutes', 'PT1M30S' or plain seconds. */
import { quote, TimeError } from './errors';

const UNIT_SECONDS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  d: 86_400,
  day: 86_400,
  days: 86_400,
  w: 604_800,
  week: 604_800,
  weeks: 604_800,
};

const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const PLAIN = new RegExp(`^${NUMBER}$`);
/** number, optional space, unit word; groups may be separated by spaces, commas or 'and'. */
const GROUP = new RegExp(`(${NUMBER})\\s*([a-z]+)`, 'giy');
const SEPARATOR = /(?:\s*,\s*|\s+and\s+|\s*)/iy;
const ISO = new RegExp(
  `^P(?!$)(?:(${NUMBER})W)?(?:(${NUMBER})D)?(?:T(?=[\\d.])(?:(${NUMBER})H)?(?:(${NUMBER})M)?(?:(${NUMBER})S)?)?$`,
  'i',
);

/** Seconds in a duration; the sign of a leading '-' or '+' applies to the whole of it. */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new TimeError(`duration must be a finite number of seconds, not ${input}`);
    return input;
  }
  if (typeof input !== 'string')
    throw new TimeError(`duration must be text or a number, not ${typeof input}`);
  const text = input.trim();
  const sign = text.startsWith('-') ? -1 : 1;
  const body = /^[+-]/.test(text) ? text.slice(1).trimStart() : text;
  const seconds = PLAIN.test(body) ? Number(body) : (isoSeconds(body) ?? unitSeconds(body));
  if (seconds === undefined) throw durationError(input);
  return sign * seconds;
}

function durationError(input: string): TimeError {
  const unit = /[a-z]+/i.exec(input.replace(/^\s*P|\d/gi, ' '))?.[0];
  const hint =
    unit && !(unit.toLowerCase() in UNIT_SECONDS) && !/^and$/i.test(unit) ? ` (unknown unit '${unit}')` : '';
  return new TimeError(
    `cannot understand duration ${quote(input)}${hint} (use a number of seconds, or units s m h d w like '1m', '90s', '1h30m', '5 minutes', 'PT1M30S')`,
  );
}

function isoSeconds(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const parts = [604_800, 86_400, 3600, 60, 1];
  return parts.reduce((total, unit, i) => total + unit * Number(m[i + 1] ?? 0), 0);
}

/** '1h30m', '1 hour 30 minutes', '1 hour and 30 minutes'; single-letter units are lower case only. */
function unitSeconds(text: string): number | undefined {
  let total = 0;
  let pos = 0;
  let groups = 0;
  while (pos < text.length) {
    if (groups > 0) {
      SEPARATOR.lastIndex = pos;
      SEPARATOR.exec(text);
      pos = SEPARATOR.lastIndex;
    }
    GROUP.lastIndex = pos;
    const m = GROUP.exec(text);
    if (!m) return undefined;
    const [, number = '', word = ''] = m;
    const unit = word.length === 1 ? word : word.toLowerCase();
    const seconds = UNIT_SECONDS[unit];
    if (seconds === undefined) return undefined;
    total += Number(number) * seconds;
    pos = GROUP.lastIndex;
    groups++;
  }
  return groups > 0 ? total : undefined;
}
