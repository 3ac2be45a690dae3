import { parseDuration, TimeError } from '../../src/time';

describe('parseDuration accepts', () => {
  it.each([
    ['1m', 60],
    ['90s', 90],
    ['1h30m', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['.5m', 30],
    ['5 minutes', 300],
    ['5 mins', 300],
    ['5 Minutes', 300],
    ['1 hour 30 minutes', 5400],
    ['1 hour and 30 minutes', 5400],
    ['1 hour, 30 minutes', 5400],
    ['2 days', 172_800],
    ['1d12h', 129_600],
    ['1w', 604_800],
    ['3 weeks', 1_814_400],
    ['2 hrs', 7200],
    ['1 sec', 1],
    ['1s', 1],
    ['PT1M30S', 90],
    ['pt1m30s', 90],
    ['PT1H', 3600],
    ['PT0.5S', 0.5],
    ['P1D', 86_400],
    ['P1W', 604_800],
    ['P1DT1H', 90_000],
    ['P1DT1H1M1S', 90_061],
    ['60', 60],
    ['0.5', 0.5],
    ['0', 0],
    ['0s', 0],
    [' 1m ', 60],
    ['-5', -5],
    ['-1m', -60],
    ['- 1h30m', -5400],
    ['+1m', 60],
    ['-PT1M', -60],
  ])('%s = %d s', (input, seconds) => {
    expect(parseDuration(input)).toBe(seconds);
  });

  it('takes numbers as seconds, including fractional and non-positive ones', () => {
    expect(parseDuration(60)).toBe(60);
    expect(parseDuration(0.25)).toBe(0.25);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(-5)).toBe(-5);
  });

  const aliases: [string, number][] = [
    ['s', 1],
    ['sec', 1],
    ['secs', 1],
    ['second', 1],
    ['seconds', 1],
    ['m', 60],
    ['min', 60],
    ['mins', 60],
    ['minute', 60],
    ['minutes', 60],
    ['h', 3600],
    ['hr', 3600],
    ['hrs', 3600],
    ['hour', 3600],
    ['hours', 3600],
    ['d', 86_400],
    ['day', 86_400],
    ['days', 86_400],
    ['w', 604_800],
    ['week', 604_800],
    ['weeks', 604_800],
  ];
  it.each(aliases)('unit %s, with and without a space', (unit, seconds) => {
    expect(parseDuration(`2${unit}`)).toBe(2 * seconds);
    expect(parseDuration(`2 ${unit}`)).toBe(2 * seconds);
  });
});

describe('parseDuration rejects', () => {
  it.each([
    '',
    '   ',
    '-',
    '+',
    '--5',
    '1h-30m',
    '1h -30m',
    '1h+30m',
    '5 lightyears',
    '1 month',
    '1y',
    '1ms',
    '1M',
    '1H',
    'P1Y',
    'P1M',
    'P',
    'PT',
    'P1DT',
    'PT1M30S extra',
    'abc',
    'm',
    '1h30',
    '1 hour and',
    'and 1 hour',
    '1..5s',
    '1.s',
    '1e3',
    '1,5s',
    '5 m s',
    'Infinity',
    'NaN',
  ])('%j', (input) => {
    expect(() => parseDuration(input)).toThrow(TimeError);
    expect(() => parseDuration(input)).toThrow(`cannot understand duration '${input}'`);
  });

  it('names an unknown unit', () => {
    expect(() => parseDuration('5 lightyears')).toThrow(
      "cannot understand duration '5 lightyears' (unknown unit 'lightyears') (use a number of seconds, or units s m h d w",
    );
    expect(() => parseDuration('P1Y')).toThrow("(unknown unit 'Y')");
  });

  it('refuses numbers that are not finite and values of other types', () => {
    expect(() => parseDuration(NaN)).toThrow(TimeError);
    expect(() => parseDuration(Infinity)).toThrow(TimeError);
    expect(() => parseDuration(-Infinity)).toThrow(TimeError);
    expect(() => parseDuration(null as unknown as string)).toThrow(TimeError);
  });
});
