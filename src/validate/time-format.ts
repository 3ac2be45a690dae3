/**
 * The contract's `time_format`: a strftime subset of fixed-width fields (%Y %m %d %H %M %S, %% and literal
 * text), compiled once into byte offsets so that each time is read from the row's bytes without a string.
 */

export interface TimeFormat {
  readonly pattern: string;
  readonly width: number;
  /** Reads the time at buf[start, end) as UTC epoch seconds; NaN when it does not match. */
  parse(buf: Uint8Array, start: number, end: number): number;
  format(epochSeconds: number): string;
}

const FIELDS = { Y: 4, m: 2, d: 2, H: 2, M: 2, S: 2 } as const;
type Field = keyof typeof FIELDS;

/** The directives' problem in words, or the compiled format. */
export function compileTimeFormat(pattern: string): TimeFormat | string {
  const offsets: Record<Field, number> = { Y: -1, m: -1, d: -1, H: -1, M: -1, S: -1 };
  const literals: Array<[number, number]> = [];
  let width = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c !== '%') {
      literals.push([width, c.charCodeAt(0)]);
      width += 1;
      continue;
    }
    const d = pattern[++i];
    if (d === '%') {
      literals.push([width, 37]);
      width += 1;
    } else if (d !== undefined && d in FIELDS) {
      const field = d as Field;
      if (offsets[field] >= 0) return `%${field} appears twice`;
      offsets[field] = width;
      width += FIELDS[field];
    } else {
      return `unsupported directive %${d ?? ''} (supported: %Y %m %d %H %M %S %%)`;
    }
  }
  const missing = (Object.keys(FIELDS) as Field[]).filter((f) => offsets[f] < 0);
  if (missing.length > 0) return `needs ${missing.map((f) => `%${f}`).join(' ')}`;
  const lit = Int32Array.from(literals.flat());
  const { Y, m, d, H, M, S } = offsets;

  function num(buf: Uint8Array, at: number, n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) {
      const b = (buf[at + k] as number) - 48;
      if (b < 0 || b > 9) return NaN;
      v = v * 10 + b;
    }
    return v;
  }

  return {
    pattern,
    width,
    parse(buf, start, end) {
      if (end - start !== width) return NaN;
      for (let k = 0; k < lit.length; k += 2) {
        if (buf[start + (lit[k] as number)] !== lit[k + 1]) return NaN;
      }
      const year = num(buf, start + Y, 4);
      const month = num(buf, start + m, 2);
      const day = num(buf, start + d, 2);
      const hour = num(buf, start + H, 2);
      const minute = num(buf, start + M, 2);
      const second = num(buf, start + S, 2);
      if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
      if (hour > 23 || minute > 59 || second > 59) return NaN;
      return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
    },
    format(t) {
      const iso = new Date(t * 1000).toISOString();
      const parts: Record<string, string> = {
        Y: iso.slice(0, 4),
        m: iso.slice(5, 7),
        d: iso.slice(8, 10),
        H: iso.slice(11, 13),
        M: iso.slice(14, 16),
        S: iso.slice(17, 19),
      };
      return pattern.replace(/%([YmdHMS%])/g, (_, f: string) => (f === '%' ? '%' : (parts[f] as string)));
    },
  };
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
