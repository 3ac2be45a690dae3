import { dailyQuartiles, gridStep, sampleSeries } from '../../src/report/sample';

describe('chart samples', () => {
  it('use a grid of at least a minute and at most ~4000 points', () => {
    expect(gridStep(0, 3600)).toBe(60);
    expect(gridStep(0, 90 * 86400)).toBe(1980);
    expect((90 * 86400) / gridStep(0, 90 * 86400)).toBeLessThanOrEqual(4000);
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
});
