import { parseTime, TimeError, type TimeContext } from '../../src/time';

const NOW_MS = Date.UTC(2017, 11, 1, 12, 0, 0); // Friday 2017-12-01T12:00:00Z
const NOW = NOW_MS / 1000;
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const;
const ctx = (zone: string, nowMs = NOW_MS): TimeContext => ({ nowMs, zone });
const utc = ctx('UTC');
const la = ctx('America/Los_Angeles');
const kolkata = ctx('Asia/Kolkata');

describe('instants written with a zone are honoured as written, whatever ctx.zone is', () => {
  it.each(ZONES)('in %s', (zone) => {
    const c = ctx(zone);
    expect(parseTime('2017-12-01T08:00:00Z', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00z', c)).toBe(1512115200);
    expect(parseTime('2017-12-01t08:00:00Z', c)).toBe(1512115200);
    expect(parseTime('2017-12-01 08:00:00Z', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00Z', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00+00:00', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00+0000', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00+00', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00-00:00', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T00:00:00-08:00', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T00:00:00-0800', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T00:00:00-08', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T13:30:00+05:30', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T13:30:00+0530', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T13:00:00+05', c)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00 Z', c)).toBe(1512115200);
  });

  it('never re-labels a Z time as Pacific', () => {
    expect(parseTime('2017-12-01T08:00:00Z', la)).not.toBe(1512115200 + 8 * 3600);
  });
});

describe('times without a zone are wall-clock times in ctx.zone', () => {
  it.each([
    ['UTC', 1512115200],
    ['America/Los_Angeles', 1512144000],
    ['Asia/Kolkata', 1512095400],
  ])('08:00 in %s', (zone, expected) => {
    expect(parseTime('2017-12-01T08:00:00', ctx(zone))).toBe(expected);
    expect(parseTime('2017-12-01 08:00:00', ctx(zone))).toBe(expected);
    expect(parseTime('2017-12-01T08:00', ctx(zone))).toBe(expected);
    expect(parseTime('2017-12-01T08:00:00.75', ctx(zone))).toBe(expected);
  });

  it.each([
    ['UTC', 1512086400],
    ['America/Los_Angeles', 1512115200],
    ['Asia/Kolkata', 1512066600],
  ])('a date alone is midnight in %s', (zone, expected) => {
    expect(parseTime('2017-12-01', ctx(zone))).toBe(expected);
  });

  it('takes the earlier instant for an ambiguous time and skips forward over a DST gap', () => {
    // 2017-11-05 01:30 happens twice in Los Angeles: first PDT (08:30Z), then PST (09:30Z).
    expect(parseTime('2017-11-05T01:30:00', la)).toBe(1509870600);
    expect(parseTime('2017-11-05T01:30:00-08:00', la)).toBe(1509874200);
    // 2017-03-12 02:30 does not exist in Los Angeles; it becomes 03:30 PDT (10:30Z).
    expect(parseTime('2017-03-12T02:30:00', la)).toBe(1489314600);
    expect(parseTime('2017-03-12T03:30:00', la)).toBe(1489314600);
    expect(parseTime('2017-03-12T01:59:59', la)).toBe(1489312799);
  });
});

describe('fractional seconds and numbers floor to whole seconds', () => {
  it('floors fractions', () => {
    expect(parseTime('2017-12-01T08:00:00.999Z', utc)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00,5Z', utc)).toBe(1512115200);
    expect(parseTime('2017-12-01T08:00:00.123456789+05:30', utc)).toBe(1512115200 - 19800);
    expect(parseTime('1969-12-31T23:59:59.5Z', utc)).toBe(-1);
  });

  it('takes numbers, numeric text and Dates as instants', () => {
    expect(parseTime(1512115200, la)).toBe(1512115200);
    expect(parseTime(1512115200.9, la)).toBe(1512115200);
    expect(parseTime(-0.5, la)).toBe(-1);
    expect(parseTime('1512115200', la)).toBe(1512115200);
    expect(parseTime(' 1512115200.5 ', la)).toBe(1512115200);
    expect(parseTime(new Date('2017-12-01T08:00:00.900Z'), la)).toBe(1512115200);
    expect(() => parseTime(NaN, utc)).toThrow(TimeError);
    expect(() => parseTime(Infinity, utc)).toThrow(TimeError);
    expect(() => parseTime(new Date('nope'), utc)).toThrow(TimeError);
  });
});

describe('now and compact relative times', () => {
  it.each(ZONES)('are exact offsets from now in %s', (zone) => {
    const c = ctx(zone);
    expect(parseTime('now', c)).toBe(NOW);
    expect(parseTime(' NOW ', c)).toBe(NOW);
    expect(parseTime('-12h', c)).toBe(NOW - 12 * 3600);
    expect(parseTime('+30m', c)).toBe(NOW + 30 * 60);
    expect(parseTime('-1d12h', c)).toBe(NOW - 36 * 3600);
    expect(parseTime('-1h30m', c)).toBe(NOW - 5400);
    expect(parseTime('-1h 30m', c)).toBe(NOW - 5400);
    expect(parseTime('-90s', c)).toBe(NOW - 90);
    expect(parseTime('-2w', c)).toBe(NOW - 14 * 86400);
    expect(parseTime('- 1h', c)).toBe(NOW - 3600);
    expect(parseTime('-1.5h', c)).toBe(NOW - 5400);
    expect(parseTime('-.5m', c)).toBe(NOW - 30);
    expect(parseTime('+0s', c)).toBe(NOW);
    expect(parseTime('now-12h', c)).toBe(NOW - 12 * 3600);
    expect(parseTime('now + 1d', c)).toBe(NOW + 86400);
  });

  it('counts a compact day as 24 hours, even across DST', () => {
    const afterSpringForward = ctx('America/Los_Angeles', Date.UTC(2017, 2, 12, 20));
    expect(parseTime('-1d', afterSpringForward)).toBe(Date.UTC(2017, 2, 11, 20) / 1000);
  });

  it('floors when now has milliseconds', () => {
    const c = ctx('UTC', NOW_MS + 999);
    expect(parseTime('now', c)).toBe(NOW);
    expect(parseTime('-1s', c)).toBe(NOW - 1);
    expect(parseTime('-0.5s', c)).toBe(NOW);
    expect(parseTime('-1.5s', ctx('UTC'))).toBe(NOW - 2);
  });
});

describe('rejections', () => {
  const hint =
    "(use ISO-8601 like 2017-12-01T08:00:00Z, a relative time like -12h, or a phrase like '3 months ago')";

  it('quotes the input in a one-line message', () => {
    expect(() => parseTime('tomorow', utc)).toThrow(`cannot understand time 'tomorow' ${hint}`);
    expect(() => parseTime('foo yesterday bar', utc)).toThrow("cannot understand time 'foo yesterday bar'");
  });

  it.each([
    'tomorow',
    'foo yesterday bar',
    'yesterday.',
    'yesterday 25:00',
    'hello',
    '12h',
    '-12x',
    '-',
    '+',
    '--1h',
    '-1 lightyear',
    '3 lightyears ago',
    'now-',
    'nowish',
    '2017-12-01T08:00:00 America/New_York',
    '2017-12-01T08:00:00+05:30:00',
    '20171201T080000Z',
    '2017-12-01T',
    '2017-12-01 garbage',
    'monday-ish',
  ])('%s', (input) => {
    let error: unknown;
    try {
      parseTime(input, la);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TimeError);
    expect((error as Error).message).toContain(`'${input}'`);
    expect((error as Error).message).not.toContain('\n');
  });

  it.each([
    ['2017-02-30', "invalid time '2017-02-30': 2017-02 has no day 30"],
    ['2017-02-29T00:00:00Z', "invalid time '2017-02-29T00:00:00Z': 2017-02 has no day 29"],
    ['2017-13-01', "invalid time '2017-13-01': there is no month 13"],
    ['2017-00-01', 'there is no month 0'],
    ['2017-12-00', 'has no day 0'],
    ['2017-12-01T24:00:00', 'time of day out of range'],
    ['2017-12-01T08:60:00', 'time of day out of range'],
    ['2017-12-01T08:00:60Z', 'time of day out of range'],
    ['2017-12-01T08:00:00+24:00', 'offset +24:00 out of range'],
    ['2017-12-01T08:00:00+05:60', 'offset +05:60 out of range'],
  ])('impossible ISO date %s', (input, message) => {
    expect(() => parseTime(input, utc)).toThrow(TimeError);
    expect(() => parseTime(input, utc)).toThrow(message);
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseTime('2016-02-29T00:00:00Z', utc)).toBe(1456704000);
  });

  it('rejects empty input, odd types, bad contexts, and escapes control characters', () => {
    expect(() => parseTime('', utc)).toThrow(/^time is empty/);
    expect(() => parseTime('   ', utc)).toThrow(TimeError);
    expect(() => parseTime({} as unknown as string, utc)).toThrow(TimeError);
    expect(() => parseTime('now', ctx('Mars/Olympus'))).toThrow("unknown time zone 'Mars/Olympus'");
    expect(() => parseTime('now', ctx('UTC', NaN))).toThrow(TimeError);
    expect(() => parseTime('to\nmorrow', utc)).toThrow('cannot understand time "to\\nmorrow"');
    expect(() => parseTime('x'.repeat(500), utc)).toThrow(`'${'x'.repeat(80)}…'`);
  });
});

it('gives the same answers in Kolkata for inputs that carry their own zone', () => {
  expect(parseTime('2017-12-01T08:00:00Z', kolkata)).toBe(parseTime('2017-12-01T08:00:00Z', utc));
});
