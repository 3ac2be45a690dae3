import { fuzzRange, makeGrid, TimeText } from '../../src/telemetry/grid';

describe('makeGrid', () => {
  it('makes one file per day or per hour, with span / interval slots', () => {
    const days = makeGrid({ date: '2024-02-28', count: 3, interval: 900, fuzz: 0 });
    expect(days.granularity).toBe('day');
    expect(days.slots).toBe(96);
    // Across the leap day.
    expect(days.files.map((f) => f.label)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(days.files[1]!.base).toBe(Date.UTC(2024, 1, 29) / 1000);
    const hours = makeGrid({ date: '2023-02-27T23', count: 2, interval: 60, fuzz: 29 });
    expect(hours.granularity).toBe('hour');
    expect(hours.slots).toBe(60);
    expect(hours.files.map((f) => f.label)).toEqual(['2023-02-27T23', '2023-02-28T00']);
  });

  it.each([
    ['2023-02-29', 3600, 0, /not a date/],
    ['2023-2-27', 3600, 0, /not a date/],
    ['2023-02-27T24', 60, 0, /not a date/],
    ['2023-02-27', 7, 0, /--interval 7 does not divide a day \(86400 s\): try 6 or 8/],
    ['2023-02-27', 7200, 0, null],
    ['2023-02-27T01', 7200, 0, /does not divide an hour \(3600 s\): try 3600/],
    ['2023-02-27', 60, 30, /--fuzz 30 must be .* below half the interval \(< 30\)/],
    ['2023-02-27', 60, 29, null],
  ])('%s, interval %d, fuzz %d', (date, interval, fuzz, problem) => {
    const make = () => makeGrid({ date, count: 1, interval, fuzz });
    if (problem) expect(make).toThrow(problem);
    else expect(make).not.toThrow();
  });
});

describe('fuzzRange', () => {
  it('is ±fuzz inside the file, one-sided at its first and last slots', () => {
    const grid = makeGrid({ date: '2023-02-27', count: 1, interval: 600, fuzz: 120 });
    expect(fuzzRange(grid, 0)).toEqual({ lo: -0, hi: 120 });
    expect(fuzzRange(grid, 5)).toEqual({ lo: -120, hi: 120 });
    expect(fuzzRange(grid, grid.slots - 1)).toEqual({ lo: -120, hi: 0 });
  });
});

describe('TimeText', () => {
  it('formats epoch seconds as YYYY-MM-DD HH:MM:SS in UTC, like toISOString', () => {
    const text = new TimeText();
    for (const t of [0, 1677456000, 1677542399, 1677542400, 1709164861, 4102444799])
      expect(text.format(t)).toBe(new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' '));
  });
});
