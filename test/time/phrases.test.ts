import { DateTime } from 'luxon';
import { parseTime, TimeError, type TimeContext } from '../../src/time';

const NOW_MS = Date.UTC(2017, 11, 1, 12, 0, 0); // Friday 2017-12-01T12:00:00Z
const ctx = (zone: string, nowMs = NOW_MS): TimeContext => ({ nowMs, zone });
const at = (iso: string) => Date.parse(iso) / 1000;

// Each phrase with its exact answer, written as the local wall clock and offset it should read as.
const CASES: Record<string, [string, number][]> = {
  UTC: [
    ['yesterday', at('2017-11-30T12:00:00Z')],
    ['one month ago', at('2017-11-01T12:00:00Z')],
    ['a month ago', at('2017-11-01T12:00:00Z')],
    ['3 months ago', at('2017-09-01T12:00:00Z')],
    ['last monday 9am', at('2017-11-27T09:00:00Z')],
    ['2 hours ago', at('2017-12-01T10:00:00Z')],
    ['tomorrow noon', at('2017-12-02T12:00:00Z')],
    ['in 3 days', at('2017-12-04T12:00:00Z')],
    ['today', at('2017-12-01T12:00:00Z')],
    ['this morning', at('2017-12-01T06:00:00Z')],
    ['5pm yesterday', at('2017-11-30T17:00:00Z')],
    ['2 days ago at 5pm', at('2017-11-29T17:00:00Z')],
    ['a week ago', at('2017-11-24T12:00:00Z')],
    ['1 year ago', at('2016-12-01T12:00:00Z')],
    ['an hour ago', at('2017-12-01T11:00:00Z')],
    ['1.5 hours ago', at('2017-12-01T10:30:00Z')],
    ['in 2 hours', at('2017-12-01T14:00:00Z')],
    ['Dec 1 2017 8am', at('2017-12-01T08:00:00Z')],
    ['monday', at('2017-12-04T12:00:00Z')], // chrono picks the nearest Monday: the coming one
    ['midnight', at('2017-12-02T00:00:00Z')], // the coming midnight
    ['tomorrow at 9am PST', at('2017-12-02T17:00:00Z')], // a zone in the text wins
    ['-1y', at('2016-12-01T12:00:00Z')], // chrono's own signed units: calendar steps
    ['-3 months', at('2017-09-01T12:00:00Z')],
    ['  Yesterday  ', at('2017-11-30T12:00:00Z')],
  ],
  'America/Los_Angeles': [
    ['yesterday', at('2017-11-30T04:00:00-08:00')],
    ['one month ago', at('2017-11-01T04:00:00-07:00')], // same wall clock, summer offset
    ['3 months ago', at('2017-09-01T04:00:00-07:00')],
    ['last monday 9am', at('2017-11-27T09:00:00-08:00')],
    ['2 hours ago', at('2017-12-01T02:00:00-08:00')],
    ['tomorrow noon', at('2017-12-02T12:00:00-08:00')],
    ['in 3 days', at('2017-12-04T04:00:00-08:00')],
    ['this morning', at('2017-12-01T06:00:00-08:00')],
    ['last night', at('2017-12-01T00:00:00-08:00')], // before 6am, 'last night' is the midnight just gone
    ['Dec 1 2017 8am', at('2017-12-01T08:00:00-08:00')],
    ['tomorrow at 9am PST', at('2017-12-02T09:00:00-08:00')],
    ['tomorrow at 9am EST', at('2017-12-02T09:00:00-05:00')],
  ],
  'Asia/Kolkata': [
    ['yesterday', at('2017-11-30T17:30:00+05:30')],
    ['one month ago', at('2017-11-01T17:30:00+05:30')],
    ['3 months ago', at('2017-09-01T17:30:00+05:30')],
    ['last monday 9am', at('2017-11-27T09:00:00+05:30')],
    ['2 hours ago', at('2017-12-01T15:30:00+05:30')],
    ['tomorrow noon', at('2017-12-02T12:00:00+05:30')],
    ['in 3 days', at('2017-12-04T17:30:00+05:30')],
    ['5pm yesterday', at('2017-11-30T17:00:00+05:30')],
  ],
};

describe.each(Object.keys(CASES))('phrases at 2017-12-01T12:00:00Z in %s', (zone) => {
  it.each(CASES[zone] ?? [])('%s', (phrase, expected) => {
    expect(parseTime(phrase, ctx(zone))).toBe(expected);
  });
});

describe('pinned literal answers', () => {
  it('matches hand-checked epoch seconds', () => {
    expect(parseTime('yesterday', ctx('UTC'))).toBe(1512043200);
    expect(parseTime('one month ago', ctx('UTC'))).toBe(1509537600);
    expect(parseTime('one month ago', ctx('America/Los_Angeles'))).toBe(1509534000);
    expect(parseTime('last monday 9am', ctx('America/Los_Angeles'))).toBe(1511802000);
    expect(parseTime('tomorrow noon', ctx('Asia/Kolkata'))).toBe(1512196200);
  });
});

describe('calendar arithmetic', () => {
  // chrono steps months with JS Date.setMonth, which overflows (03-31 minus a month is 03-03); we clamp to
  // the end of the shorter month instead, which is what luxon's minus({ months }) answers.
  it.each([
    ['one month ago', '2017-03-31T12:00:00Z', '2017-02-28T12:00:00Z', { months: -1 }],
    ['last month', '2017-03-31T12:00:00Z', '2017-02-28T12:00:00Z', { months: -1 }],
    ['in 1 month', '2017-03-31T12:00:00Z', '2017-04-30T12:00:00Z', { months: 1 }],
    ['3 months ago', '2017-05-31T12:00:00Z', '2017-02-28T12:00:00Z', { months: -3 }],
    ['one month ago', '2016-03-31T12:00:00Z', '2016-02-29T12:00:00Z', { months: -1 }],
    ['1 year ago', '2016-02-29T12:00:00Z', '2015-02-28T12:00:00Z', { years: -1 }],
    ['one month ago', '2017-03-15T12:00:00Z', '2017-02-15T12:00:00Z', { months: -1 }],
  ])('%s from %s is %s', (phrase, now, expected, step) => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Kolkata']) {
      const nowMs = Date.parse(now);
      const luxon = DateTime.fromMillis(nowMs, { zone }).plus(step).toSeconds();
      expect(parseTime(phrase, ctx(zone, nowMs))).toBe(luxon);
    }
    expect(parseTime(phrase, ctx('UTC', Date.parse(now)))).toBe(at(expected));
  });
});

describe('phrases around DST in Los Angeles', () => {
  const la = (nowIso: string) => ctx('America/Los_Angeles', Date.parse(nowIso));

  it('spring forward (2017-03-12 02:00 PST -> 03:00 PDT)', () => {
    const now = la('2017-03-12T04:00:00-07:00'); // two hours after the change
    expect(parseTime('yesterday', now)).toBe(at('2017-03-11T04:00:00-08:00')); // 23 hours ago
    expect(parseTime('2 hours ago', now)).toBe(at('2017-03-12T01:00:00-08:00')); // exactly 7200 s
    expect(parseTime('an hour ago', now)).toBe(at('2017-03-12T03:00:00-07:00'));
    expect(parseTime('tomorrow noon', now)).toBe(at('2017-03-13T12:00:00-07:00'));
    expect(parseTime('last monday 9am', now)).toBe(at('2017-03-06T09:00:00-08:00'));
    // 02:30 does not exist on 2017-03-12: it moves forward by the gap, to 03:30 PDT.
    expect(parseTime('yesterday', la('2017-03-13T02:30:00-07:00'))).toBe(at('2017-03-12T03:30:00-07:00'));
  });

  it('fall back (2017-11-05 02:00 PDT -> 01:00 PST)', () => {
    const now = la('2017-11-05T01:30:00-08:00'); // the second 01:30
    expect(parseTime('an hour ago', now)).toBe(at('2017-11-05T01:30:00-07:00'));
    expect(parseTime('2 hours ago', now)).toBe(at('2017-11-05T00:30:00-07:00'));
    expect(parseTime('yesterday', now)).toBe(at('2017-11-04T01:30:00-07:00'));
    expect(parseTime('in 1 day', now)).toBe(at('2017-11-06T01:30:00-08:00')); // 25 hours later
    // 01:30 happens twice on 2017-11-05: the earlier (PDT) one is taken.
    expect(parseTime('yesterday', la('2017-11-06T01:30:00-08:00'))).toBe(at('2017-11-05T01:30:00-07:00'));
  });
});

describe('rejections', () => {
  it.each(['tomorow', 'foo yesterday bar', 'yesterday bar', 'foo yesterday', 'yesterday and today', 'at'])(
    '%s',
    (input) => {
      expect(() => parseTime(input, ctx('UTC'))).toThrow(TimeError);
      expect(() => parseTime(input, ctx('UTC'))).toThrow(`'${input}'`);
    },
  );

  it('refuses ranges', () => {
    expect(() => parseTime('yesterday to today', ctx('UTC'))).toThrow("time 'yesterday to today' is a range");
  });
});
