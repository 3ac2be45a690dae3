/** The timeline's cost rate split into spot and on-demand, for the report's stacked cost chart. */
import { account } from '../../src/simulator/accounting';
import { type Instance, NO_RESOURCES } from '../../src/simulator/cluster';
import { PriceSeries } from '../../src/simulator/prices';

const instance = (id: number, spot: boolean, launchedAt: number, ending: Instance['ending']): Instance => ({
  id,
  market: { instanceType: spot ? 'c3.8xlarge' : 'c5.9xlarge', az: 'us-west-2a' },
  vcpus: 32,
  weight: 32,
  resources: NO_RESOURCES,
  spot,
  launchedAt,
  joinsAt: launchedAt,
  ending,
});

describe('account', () => {
  it('records the spot part of the cost rate; the rest is on-demand', () => {
    const spot = instance(1, true, 0, { kind: 'running' });
    const onDemand = instance(2, false, 1800, { kind: 'terminated', at: 5400 });
    const prices = new Map([
      [
        spot,
        PriceSeries.fromPoints([
          { t: 0, price: 1 },
          { t: 3600, price: 1.5 },
        ]),
      ],
      [onDemand, PriceSeries.constant(2)],
    ]);
    const { timeline, totals } = account({
      instances: [spot, onDemand],
      priceOf: (i) => prices.get(i)!,
      allocation: [],
      start: 0,
      end: 7200,
      billing: { period: 1, refundOutbid: true },
    });
    expect(timeline.times).toEqual([0, 1800, 3600, 5400]);
    expect(timeline.costRate).toEqual([1, 3, 3.5, 1.5]);
    expect(timeline.spotCostRate).toEqual([1, 1, 1.5, 1.5]);
    // The split adds up: spot $2.50 and on-demand $2 make the total.
    expect(totals.totalCost).toBeCloseTo(4.5, 12);
  });
});
