/**
 * simulate(): the cluster's size follows `fulfilled_capacity` (follow.ts) or an autoscaler (autoscaler/),
 * allocation follows `cpus_allocated`, prices follow `spot_prices` (x discount). Events run on the engine in clusterman's order
 * (size changes priority 1, price changes 2); the figures come from one sweep afterwards (accounting.ts).
 */
import { Environment, type FiredEvent } from '../engine';
import type { MetricsData, Point } from '../metrics/model';
import type { Rng } from '../random/rng';
import { account, type StepPoint, type Timeline, type Totals } from './accounting';
import type { AutoscalerConfig } from './autoscaler/config';
import { driveAutoscaler } from './autoscaler/drive';
import type { Policy } from './autoscaler/policy';
import { type InstanceCatalog, specOf } from './catalog';
import { Cluster, type Instance } from './cluster';
import type { BillingRules } from './cost';
import { SimulationInputError } from './errors';
import { followCapacity } from './follow';
import {
  allocatedKey,
  type Market,
  marketName,
  type PoolRef,
  priceMarket,
  targetCapacityKey,
} from './markets';
import { PriceSeries } from './prices';
import { RESOURCES, type Resource, resourceAverages, type ResourceAverages } from './resources';

export const PRIORITY = { plain: 0, size: 1, price: 2 } as const;

export interface SimulationOptions {
  readonly name: string;
  readonly pool: PoolRef;
  readonly start: number;
  readonly end: number;
  readonly cpusPerWeight: number;
  /** --ebs-volume-size: GB of EBS added to every instance's disk. */
  readonly ebsGb?: number;
  /** Multiplies every spot price. */
  readonly discount: number;
  readonly joinDelay: { readonly mean: number; readonly stdev: number };
  readonly billing: BillingRules;
  readonly catalog: InstanceCatalog;
  readonly rng: Rng;
  readonly onEvent?: (event: FiredEvent) => void;
  /** Without one, the size follows fulfilled_capacity. */
  readonly autoscaler?: { readonly config: AutoscalerConfig; readonly policy: Policy };
}

export interface SimulationResult {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly totals: Totals;
  /** Memory, disk and GPUs, for those whose allocation the metrics hold. */
  readonly resources: Partial<Record<Resource, ResourceAverages>>;
  readonly timeline: Timeline;
  /** The autoscaler's target capacity (weights) from each change on; absent without an autoscaler. */
  readonly targetCapacity?: readonly StepPoint[];
  /** Markets whose spot instances ran with no spot_prices series at all (so they cost nothing). */
  readonly unpricedMarkets: readonly string[];
  readonly instancesLaunched: number;
  readonly instancesTerminated: number;
  readonly instancesOutbid: number;
  readonly events: number;
}

export function simulate(data: MetricsData, options: SimulationOptions): SimulationResult {
  const run = prepare(data, options);
  run.env.run();
  return run.finish();
}

/**
 * simulate(), giving the event loop a turn every few thousand events: `onProgress` hears the simulated time
 * reached (for a progress bar), and a signal is heard during a long run. The result is simulate()'s.
 */
export async function simulateInSlices(
  data: MetricsData,
  options: SimulationOptions,
  onProgress: (simulatedTime: number) => void,
): Promise<SimulationResult> {
  const run = prepare(data, options);
  await run.env.runInSlices(onProgress);
  return run.finish();
}

/** The events scheduled, and how to sum up once they have run. */
function prepare(
  data: MetricsData,
  options: SimulationOptions,
): { env: Environment; finish: () => SimulationResult } {
  const prices = marketPrices(data, options.discount);
  const spotSeries = (market: Market): PriceSeries => prices.get(marketName(market))?.series ?? ZERO_PRICE;
  const env = new Environment({ start: options.start, end: options.end, onEvent: options.onEvent });
  const cluster = new Cluster();
  const { mean, stdev } = options.joinDelay;
  const joinDelay = {
    first: () => 0,
    later: mean === 0 && stdev === 0 ? () => 0 : () => options.rng.gauss(mean, stdev),
  };
  const allocation = numericSteps(
    data.get('system_metrics', allocatedKey(options.pool, 'cpus')) ?? [],
    'cpus_allocated',
  );

  env.at(options.start, PRIORITY.plain, 'SimulationStartEvent', () => undefined);
  const targets: StepPoint[] | undefined = options.autoscaler ? [] : undefined;
  if (options.autoscaler) {
    const { config, policy } = options.autoscaler;
    const target = data.get('metadata', targetCapacityKey(options.pool));
    driveAutoscaler({
      env,
      cluster,
      config,
      policy,
      catalog: options.catalog,
      cpusPerWeight: options.cpusPerWeight,
      ebsGb: options.ebsGb ?? 0,
      initialTarget:
        config.targetCapacity ?? (target ? numberAt(target, options.start) : undefined) ?? config.minCapacity,
      spotPrice: (market, t) => spotSeries(market).at(t),
      priceChanges: [...prices.values()].flatMap(({ market, points }) =>
        points.map((p) => ({ t: p.t, market })),
      ),
      allocatedAt: (t) => stepAt(allocation, t),
      recentAllocated: (t) =>
        allocation
          .slice(firstAfter(allocation, t - 3600), firstAfter(allocation, t))
          .map((p) => [p.t, p.value]),
      joinDelay,
      priority: { size: PRIORITY.size, price: PRIORITY.price },
      onTarget: (t, value) => targets?.push({ t, value }),
    });
  } else {
    followCapacity({
      env,
      cluster,
      data,
      pool: options.pool,
      cpusPerWeight: options.cpusPerWeight,
      catalog: options.catalog,
      ebsGb: options.ebsGb ?? 0,
      joinDelay,
      priority: PRIORITY.size,
    });
    // Prices enter the cost through the sweep; their events keep the log and the event count faithful.
    for (const { points } of prices.values()) {
      for (const p of points) env.at(p.t, PRIORITY.price, 'PriceChangeEvent', () => undefined);
    }
  }
  return {
    env,
    finish: () => ({
      ...finish(options, cluster, prices, allocation, data, env.processed),
      ...(targets && { targetCapacity: targets }),
    }),
  };
}

function finish(
  options: SimulationOptions,
  cluster: Cluster,
  prices: Map<string, MarketPrices>,
  allocation: readonly StepPoint[],
  data: MetricsData,
  events: number,
): SimulationResult {
  const spotSeries = (market: Market): PriceSeries => prices.get(marketName(market))?.series ?? ZERO_PRICE;
  const onDemand = new Map<string, PriceSeries>();
  const priceOf = (instance: Instance): PriceSeries => {
    if (instance.spot) return spotSeries(instance.market);
    const type = instance.market.instanceType;
    let series = onDemand.get(type);
    if (!series) {
      series = PriceSeries.constant(specOf(options.catalog, type).onDemandUsdPerHour);
      onDemand.set(type, series);
    }
    return series;
  };
  const { totals, timeline } = account({
    instances: cluster.instances(),
    priceOf,
    allocation,
    start: options.start,
    end: options.end,
    billing: options.billing,
  });
  return {
    name: options.name,
    start: options.start,
    end: options.end,
    totals,
    resources: resourceAverages(
      cluster.instances(),
      otherAllocations(data, options.pool),
      options.start,
      options.end,
    ),
    timeline,
    unpricedMarkets: [
      ...new Set(
        cluster
          .instances()
          .filter((i) => i.spot && !prices.has(marketName(i.market)))
          .map((i) => marketName(i.market)),
      ),
    ],
    instancesLaunched: cluster.launched,
    instancesTerminated: cluster.terminated,
    instancesOutbid: cluster.outbid,
    events,
  };
}

function otherAllocations(data: MetricsData, pool: PoolRef): Partial<Record<Resource, StepPoint[]>> {
  const out: Partial<Record<Resource, StepPoint[]>> = {};
  for (const resource of Object.keys(RESOURCES) as Resource[]) {
    const key = allocatedKey(pool, resource);
    const points = data.get('system_metrics', key);
    if (points && points.length > 0) out[resource] = numericSteps(points, key);
  }
  return out;
}

/** Index of the first point after t (binary search: the autoscaler asks every period). */
function firstAfter(points: readonly StepPoint[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as StepPoint).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The value of a step series at t (0 before its first point). */
function stepAt(points: readonly StepPoint[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let value = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = points[mid] as StepPoint;
    if (p.t <= t) {
      value = p.value;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return value;
}

function numberAt(points: readonly Point[], t: number): number | undefined {
  let value: number | undefined;
  for (const p of points) {
    if (p.t > t) break;
    if (typeof p.value === 'number') value = p.value;
  }
  return value;
}

const ZERO_PRICE = PriceSeries.constant(0);

interface MarketPrices {
  readonly market: Market;
  readonly points: readonly StepPoint[];
  readonly series: PriceSeries;
}

/** Every spot_prices series, by market name. */
function marketPrices(data: MetricsData, discount: number): Map<string, MarketPrices> {
  const out = new Map<string, MarketPrices>();
  for (const s of data.series('metadata')) {
    const market = priceMarket(s.key);
    if (!market) continue;
    const points = numericSteps(s.points, s.key);
    const series = PriceSeries.fromPoints(
      points.map((p) => ({ t: p.t, price: p.value })),
      discount,
    );
    out.set(marketName(market), { market, points, series });
  }
  return out;
}

function numericSteps(points: readonly Point[], key: string): StepPoint[] {
  return points.map((p, i) => {
    if (typeof p.value !== 'number')
      throw new SimulationInputError(`'${key}' point ${i} (t=${p.t}): expected a number, got a dict`);
    return { t: p.t, value: p.value };
  });
}
