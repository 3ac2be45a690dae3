/** A comparison's table: A, B and A op B in the operator's words; names that tell the runs apart. */
import { combinedText, comparedRows, factor, windowWarning } from '../../src/report/figures';
import { compareRuns, sideNames } from '../../src/simulator/compare';
import { REPORT_TYPES, type ResultView } from '../../src/simulator/result';

function view(name: string, totalCost: number, start = 0, end = 3600): ResultView {
  return {
    name,
    start,
    end,
    totals: {
      totalCost,
      avgCpus: 10,
      avgCpusAllocated: 5,
      avgUnusedCpus: 5,
      unusedCpusCost: 0,
      costPerCpuHour: totalCost / 10,
      oversubscribedCpuHours: 0,
    },
    counts: { instancesLaunched: 3, instancesTerminated: 1, instancesOutbid: 0, events: 9 },
    resources: {},
    series: Object.fromEntries(
      REPORT_TYPES.map((t) => [t, { times: [start], values: [1] }]),
    ) as unknown as ResultView['series'],
  };
}

describe('comparison figures', () => {
  it('show a ratio as a factor and a difference signed, in the figure unit', () => {
    expect(factor(4118.21 / 1970.23)).toBe('×2.09');
    expect(factor(0.9532)).toBe('×0.953');
    expect(combinedText('truediv', 2.0902, 'money')).toBe('×2.09');
    expect(combinedText('sub', 2147.98, 'money')).toBe('+$2,147.98');
    expect(combinedText('sub', -0.5, 'money')).toBe('-$0.50');
    expect(combinedText('sub', -1200, 'count')).toBe('-1,200');
    expect(combinedText('sub', 1e-13, 'amount')).toBe('+0.00');
    expect(combinedText('add', 12.5, 'money')).toBe('$12.50');
    expect(combinedText('truediv', null, 'money')).toBe('n/a');
  });

  it('give each figure for A, for B and combined', () => {
    const c = compareRuns({ view: view('hourly', 4118.21) }, { view: view('per-second', 1970.23) }, 'sub');
    const [cost] = comparedRows(c);
    expect(cost).toEqual({ label: 'total cost', a: '$4,118.21', b: '$1,970.23', combined: '+$2,147.98' });
    const launched = comparedRows(
      compareRuns({ view: view('a', 1) }, { view: view('b', 2) }, 'truediv'),
    ).find((r) => r.label === 'instances launched');
    expect(launched).toEqual({ label: 'instances launched', a: '3', b: '3', combined: '×1.00' });
  });

  it('give the spot part of the cost its own row', () => {
    const spot = (name: string, total: number, spotCost: number): ResultView => {
      const v = view(name, total);
      return { ...v, totals: { ...v.totals, spotCost } };
    };
    const c = compareRuns({ view: spot('a', 10, 7.5) }, { view: spot('b', 4, 2.5) }, 'sub');
    expect(
      comparedRows(c)
        .map((r) => r.label)
        .slice(0, 2),
    ).toEqual(['total cost', 'spot cost']);
    expect(comparedRows(c)[1]).toEqual({ label: 'spot cost', a: '$7.50', b: '$2.50', combined: '+$5.00' });
    // Results saved before the split have no spot figure.
    const old = compareRuns({ view: view('a', 1) }, { view: spot('b', 4, 2.5) }, 'truediv');
    expect(comparedRows(old)[1]).toEqual({ label: 'spot cost', a: 'n/a', b: '$2.50', combined: 'n/a' });
  });
});

describe('comparison names', () => {
  it('are the runs’ names, falling back to file names when a name is the default or both are alike', () => {
    expect(
      sideNames({ view: view('hourly', 1), file: 'x.gz' }, { view: view('spot', 1), file: 'y.gz' }),
    ).toEqual(['hourly', 'spot']);
    expect(
      sideNames(
        { view: view('simulation', 1), file: 'runs/dec-1h.result.gz' },
        { view: view('simulation', 1), file: 'runs/dec-1s.json.gz' },
      ),
    ).toEqual(['dec-1h', 'dec-1s']);
    // The run itself has no file: it keeps its name; the saved one with the same name goes by its file.
    expect(
      sideNames({ view: view('nightly', 1) }, { view: view('nightly', 1), file: 'old.result.gz' }),
    ).toEqual(['nightly', 'old']);
    expect(
      sideNames({ view: view('simulation', 1), file: 'a.gz' }, { view: view('simulation', 1), file: 'a.gz' }),
    ).toEqual(['a (A)', 'a (B)']);
  });

  it('warn when the windows differ, naming both', () => {
    const iso = (t: number) => new Date(t * 1000).toISOString();
    const same = compareRuns({ view: view('a', 1) }, { view: view('b', 1) }, 'truediv');
    expect(windowWarning(same, iso)).toBeUndefined();
    const apart = compareRuns({ view: view('a', 1) }, { view: view('b', 1, 0, 7200) }, 'truediv');
    expect(windowWarning(apart, iso)).toBe(
      'the windows differ: a covers 1970-01-01T00:00:00.000Z to 1970-01-01T01:00:00.000Z, b 1970-01-01T00:00:00.000Z to 1970-01-01T02:00:00.000Z; totals and averages cover different times',
    );
  });
});
