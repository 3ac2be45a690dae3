import { Environment } from '../../src/engine';
import { Rng } from '../../src/random/rng';
import { Ledger } from '../../src/simulator/accounting';
import { Cluster, type EndKind, type Instance } from '../../src/simulator/cluster';
import { type BillingRules, bill, type Ending, instanceCost } from '../../src/simulator/cost';
import { PriceSeries } from '../../src/simulator/prices';
import { NO_STEPS } from '../../src/simulator/steps';

const RESOURCES = { memGib: 4, diskGb: 10, gpus: 0 };
const MARKETS = [
  { instanceType: 'm3.large', az: 'us-west-2a' },
  { instanceType: 'm3.large', az: 'us-west-2b' },
];

/** A price series per market changing every ~20 minutes at random. */
function prices(rng: Rng, until: number): PriceSeries[] {
  return MARKETS.map(() => {
    const points = [];
    for (let t = 0; t < until; t += 1 + Math.floor(rng.random() * 2400))
      points.push({ t, price: Math.round(rng.random() * 100) / 100 });
    return PriceSeries.fromPoints(points);
  });
}

interface Planned {
  readonly instance: Instance;
  readonly ending: Ending;
}

/** What on-demand instances are billed by in these tests: a fixed price, as simulate has it per type. */
const ON_DEMAND = PriceSeries.constant(0.7);

/** The series an instance is billed by: its market's spot prices, or the on-demand price. */
const priceOf = (series: readonly PriceSeries[], instance: Instance): PriceSeries =>
  instance.spot ? (series[MARKETS.indexOf(instance.market)] as PriceSeries) : ON_DEMAND;

/**
 * Random instances launched and ended at random whole seconds, with join delays, driven through the engine
 * the way simulate drives them: the ledger hears each launch and end in time order. A share of them
 * (`onDemandShare`) are on-demand, which are never outbid.
 */
function run(seed: bigint, billing: BillingRules, window: number, count: number, onDemandShare = 0) {
  const rng = Rng.fromSeed(seed);
  const series = prices(rng, window);
  const planned: Planned[] = [];
  const ledger = new Ledger({
    start: 0,
    end: window,
    billing,
    priceOf: (i) => priceOf(series, i),
    allocation: NO_STEPS,
    clampUnusedCost: true,
  });
  const env = new Environment({ start: 0, end: window, onAdvance: (now) => ledger.advance(now) });
  const live: Instance[] = [];
  for (let id = 0; id < count; id++) {
    const launchedAt = Math.floor(rng.random() * window);
    // Drawn only when asked for, so the all-spot runs keep their random stream.
    const spot = onDemandShare === 0 || rng.random() >= onDemandShare;
    const instance: Instance = {
      id,
      market: MARKETS[id % 2] as (typeof MARKETS)[number],
      vcpus: 2,
      weight: 2,
      resources: RESOURCES,
      spot,
      launchedAt,
      joinsAt: launchedAt + (rng.random() < 0.5 ? 0 : rng.random() * 900),
    };
    const endsAt = launchedAt + 1 + Math.floor(rng.random() * 3 * 3600);
    const kind: EndKind = rng.random() < 0.3 && spot ? 'outbid' : 'terminated';
    const ending: Ending = endsAt < window ? { kind, at: endsAt } : { kind: 'running' };
    planned.push({ instance, ending });
    env.at(launchedAt, 1, 'launch', () => ledger.launched(instance));
    if (ending.kind === 'running') live.push(instance);
    else env.at(ending.at, 1, 'end', () => ledger.ended(instance, endsAt, kind));
  }
  env.run();
  const totals = ledger.finish(live);
  return { totals, ledger, series, planned };
}

describe('the ledger, instance by instance', () => {
  const cases: Array<[string, BillingRules]> = [
    ['hourly, outbid refunds on', { period: 3600, refundOutbid: true }],
    ['hourly, outbid refunds off', { period: 3600, refundOutbid: false }],
    ['per second', { period: 1, refundOutbid: true }],
  ];
  it.each(cases)('bills %s exactly as the sum of every instance billed on its own', (_name, billing) => {
    const window = 2 * 86400;
    const { totals, ledger, series, planned } = run(12n, billing, window, 1500);
    let cost = 0;
    let full = 0;
    let cpuSeconds = 0;
    for (const { instance, ending } of planned) {
      const prices = priceOf(series, instance);
      cost += instanceCost(prices, instance.launchedAt, ending, window, billing);
      full += instanceCost(prices, instance.launchedAt, ending, window, billing, true);
      const leaves = ending.kind === 'running' ? window : ending.at;
      if (instance.joinsAt < leaves) cpuSeconds += 2 * (leaves - instance.joinsAt);
    }
    expect(cost).toBeGreaterThan(10);
    expect(totals.totalCost).toBeCloseTo(cost, 8);
    expect(ledger.totalCostWithFinalPeriods).toBeCloseTo(full, 8);
    expect(totals.avgCpus).toBeCloseTo(cpuSeconds / window, 9);
    expect(ledger.capacitySeconds.memGib).toBeCloseTo(2 * cpuSeconds, 6);
    if (billing.period === 1) expect(full).toBeCloseTo(cost, 9);
    else expect(full).toBeGreaterThan(cost);
  });

  it('records the cost rate as the sum of the locked rates, split into spot and the rest', () => {
    const { ledger } = run(5n, { period: 3600, refundOutbid: true }, 86400, 300);
    const { times, costRate, spotCostRate, cost } = ledger.timeline;
    expect(times.length).toBeGreaterThan(300);
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] as number))).toBe(true);
    // Every instance here is spot; the cumulative cost never falls.
    expect(spotCostRate).toEqual(costRate);
    expect(cost.every((c, i) => i === 0 || c >= (cost[i - 1] as number))).toBe(true);
  });
});

describe('memory follows the live cluster, not the instances launched', () => {
  /** Churn for `days`: every minute each market is resized at random; returns the most objects held at once. */
  function churn(days: number, billing: BillingRules) {
    const rng = Rng.fromSeed(3n);
    const end = days * 86400;
    const series = prices(rng, end);
    const ledger = new Ledger({
      start: 0,
      end,
      billing,
      priceOf: (i) => series[MARKETS.indexOf(i.market)] as PriceSeries,
      allocation: NO_STEPS,
      clampUnusedCost: true,
    });
    const env = new Environment({ start: 0, end, onAdvance: (now) => ledger.advance(now) });
    const cluster = new Cluster(ledger);
    let held = 0;
    const spec = { vcpus: 2, weight: 2, spot: true, resources: RESOURCES };
    const step = (): void => {
      for (const market of MARKETS) cluster.resize(market, rng.randbelow(40), env.now, spec, () => 0);
      if (rng.random() < 0.01) cluster.outbidMarket(MARKETS[0] as (typeof MARKETS)[number], env.now);
      held = Math.max(held, cluster.size + ledger.pendingChanges);
      env.at(env.now + 60, 1, 'resize', step);
    };
    env.at(0, 1, 'resize', step);
    env.run();
    ledger.finish(cluster.instances());
    return { held, launched: cluster.launched };
  }

  it.each([
    ['per second', { period: 1, refundOutbid: true }],
    ['hourly with refunds (a period of changes waits)', { period: 3600, refundOutbid: true }],
  ])('%s: ten times the instances, about the same objects held', (_name, billing) => {
    const one = churn(1, billing);
    const ten = churn(10, billing);
    expect(ten.launched).toBeGreaterThan(9 * one.launched);
    expect(ten.launched).toBeGreaterThan(50 * ten.held);
    // The most held at once depends on the cluster's size and one billing period of changes, not on the run.
    expect(ten.held).toBeLessThan(1.5 * one.held);
  });
});

/** The integral of a timeline's step series over [times[0], end), in USD for a rate in USD per hour. */
function dollars(times: readonly number[], rate: readonly number[], end: number): number {
  let sum = 0;
  for (let i = 0; i < times.length; i++)
    sum += ((rate[i] as number) * ((times[i + 1] ?? end) - (times[i] as number))) / 3600;
  return sum;
}

describe('the cost split into spot and on-demand', () => {
  it('a spot instance and an on-demand one: the rate and the totals split as billed', () => {
    const spotSeries = PriceSeries.fromPoints([
      { t: 0, price: 1 },
      { t: 3600, price: 1.5 },
    ]);
    const onDemandSeries = PriceSeries.constant(2);
    const market = MARKETS[0] as (typeof MARKETS)[number];
    const make = (id: number, spot: boolean, launchedAt: number): Instance => ({
      id,
      market,
      vcpus: 32,
      weight: 32,
      resources: RESOURCES,
      spot,
      launchedAt,
      joinsAt: launchedAt,
    });
    const spot = make(1, true, 0);
    const onDemand = make(2, false, 1800);
    const ledger = new Ledger({
      start: 0,
      end: 7200,
      billing: { period: 1, refundOutbid: true },
      priceOf: (i) => (i.spot ? spotSeries : onDemandSeries),
      allocation: NO_STEPS,
      clampUnusedCost: true,
    });
    ledger.launched(spot);
    ledger.launched(onDemand);
    ledger.ended(onDemand, 5400, 'terminated');
    const totals = ledger.finish([spot]);
    const { times, costRate, spotCostRate } = ledger.timeline;
    expect(times).toEqual([0, 1800, 3600, 5400]);
    expect(costRate).toEqual([1, 3, 3.5, 1.5]);
    expect(spotCostRate).toEqual([1, 1, 1.5, 1.5]);
    // Spot: $1 for the first hour and $1.50 for the second; on-demand: one hour at $2.
    expect(totals.spotCost).toBeCloseTo(2.5, 12);
    expect(totals.totalCost).toBeCloseTo(4.5, 12);
  });

  const cases: Array<[string, BillingRules]> = [
    ['hourly, outbid refunds on', { period: 3600, refundOutbid: true }],
    ['hourly, outbid refunds off', { period: 3600, refundOutbid: false }],
    ['per second', { period: 1, refundOutbid: true }],
  ];
  it.each(cases)(
    '%s: spot and on-demand add up to the total and match each instance billed alone',
    (_n, billing) => {
      const window = 86400;
      const { totals, ledger, series, planned } = run(21n, billing, window, 800, 0.4);
      // Each side as each instance's own bill: its stretches of locked rate, then its final charge.
      const side = { spot: { rated: 0, lumps: 0 }, onDemand: { rated: 0, lumps: 0 } };
      for (const { instance, ending } of planned) {
        const own = instance.spot ? side.spot : side.onDemand;
        const { lump } = bill(
          priceOf(series, instance),
          instance.launchedAt,
          ending,
          window,
          billing,
          (a, b, r) => {
            own.rated += (r * (b - a)) / 3600;
          },
        );
        own.lumps += lump;
      }
      const spotCost = side.spot.rated + side.spot.lumps;
      const onDemandCost = side.onDemand.rated + side.onDemand.lumps;
      expect(planned.filter((p) => p.instance.spot).length).toBeGreaterThan(400);
      expect(planned.filter((p) => !p.instance.spot).length).toBeGreaterThan(250);
      expect(spotCost).toBeGreaterThan(1);
      expect(onDemandCost).toBeGreaterThan(1);
      expect(totals.spotCost).toBeCloseTo(spotCost, 8);
      expect(totals.totalCost - totals.spotCost).toBeCloseTo(onDemandCost, 8);
      expect(totals.totalCost).toBeCloseTo(spotCost + onDemandCost, 8);
      // The timeline's rates, integrated, give each side's billed stretches (final charges are not rates).
      const { times, costRate, spotCostRate } = ledger.timeline;
      const onDemandRate = costRate.map((r, i) => r - (spotCostRate[i] as number));
      expect(dollars(times, spotCostRate, window)).toBeCloseTo(side.spot.rated, 6);
      expect(dollars(times, onDemandRate, window)).toBeCloseTo(side.onDemand.rated, 6);
      expect(spotCostRate.every((r, i) => r >= 0 && r <= (costRate[i] as number) + 1e-9)).toBe(true);
    },
  );
});
