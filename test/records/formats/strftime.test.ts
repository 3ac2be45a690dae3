import { RecordFormatError } from '../../../src/records/formats/errors';
import { compileStrftime, pythonDatetimeText } from '../../../src/records/formats/strftime';
import { Timestamp } from '../../../src/records/formats/types';

/** Expected texts were printed by CPython 3.11's datetime.strftime on Linux (glibc) for the same instants. */
const FORMAT =
  '%a %A %b %B %C %d %e %G %g %H %I %j %k %l %m %M %S %u %U %V %w %W %y %Y %f %p %z %D %F %T %R %r %c %h %%';
const CASES: [string, Timestamp, string, string][] = [
  [
    'midnight UTC, New Year',
    new Timestamp(1704067200000, 0),
    'Mon Monday Jan January 20 01  1 2024 24 00 12 001  0 12 01 00 00 1 00 01 1 01 24 2024 000000 AM +0000 01/01/24 2024-01-01 00:00:00 00:00 12:00:00 AM Mon Jan  1 00:00:00 2024 Jan %',
    '2024-01-01 00:00:00+00:00',
  ],
  [
    'microseconds at +05:30, ISO week of the next year',
    new Timestamp(1735583399123.456, 330),
    'Mon Monday Dec December 20 30 30 2025 25 23 11 365 23 11 12 59 59 1 52 01 1 53 24 2024 123456 PM +0530 12/30/24 2024-12-30 23:59:59 23:59 11:59:59 PM Mon Dec 30 23:59:59 2024 Dec %',
    '2024-12-30 23:59:59.123456+05:30',
  ],
  [
    'a Sunday at -08:00 in ISO week 53 of the year before',
    new Timestamp(1609707909500, -480),
    'Sun Sunday Jan January 20 03  3 2020 20 13 01 003 13  1 01 05 09 7 01 53 0 00 21 2021 500000 PM -0800 01/03/21 2021-01-03 13:05:09 13:05 01:05:09 PM Sun Jan  3 13:05:09 2021 Jan %',
    '2021-01-03 13:05:09.500000-08:00',
  ],
  [
    'a leap day',
    new Timestamp(1582977600000, 0),
    'Sat Saturday Feb February 20 29 29 2020 20 12 12 060 12 12 02 00 00 6 08 09 6 08 20 2020 000000 PM +0000 02/29/20 2020-02-29 12:00:00 12:00 12:00:00 PM Sat Feb 29 12:00:00 2020 Feb %',
    '2020-02-29 12:00:00+00:00',
  ],
];

describe('compileStrftime', () => {
  it.each(CASES)('prints what Python prints: %s', (_name, ts, expected) => {
    expect(compileStrftime(FORMAT)(ts)).toBe(expected);
  });

  it('prints the NCSA time of the apache pattern in the offset the run started with', () => {
    const ncsa = compileStrftime('%d/%b/%Y:%H:%M:%S %z');
    expect(ncsa(new Timestamp(Date.UTC(2024, 0, 1, 0, 0, 1, 596), 0))).toBe('01/Jan/2024:00:00:01 +0000');
    expect(ncsa(new Timestamp(Date.UTC(2024, 0, 1, 0, 0, 1), 330))).toBe('01/Jan/2024:05:30:01 +0530');
  });

  it('gives %s as true epoch seconds, whatever the offset, floored', () => {
    const s = compileStrftime('%s');
    expect(s(new Timestamp(1704067200999.9, 0))).toBe('1704067200');
    expect(s(new Timestamp(1704067200000, 330))).toBe('1704067200');
    expect(s(new Timestamp(-1500, 0))).toBe('-2');
  });

  it('prints %s alone (its own fast path) as %s within a longer format does, out of time order too', () => {
    const alone = compileStrftime('%s');
    const within = compileStrftime('<%s>');
    for (const ms of [
      1704067200999.9995, 1704067199000, -1, -1000.0004, 0, 253402300799999, 1704067200000.0002,
    ])
      for (const offset of [0, 330, -225]) {
        const t = new Timestamp(ms, offset);
        expect(`<${alone(t)}>`).toBe(within(t));
      }
  });

  it('drops padding with %-d, as glibc does', () => {
    expect(compileStrftime('%-d/%-m %-H')(new Timestamp(1609707909500, -480))).toBe('3/1 13');
  });

  it('names the zone UTC or by its offset', () => {
    const z = compileStrftime('%Z');
    expect(z(new Timestamp(0, 0))).toBe('UTC');
    expect(z(new Timestamp(0, -90))).toBe('UTC-01:30');
  });

  it('reuses the text within a second but not across seconds or offsets', () => {
    const f = compileStrftime('%H:%M:%S %z');
    const t = Date.UTC(2024, 0, 1, 10, 0, 0);
    expect(f(new Timestamp(t, 0))).toBe('10:00:00 +0000');
    expect(f(new Timestamp(t + 999, 0))).toBe('10:00:00 +0000');
    expect(f(new Timestamp(t + 1000, 0))).toBe('10:00:01 +0000');
    expect(f(new Timestamp(t + 1000, 60))).toBe('11:00:01 +0100');
    const micro = compileStrftime('%S.%f');
    expect(micro(new Timestamp(t + 1, 0))).toBe('00.001000');
    expect(micro(new Timestamp(t + 2, 0))).toBe('00.002000');
  });

  it.each([
    ['%Q', "unknown directive '%Q'"],
    ['%-a', "unknown directive '%-a'"],
    ['%H:%', 'lone'],
  ])('refuses %s when compiled', (format, words) => {
    expect(() => compileStrftime(format)).toThrow(RecordFormatError);
    expect(() => compileStrftime(format)).toThrow(words);
  });
});

describe('pythonDatetimeText', () => {
  it.each(CASES)("is Python's str(datetime): %s", (_name, ts, _strftime, expected) => {
    expect(pythonDatetimeText(ts)).toBe(expected);
  });
});
