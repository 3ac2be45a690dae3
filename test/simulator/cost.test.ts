import { accrued, instanceCost, type BillingRules } from '../../src/simulator/cost';
import { PriceSeries } from '../../src/simulator/prices';

const HOURLY: BillingRules = { period: 3600, refundOutbid: true };
const PER_SECOND: BillingRules = { period: 1, refundOutbid: true };

/** clusterman's worked example: $1/h from t=0, $2/h from t=1800. */
const example = PriceSeries.fromPoints([
  { t: 0, price: 1 },
  { t: 1800, price: 2 },
]);

describe("clusterman's worked example", () => {
  it('hourly billing: one instance for two hours costs $1 + $2 = $3', () => {
    expect(instanceCost(example, 0, { kind: 'running' }, 7200, HOURLY)).toBeCloseTo(3, 12);
  });

  it('per-second billing: the new price applies from 1800 s: 0.5 h x $1 + 1.5 h x $2 = $3.50', () => {
    expect(instanceCost(example, 0, { kind: 'running' }, 7200, PER_SECOND)).toBeCloseTo(3.5, 12);
  });
});

describe('the last period', () => {
  it('a terminated instance pays its partial last period in full', () => {
    // Periods [0,3600) at $1 and [3600,7200) locked at $2; gone at 5400.
    expect(instanceCost(example, 0, { kind: 'terminated', at: 5400 }, 7200, HOURLY)).toBeCloseTo(3, 12);
  });

  it('an outbid spot instance gets its partial period free when refunds are on, and pays it when off', () => {
    const outbid = { kind: 'outbid', at: 5400 } as const;
    expect(instanceCost(example, 0, outbid, 7200, HOURLY)).toBeCloseTo(1, 12);
    expect(instanceCost(example, 0, outbid, 7200, { ...HOURLY, refundOutbid: false })).toBeCloseTo(3, 12);
  });

  it('ending exactly on a period boundary leaves no partial period', () => {
    expect(instanceCost(example, 0, { kind: 'terminated', at: 3600 }, 7200, HOURLY)).toBeCloseTo(1, 12);
    expect(instanceCost(example, 0, { kind: 'outbid', at: 3600 }, 7200, HOURLY)).toBeCloseTo(1, 12);
  });

  it('per second: outbid or not, the cost is the integral up to the end', () => {
    // 1800 s at $1 + 3600 s at $2.
    const expected = 0.5 + 2;
    expect(instanceCost(example, 0, { kind: 'outbid', at: 5400 }, 7200, PER_SECOND)).toBeCloseTo(
      expected,
      12,
    );
    expect(instanceCost(example, 0, { kind: 'terminated', at: 5400 }, 7200, PER_SECOND)).toBeCloseTo(
      expected,
      12,
    );
  });

  it('the partial last period is charged up to the window end only; full=true charges it whole', () => {
    const flat = PriceSeries.fromPoints([{ t: 0, price: 1 }]);
    const gone = { kind: 'terminated', at: 4000 } as const;
    expect(instanceCost(flat, 0, gone, 5000, HOURLY)).toBeCloseTo(5000 / 3600, 12);
    expect(instanceCost(flat, 0, gone, 5000, HOURLY, true)).toBeCloseTo(2, 12);
  });

  it('the partial last period keeps the price locked at its start when the price changes inside it', () => {
    // [3600, 7200) locks $1; the price is $1.50 from 4500; gone at 5400: $1.00 for that period, not $1.25.
    const rising = PriceSeries.fromPoints([
      { t: 0, price: 1 },
      { t: 4500, price: 1.5 },
    ]);
    expect(instanceCost(rising, 0, { kind: 'terminated', at: 5400 }, 7200, HOURLY)).toBeCloseTo(2, 12);
  });

  it('an instance running at the end of the window is charged up to the end only', () => {
    expect(instanceCost(example, 0, { kind: 'running' }, 5400, HOURLY)).toBeCloseTo(
      1 + (2 * 1800) / 3600,
      12,
    );
  });
});

describe('locking the price at each period start', () => {
  const prices = PriceSeries.fromPoints([
    { t: 0, price: 1 },
    { t: 3000, price: 3 },
    { t: 4200, price: 5 },
  ]);

  it('periods start at the launch, and a change exactly at a period start applies to it', () => {
    // Launched at 600: [600,4200) locks $1 (the $3 at 3000 is mid-period), [4200,7800) locks $5, then 200 s at $5.
    expect(instanceCost(prices, 600, { kind: 'running' }, 8000, HOURLY)).toBeCloseTo(
      1 + 5 + (5 * 200) / 3600,
      12,
    );
  });

  it('accrues part of a window with the rate locked before it', () => {
    // From 1000 to 2000 inside the period [0,3600), locked at $1 even though nothing changes.
    expect(accrued(example, 0, 1000, 2000, 3600)).toBeCloseTo(1000 / 3600, 12);
    // From 3000 to 5000: [3000,3600) at $1 locked at 0, [3600,5000) at $2 locked at 3600.
    expect(accrued(example, 0, 3000, 5000, 3600)).toBeCloseTo((600 * 1 + 1400 * 2) / 3600, 12);
  });

  it('a market costs nothing before its first price, and --discount multiplies every price', () => {
    const late = PriceSeries.fromPoints([{ t: 1800, price: 2 }], 0.5);
    expect(late.at(0)).toBe(0);
    expect(late.at(1800)).toBe(1);
    expect(instanceCost(late, 0, { kind: 'running' }, 3600, PER_SECOND)).toBeCloseTo(0.5, 12);
  });

  it('per-second billing over many price changes equals the plain integral of the price', () => {
    const points = Array.from({ length: 500 }, (_, i) => ({ t: i * 97, price: ((i * 37) % 11) / 10 }));
    const series = PriceSeries.fromPoints(points);
    let integral = 0;
    for (let t = 50; t < 40_000; t++) integral += series.at(t) / 3600;
    expect(instanceCost(series, 50, { kind: 'running' }, 40_000, PER_SECOND)).toBeCloseTo(integral, 9);
  });

  it('refuses price points out of order', () => {
    expect(() =>
      PriceSeries.fromPoints([
        { t: 5, price: 1 },
        { t: 5, price: 2 },
      ]),
    ).toThrow(/increasing/);
  });
});
