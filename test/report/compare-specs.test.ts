/** The compare page's utilization chart: the runs' setpoint ± margin bands behind A and B. */
import { compareSpec } from '../../src/report/compare-specs';
import { compareRuns } from '../../src/simulator/compare';
import { REPORT_TYPES, type ResultView } from '../../src/simulator/result';

function view(name: string, setpoint?: { setpoint: number; margin: number }): ResultView {
  return {
    name,
    start: 0,
    end: 7200,
    totals: {
      totalCost: 1,
      avgCpus: 10,
      avgCpusAllocated: 5,
      avgUnusedCpus: 5,
      unusedCpusCost: 0,
      costPerCpuHour: 0.1,
      oversubscribedCpuHours: 0,
    },
    counts: { instancesLaunched: 1, instancesTerminated: 0, instancesOutbid: 0, events: 1 },
    resources: {},
    series: Object.fromEntries(
      REPORT_TYPES.map((t) => [t, { times: [0, 3600], values: [t === 'cpus' ? 10 : 6, 7] }]),
    ) as unknown as ResultView['series'],
    ...(setpoint && { overview: { spotCost: { times: [0], values: [0] }, setpoint } }),
  };
}

interface Layer {
  readonly mark?: { readonly type?: string };
  readonly encoding: { readonly fill: { readonly datum: string } };
  readonly data: { readonly values: ReadonlyArray<{ readonly lo: number; readonly hi: number }> };
}

/** The bands drawn on the 'A and B over time' panel: legend label, lo and hi. */
function bands(a: ResultView, b: ResultView): Array<[string, number, number]> {
  const spec = compareSpec('utilization', compareRuns({ view: a }, { view: b }, 'truediv'), {
    start: 0,
    end: 7200,
    zone: 'UTC',
  }) as { vconcat: Array<{ layer?: Layer[] }> };
  return (spec.vconcat[0]!.layer ?? [])
    .filter((l) => l.mark?.type === 'rect')
    .map((l) => [l.encoding.fill.datum, l.data.values[0]!.lo, l.data.values[0]!.hi]);
}

describe('the compare utilization chart', () => {
  const seventy = { setpoint: 0.7, margin: 0.05 };
  it('draws one band when both runs aim at the same setpoint, each run’s own when they differ', () => {
    const near = (x: number) => expect.closeTo(x, 12) as unknown as number;
    expect(bands(view('a', seventy), view('b', seventy))).toEqual([
      ['A and B: setpoint 70 % ± 5 %', near(0.65), near(0.75)],
    ]);
    expect(bands(view('a', seventy), view('b', { setpoint: 0.6, margin: 0.1 }))).toEqual([
      ['A: setpoint 70 % ± 5 %', near(0.65), near(0.75)],
      ['B: setpoint 60 % ± 10 %', near(0.5), near(0.7)],
    ]);
    expect(bands(view('a'), view('b', seventy))).toEqual([
      ['B: setpoint 70 % ± 5 %', near(0.65), near(0.75)],
    ]);
  });

  it('draws none when neither run had an autoscaler, and none on other charts', () => {
    expect(bands(view('a'), view('b'))).toEqual([]);
    const cost = compareSpec('cost', compareRuns({ view: view('a', seventy) }, { view: view('b') }, 'sub'), {
      start: 0,
      end: 7200,
      zone: 'UTC',
    });
    expect(JSON.stringify(cost)).not.toContain('setpoint');
  });
});
