/** The summary simulate prints: the cost split into on-demand and spot, in the table and in --json. */
import { summaryJson, summaryRows } from '../../src/cli/simulate-output';
import { REPORT_TYPES, type ResultView } from '../../src/simulator/result';

function view(totalCost: number, spotCost?: number): ResultView {
  return {
    name: 'split',
    start: 0,
    end: 3600,
    totals: {
      totalCost,
      ...(spotCost !== undefined && { spotCost }),
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
      REPORT_TYPES.map((t) => [t, { times: [0], values: [1] }]),
    ) as unknown as ResultView['series'],
  };
}

describe('simulate summary', () => {
  it('splits the total cost into on-demand and spot', () => {
    const rows = new Map(summaryRows(view(1250.5, 1000.25), 1));
    expect(rows.get('total cost')).toBe('$1,250.50');
    expect(rows.get('on-demand cost')).toBe('$250.25');
    expect(rows.get('spot cost')).toBe('$1,000.25');
    const doc = JSON.parse(summaryJson(view(1250.5, 1000.25), 1)) as Record<string, unknown>;
    expect(doc).toMatchObject({ total_cost: 1250.5, on_demand_cost: 250.25, spot_cost: 1000.25 });
    // Right after total_cost, where a reader looks for it.
    expect(Object.keys(doc).slice(3, 6)).toEqual(['total_cost', 'on_demand_cost', 'spot_cost']);
  });

  it('says n/a (null in JSON) for a saved result from before the split', () => {
    const rows = new Map(summaryRows(view(3), 1));
    expect(rows.get('on-demand cost')).toBe('n/a');
    expect(rows.get('spot cost')).toBe('n/a');
    expect(JSON.parse(summaryJson(view(3), 1))).toMatchObject({ on_demand_cost: null, spot_cost: null });
  });
});
