import { compareResults } from '../../src/simulator/compare';
import { REPORT_TYPES, type ResultView, type StepSeries } from '../../src/simulator/result';

function view(name: string, times: number[], values: Array<number | null>, totalCost: number): ResultView {
  const s: StepSeries = { times, values };
  return {
    name,
    start: 0,
    end: 100,
    totals: {
      totalCost,
      avgCpus: 10,
      avgCpusAllocated: 5,
      avgUnusedCpus: 5,
      unusedCpusCost: 0,
      costPerCpuHour: 1,
      oversubscribedCpuHours: 0,
    },
    counts: { instancesLaunched: 1, instancesTerminated: 0, instancesOutbid: 0, events: 3 },
    resources: { mem: { avgCapacity: 8 * totalCost, avgAllocated: 4 } },
    series: Object.fromEntries(REPORT_TYPES.map((t) => [t, s])) as ResultView['series'],
  };
}

describe('compareResults', () => {
  it('combines step series at the union of their change times', () => {
    const a = view('a', [0, 50], [4, 8], 6);
    const b = view('b', [0, 25], [2, 4], 3);
    const c = compareResults(a, b, 'truediv');
    expect(c.name).toBe('[a] / [b]');
    expect(c.series.cpus).toEqual({ times: [0, 25, 50], values: [2, 1, 2] });
    expect(c.totals.totalCost).toBe(2);
    expect(compareResults(a, b, 'add').series.cpus.values).toEqual([6, 8, 12]);
    expect(c.resources).toEqual({ mem: { avgCapacity: 2, avgAllocated: 1 } });
  });

  it('division by zero and missing values are null, never Infinity', () => {
    const a = view('a', [0], [4], 6);
    const b = view('b', [0, 10], [0, null], 0);
    const c = compareResults(a, b, 'truediv');
    expect(c.series.cpus.values).toEqual([null, null]);
    expect(c.totals.totalCost).toBeNull();
    expect(c.totals.avgCpus).toBe(1);
  });
});
