import { Environment } from '../../src/engine';
import { Rng } from '../../src/random/rng';
import { Ledger } from '../../src/simulator/accounting';
import { Cluster, type EndKind, type Instance } from '../../src/simulator/cluster';
import { type BillingRules, type Ending, instanceCost } from '../../src/simulator/cost';
import { PriceSeries } from '../../src/simulator/prices';

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

/**
 * Random instances launched and ended at random whole seconds, with join delays, driven through the engine
 * the way simulate drives them: the ledger hears each launch and end in time order.
 */
function run(seed: bigint, billing: BillingRules, window: number, count: number) {
  const rng = Rng.fromSeed(seed);
  const series = prices(rng, window);
  const planned: Planned[] = [];
  const ledger = new Ledger({
    start: 0,
    end: window,
    billing,
    priceOf: (i) => series[MARKETS.indexOf(i.market)] as PriceSeries,
    allocation: [],
    clampUnusedCost: true,
  });
  const env = new Environment({ start: 0, end: window, onAdvance: (now) => ledger.advance(now) });
  const live: Instance[] = [];
  for (let id = 0; id < count; id++) {
    const launchedAt = Math.floor(rng.random() * window);
    const instance: Instance = {
      id,
      market: MARKETS[id % 2] as (typeof MARKETS)[number],
      vcpus: 2,
      weight: 2,
      resources: RESOURCES,
      spot: true,
      launchedAt,
      joinsAt: launchedAt + (rng.random() < 0.5 ? 0 : rng.random() * 900),
    };
    const endsAt = launchedAt + 1 + Math.floor(rng.random() * 3 * 3600);
    const kind: EndKind = rng.random() < 0.3 ? 'outbid' : 'terminated';
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
      const prices = series[MARKETS.indexOf(instance.market)] as PriceSeries;
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
      allocation: [],
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
