/**
 * Parity with Python clusterman's simulator: its seven cost acceptance scenarios, its rule for the last period
 * at the window's end, and --clusterman-window (nothing carried in, no clamp on the unused cost).
 */
import { MetricsData, type Point } from '../../src/metrics/model';
import { Rng } from '../../src/random/rng';
import { catalogOf } from '../../src/simulator/catalog';
import { simulate, type SimulationOptions } from '../../src/simulator/simulate';

const catalog = catalogOf({
  'c3.8xlarge': { vcpus: 32, memoryGib: 60, diskGb: 640, gpus: 0, onDemandUsdPerHour: 1.68 },
});
const POOL = { cluster: 'c', pool: 'p', scheduler: 'mesos' } as const;
const CAPACITY = 'fulfilled_capacity|cluster=c,pool=p.mesos';
const ALLOCATED = 'cpus_allocated|cluster=c,pool=p.mesos';
const MARKET = { a: '<c3.8xlarge, us-west-2a>', b: '<c3.8xlarge, us-west-2b>' } as const;
const priceKey = (az: string) => `spot_prices|aws_availability_zone=${az},aws_instance_type=c3.8xlarge`;
const HOURLY = { period: 3600, refundOutbid: true };
const PER_SECOND = { period: 1, refundOutbid: false };

type Counts = Partial<Record<keyof typeof MARKET, number>>;

/**
 * A scenario in the words of clusterman's acceptance tests: instance counts per market over time (a count
 * holds until changed) and prices per market, as metrics files would carry them.
 */
function scenario(
  counts: Array<[number, Counts]>,
  prices: Partial<Record<keyof typeof MARKET, Array<[number, number]>>>,
  allocated: Array<[number, number]> = [],
): MetricsData {
  const data = new MetricsData();
  const held: Counts = {};
  const capacity: Point[] = counts.map(([t, change]) => {
    Object.assign(held, change);
    const value = new Map<string, number>();
    for (const [m, n] of Object.entries(held)) value.set(MARKET[m as keyof typeof MARKET], 32 * n);
    return { t, value };
  });
  data.set('metadata', CAPACITY, capacity);
  for (const [m, points] of Object.entries(prices)) {
    const az = m === 'a' ? 'us-west-2a' : 'us-west-2b';
    data.set(
      'metadata',
      priceKey(az),
      points.map(([t, value]) => ({ t, value })),
    );
  }
  if (allocated.length > 0)
    data.set(
      'system_metrics',
      ALLOCATED,
      allocated.map(([t, value]) => ({ t, value })),
    );
  return data;
}

function options(over: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    name: 'parity',
    pool: POOL,
    start: 0,
    end: 7200,
    cpusPerWeight: 1,
    discount: 1,
    joinDelay: { mean: 0, stdev: 0 },
    billing: HOURLY,
    catalog,
    rng: Rng.fromSeed(1n),
    ...over,
  };
}

describe("clusterman's seven cost acceptance scenarios (2 hours)", () => {
  const cases: Array<[string, MetricsData, typeof HOURLY, number]> = [
    ['one instance with constant price', scenario([[0, { a: 1 }]], { a: [[0, 1]] }), HOURLY, 2],
    [
      'one instance with price increase',
      scenario([[0, { a: 1 }]], {
        a: [
          [0, 1],
          [1800, 2],
        ],
      }),
      HOURLY,
      3,
    ],
    [
      'two instances in the same market launched at the same time',
      scenario([[0, { a: 2 }]], {
        a: [
          [0, 1],
          [1800, 2],
        ],
      }),
      HOURLY,
      6,
    ],
    [
      'two instances in the same market launched at different times',
      scenario(
        [
          [0, { a: 1 }],
          [1800, { a: 2 }],
        ],
        {
          a: [
            [0, 1],
            [1200, 2],
          ],
        },
      ),
      HOURLY,
      6,
    ],
    [
      'two instances in different markets launched at different times',
      scenario(
        [
          [0, { a: 1 }],
          [1800, { b: 1 }],
        ],
        {
          a: [
            [0, 1],
            [1200, 2],
          ],
          b: [
            [0, 0.5],
            [4500, 0.75],
          ],
        },
      ),
      HOURLY,
      3.875,
    ],
  ];
  const terminated = scenario(
    [
      [0, { a: 1 }],
      [1920, { b: 1 }],
      [5400, { b: 0 }],
    ],
    {
      a: [
        [0, 1],
        [1800, 2],
      ],
      b: [
        [0, 0.5],
        [4500, 0.75],
      ],
    },
  );
  cases.push(['(per-hour billing) one of two instances terminated', terminated, HOURLY, 3.5]);
  // 0.5 h at $1 + 1.5 h at $2, then 2580 s at $0.50 + 900 s at $0.75: clusterman's $4.05 to the cent.
  cases.push(['(per-second billing) one of two instances terminated', terminated, PER_SECOND, 4.0458333333]);

  it.each(cases)('%s', (_name, data, billing, dollars) => {
    const result = simulate(data, options({ billing }));
    expect(result.totals.totalCost).toBeCloseTo(dollars, 9);
    // Every period here ends inside the window: the full charge is the same.
    expect(result.totalCostWithFinalPeriods).toBeCloseTo(dollars, 9);
  });
});

describe('the last period of a terminated instance (hourly billing)', () => {
  it('is charged up to the window end only: $1/h from 0 to 4,000 s in a 0-5,000 s window costs $1.3889', () => {
    const data = scenario(
      [
        [0, { a: 1 }],
        [4000, { a: 0 }],
      ],
      { a: [[0, 1]] },
    );
    const result = simulate(data, options({ end: 5000 }));
    expect(result.totals.totalCost).toBeCloseTo(5000 / 3600, 12);
    expect(result.totals.totalCost.toFixed(4)).toBe('1.3889');
    // The whole last period, as AWS bills it, is kept apart.
    expect(result.totalCostWithFinalPeriods).toBeCloseTo(2, 12);
  });

  it('is priced at the price locked at its start, not at the termination ($1.00, not $1.25)', () => {
    // The last period [3600, 7200) starts at $1; the price is $1.50 from 4500; the instance goes at 5400.
    // Locked: $1.00 for that period. Priced at the termination: 0.5 h at $1 + 0.5 h at $1.50 = $1.25.
    const data = scenario(
      [
        [0, { a: 1 }],
        [5400, { a: 0 }],
      ],
      {
        a: [
          [0, 1],
          [4500, 1.5],
        ],
      },
    );
    const result = simulate(data, options({ end: 7200 }));
    const lastPeriod = result.totals.totalCost - 1;
    expect(lastPeriod).toBeCloseTo(1.0, 12);
    expect(lastPeriod).not.toBeCloseTo(1.25, 3);
  });
});

describe('--clusterman-window: nothing carried into the window', () => {
  // One instance from t=0 at $1/h, $2/h from 3600; 16 vCPUs allocated throughout. The window starts at 1800,
  // between data points.
  const data = scenario(
    [
      [0, { a: 1 }],
      [3600, { a: 1 }],
    ],
    {
      a: [
        [0, 1],
        [3600, 2],
      ],
    },
    [
      [0, 16],
      [3600, 16],
    ],
  );
  const window = { start: 1800, end: 5400, billing: PER_SECOND };

  it('ours carries in the size, price and allocation in effect at the start', () => {
    const { totals } = simulate(data, options(window));
    expect(totals.totalCost).toBeCloseTo(0.5 * 1 + 0.5 * 2, 12);
    expect(totals.avgCpus).toBeCloseTo(32, 12);
    expect(totals.avgCpusAllocated).toBeCloseTo(16, 12);
  });

  it("clusterman's starts empty: no instance, price or allocation before the window's first point", () => {
    const { totals } = simulate(data, options({ ...window, clustermanWindow: true }));
    expect(totals.totalCost).toBeCloseTo(0.5 * 2, 12);
    expect(totals.avgCpus).toBeCloseTo(16, 12);
    expect(totals.avgCpusAllocated).toBeCloseTo(8, 12);
  });

  it('the unused cost is clamped at 0 in ours and goes negative in clusterman mode when oversubscribed', () => {
    // 32 vCPUs, 48 allocated: a third more than capacity.
    const over = scenario([[0, { a: 1 }]], { a: [[0, 1]] }, [[0, 48]]);
    const ours = simulate(over, options({ billing: PER_SECOND }));
    const theirs = simulate(over, options({ billing: PER_SECOND, clustermanWindow: true }));
    expect(ours.totals.totalCost).toBeCloseTo(2, 12);
    expect(ours.totals.unusedCpusCost).toBe(0);
    expect(theirs.totals.unusedCpusCost).toBeCloseTo((2 * (32 - 48)) / 32, 12);
  });
});
