import { dailyExtents, dailyQuartiles, gridStep, isSparse, sampleSeries } from '../../src/report/sample';

describe('chart samples', () => {
  it('use a grid of at least a minute and at most ~1200 points (charts are 760 px wide)', () => {
    expect(gridStep(0, 3600)).toBe(60);
    expect(gridStep(0, 90 * 86400)).toBe(6480);
    expect((90 * 86400) / gridStep(0, 90 * 86400)).toBeLessThanOrEqual(1200);
  });

  it('in max mode keep the highest value of each step, so a one-minute spike is not stepped over', () => {
    // 2 days: a 180 s grid; the spike lasts 60 s between two grid times.
    const series = { times: [0, 1000, 1060], values: [0, 25, 0] };
    expect(sampleSeries(series, 0, 2 * 86400, 'UTC').some((s) => s.value > 0)).toBe(false);
    const max = sampleSeries(series, 0, 2 * 86400, 'UTC', 'max');
    expect(max.filter((s) => s.value > 0).map((s) => [s.t / 1000, s.value])).toEqual([[900, 25]]);
  });

  it('take the value in effect at each grid time, skipping undefined stretches, in the report zone', () => {
    const series = { times: [0, 90, 200], values: [1, null, 3] };
    const samples = sampleSeries(series, 0, 300, 'America/Los_Angeles');
    expect(samples.map((s) => [s.t / 1000, s.value])).toEqual([
      [0, 1],
      [60, 1],
      [240, 3],
    ]);
    // 1970-01-01T00:00Z is 16:00 the day before in Los Angeles.
    expect(samples[0]).toMatchObject({ hour: 16, date: '1969-12-31' });
    expect(samples[1]!.hour).toBeCloseTo(16 + 1 / 60, 10);
  });

  it('summarise each local day by its quartiles', () => {
    const day = (date: string, values: number[]) =>
      values.map((value) => ({ t: 0, lt: 0, value, hour: 0, date }));
    expect(dailyQuartiles([...day('2017-12-01', [4, 1, 3, 2]), ...day('2017-12-02', [10])])).toEqual([
      { date: '2017-12-01', day: 0, lt: Date.UTC(2017, 11, 1), p25: 1.75, p50: 2.5, p75: 3.25 }, // interpolated between ranks
      { date: '2017-12-02', day: 1, lt: Date.UTC(2017, 11, 2), p25: 10, p50: 10, p75: 10 },
    ]);
  });

  it('call a series sparse when under a quarter of its samples are non-zero', () => {
    const of = (values: number[]) => values.map((value) => ({ t: 0, lt: 0, value, hour: 0, date: 'd' }));
    expect(isSparse(of([0, 0, 0, 0, 0, 3]))).toBe(true);
    expect(isSparse(of([0, 0, 0, 3]))).toBe(false); // exactly a quarter: the p75 shows it
    expect(isSparse(of([0, 0, 0, 0]))).toBe(false); // all zero: quartiles show that plainly
  });

  it('give exact per-day max and integral over local days, clipped to the window', () => {
    const h = 3600;
    // 2 vCPUs from 22:00 to 02:00 UTC the next day, 10 for one minute at 01:00.
    const series = { times: [0, 22 * h, 25 * h, 25 * h + 60, 26 * h], values: [0, 2, 10, 2, 0] };
    const utc = dailyExtents(series, 0, 2 * 86400, 'UTC');
    expect(utc.map(({ date, lt, max }) => ({ date, lt, max }))).toEqual([
      { date: '1970-01-01', lt: 0, max: 2 },
      { date: '1970-01-02', lt: 86400_000, max: 10 },
    ]);
    expect(utc[0]!.sum).toBe(4);
    expect(utc[1]!.sum).toBeCloseTo(4 + (8 * 60) / h, 12);
    // In Los Angeles (UTC-8) it all falls on 1 January, and the window starts at 16:00 on 31 December.
    const la = dailyExtents(series, 0, 2 * 86400, 'America/Los_Angeles');
    expect(la.map((d) => d.date)).toEqual(['1969-12-31', '1970-01-01', '1970-01-02']);
    expect(la[1]).toMatchObject({ max: 10 });
    expect(la[1]!.sum).toBeCloseTo(8 + (8 * 60) / h, 12);
    expect(la[0]!.sum + la[2]!.sum).toBe(0);
  });
});
