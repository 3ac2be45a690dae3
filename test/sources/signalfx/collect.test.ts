import { dictPoints, SeriesCollector, seriesKey } from '../../../src/sources/signalfx/collect';
import { SignalFxJobError } from '../../../src/sources/signalfx/errors';
import type { SignalFlowMessage } from '../../../src/sources/signalfx/messages';

const meta = (tsId: string, dims: Record<string, string>): SignalFlowMessage => ({
  type: 'metadata',
  tsId,
  properties: { sf_metric: 'cpus', sf_resolutionMs: 60000, jobId: 'j', ...dims },
});
const data = (s: number, points: Array<[string, number | null]>): SignalFlowMessage => ({
  type: 'data',
  logicalTimestampMs: s * 1000,
  points: points.map(([tsId, value]) => ({ tsId, value })),
});

describe('SeriesCollector', () => {
  it('keys series by their dimensions across jobs, skips nulls, keeps one point per time and the window', () => {
    const c = new SeriesCollector(100, 400, 60_000);
    c.newJob();
    for (const m of [
      meta('a1', { AZ: 'us-west-2a' }),
      meta('b1', { AZ: 'us-west-2b' }),
      data(40, [['a1', 9]]), // before the window
      data(100, [
        ['a1', 1],
        ['b1', null],
      ]),
      data(160, [
        ['a1', 2],
        ['b1', 5],
      ]),
    ])
      c.add(m);
    // The next chunk repeats the boundary point, under new tsIds.
    c.newJob();
    for (const m of [
      meta('a2', { AZ: 'us-west-2a' }),
      data(160, [['a2', 2.5]]),
      data(220, [['a2', 3]]),
      data(400, [['a2', 7]]),
    ])
      c.add(m);
    const [a, b] = c.series();
    expect([...a!.points]).toEqual([
      [100, 1],
      [160, 2],
      [220, 3],
    ]);
    expect([...b!.points]).toEqual([[160, 5]]);
    expect(c.lastTimestamp).toBe(400);
  });

  it('names series: the destination alone, or with the dimensions merged in and sorted', () => {
    const c = new SeriesCollector(0, 100, 60_000);
    c.newJob();
    c.add(meta('x', { AZ: 'us-west-2a', cluster: 'y' }));
    const [s] = c.series();
    expect(seriesKey('spot_prices', s!, true)).toBe('spot_prices');
    expect(seriesKey('spot_prices', s!, false)).toBe('spot_prices|AZ=us-west-2a,cluster=y');
    expect(seriesKey('cpus_allocated|pool=p.mesos,cluster=x', s!, false)).toBe(
      'cpus_allocated|AZ=us-west-2a,cluster=y,pool=p.mesos',
    );
  });

  it("builds clusterman's dict points from grouped series", () => {
    const c = new SeriesCollector(0, 1000, 60_000);
    c.newJob();
    c.add(meta('a', { AZ: 'us-west-2a', inst_type: 'c3.8xlarge' }));
    c.add(meta('b', { AZ: 'us-west-2b', inst_type: 'c3.8xlarge' }));
    c.add(data(0, [['b', 3]]));
    c.add(
      data(60, [
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(dictPoints(c.series())).toEqual([
      { t: 0, value: new Map([['us-west-2b,c3.8xlarge', 3]]) },
      {
        t: 60,
        value: new Map([
          ['us-west-2a,c3.8xlarge', 1],
          ['us-west-2b,c3.8xlarge', 2],
        ]),
      },
    ]);
  });

  it('warns about limited result sets and coarser resolutions; fails on CHANNEL_ABORT and errors', () => {
    const c = new SeriesCollector(0, 100, 60_000);
    c.add({
      type: 'info',
      code: 'FIND_LIMITED_RESULT_SET',
      contents: { matchedSize: 20000, limitSize: 10000 },
    });
    c.add({ type: 'info', code: 'JOB_RUNNING_RESOLUTION', contents: { resolutionMs: 300000 } });
    c.add({ type: 'info', code: 'JOB_RUNNING_RESOLUTION', contents: { resolutionMs: 60000 } });
    expect(c.warnings).toEqual([
      'SignalFx limited the result set: 20000 series matched, 10000 returned',
      'SignalFx used a coarser resolution than asked: 300 s instead of 60 s',
    ]);
    expect(() => c.add({ type: 'control', event: 'CHANNEL_ABORT', abortReason: 'Too many series' })).toThrow(
      new SignalFxJobError('SignalFx aborted the job: Too many series'),
    );
    expect(() => c.add({ type: 'error', reason: 'ANALYTICS_PROGRAM_NAME_ERROR: bad' })).toThrow(
      'SignalFx reported an error: ANALYTICS_PROGRAM_NAME_ERROR: bad',
    );
    c.add({ type: 'control', event: 'END_OF_CHANNEL' });
    expect(c.ended).toBe(true);
  });
});
