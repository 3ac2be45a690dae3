/**
 * simulate() without an autoscaler: the cluster's size follows `fulfilled_capacity`, allocation follows
 * `cpus_allocated`, prices follow `spot_prices` (x discount). Events run on the engine in clusterman's order
 * (size changes priority 1, price changes 2); the figures come from one sweep afterwards (accounting.ts).
 */
import { Environment, type FiredEvent } from '../engine';
import type { MetricsData, Point } from '../metrics/model';
import type { Rng } from '../random/rng';
import { account, type StepPoint, type Timeline, type Totals } from './accounting';
import { type InstanceCatalog, specOf, UnknownInstanceType } from './catalog';
import { Cluster } from './cluster';
import type { BillingRules } from './cost';
import { SimulationInputError } from './errors';
import {
  allocatedKey,
  capacityKey,
  type Market,
  marketName,
  parseMarket,
  type PoolRef,
  priceMarket,
} from './markets';
import { PriceSeries } from './prices';

export const PRIORITY = { plain: 0, size: 1, price: 2 } as const;

export interface SimulationOptions {
  readonly name: string;
  readonly pool: PoolRef;
  readonly start: number;
  readonly end: number;
  readonly cpusPerWeight: number;
  /** Multiplies every spot price. */
  readonly discount: number;
  readonly joinDelay: { readonly mean: number; readonly stdev: number };
  readonly billing: BillingRules;
  readonly catalog: InstanceCatalog;
  readonly rng: Rng;
  readonly onEvent?: (event: FiredEvent) => void;
}

export interface SimulationResult {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly totals: Totals;
  readonly timeline: Timeline;
  readonly instancesLaunched: number;
  readonly instancesTerminated: number;
  readonly instancesOutbid: number;
  readonly events: number;
}

export function simulate(data: MetricsData, options: SimulationOptions): SimulationResult {
  const capacity = capacitySeries(data, options.pool);
  const prices = marketPrices(data, options.discount);
  const priceOf = (market: Market): PriceSeries => prices.get(marketName(market))?.series ?? ZERO_PRICE;
  const env = new Environment({ start: options.start, end: options.end, onEvent: options.onEvent });
  const cluster = new Cluster();
  const { mean, stdev } = options.joinDelay;
  let firstSize = true;

  env.at(options.start, PRIORITY.plain, 'SimulationStartEvent', () => undefined);
  for (const [i, point] of sizeEvents(capacity, options.start).entries()) {
    env.schedule(Math.max(point.t, options.start), PRIORITY.size, {
      name: 'ClusterChangeEvent',
      fire: (e) => {
        // The first size joins at once; later launches wait for their join delay.
        const joinDelay =
          firstSize || (mean === 0 && stdev === 0) ? () => 0 : () => options.rng.gauss(mean, stdev);
        firstSize = false;
        applySize(cluster, point, i, options, e.now, joinDelay);
      },
      detail: () => ` new size: ${cluster.size}`,
    });
  }
  // Prices enter the cost through the sweep; their events keep the log and the event count faithful.
  for (const { points } of prices.values()) {
    for (const p of points) env.at(p.t, PRIORITY.price, 'PriceChangeEvent', () => undefined);
  }
  env.run();

  const { totals, timeline } = account({
    instances: cluster.instances(),
    priceOf: (instance) => priceOf(instance.market),
    allocation: numericSteps(
      data.get('system_metrics', allocatedKey(options.pool, 'cpus')) ?? [],
      'cpus_allocated',
    ),
    start: options.start,
    end: options.end,
    billing: options.billing,
  });
  return {
    name: options.name,
    start: options.start,
    end: options.end,
    totals,
    timeline,
    instancesLaunched: cluster.launched,
    instancesTerminated: cluster.terminated,
    instancesOutbid: cluster.outbid,
    events: env.processed,
  };
}

const ZERO_PRICE = PriceSeries.constant(0);

function capacitySeries(data: MetricsData, pool: PoolRef): readonly Point[] {
  const key = capacityKey(pool);
  const points = data.get('metadata', key);
  if (points && points.length > 0) return points;
  const existing = [...data.series('metadata')].map((s) => s.key).filter((k) => k.includes('capacity'));
  throw new SimulationInputError(
    `no capacity series for cluster '${pool.cluster}', pool '${pool.pool}.${pool.scheduler}': looked for ` +
      `metadata '${key}'; capacity series present: ${existing.length > 0 ? existing.map((k) => `'${k}'`).join(', ') : 'none'}`,
  );
}

/** The size in effect at the start (the last point at or before it), then every later point. */
function sizeEvents(points: readonly Point[], start: number): Point[] {
  let from = 0;
  while (from + 1 < points.length && (points[from + 1] as Point).t <= start) from++;
  return points.slice(from);
}

function applySize(
  cluster: Cluster,
  point: Point,
  index: number,
  options: SimulationOptions,
  now: number,
  joinDelay: () => number,
): void {
  const key = capacityKey(options.pool);
  if (typeof point.value === 'number') {
    throw new SimulationInputError(
      `metadata '${key}' point ${index} (t=${point.t}): capacity is a number; without --autoscaler-config it must be {"<instance_type, az>": weight, ...}`,
    );
  }
  const wanted = new Map<string, { market: Market; count: number; vcpus: number }>();
  for (const [name, weight] of point.value) {
    const market = parseMarket(name);
    if (!market) {
      throw new SimulationInputError(
        `metadata '${key}' point ${index}: '${name}' is not a market ('<instance_type, az>')`,
      );
    }
    let vcpus: number;
    try {
      vcpus = specOf(options.catalog, market.instanceType).vcpus;
    } catch (err) {
      if (err instanceof UnknownInstanceType)
        throw new SimulationInputError(`metadata '${key}' point ${index}: ${err.message}`);
      throw err;
    }
    const perInstance = Math.floor(vcpus / options.cpusPerWeight);
    if (perInstance < 1) {
      throw new SimulationInputError(
        `--cpus-per-weight ${options.cpusPerWeight} is more than a ${market.instanceType} has (${vcpus} vCPUs)`,
      );
    }
    wanted.set(marketName(market), { market, count: Math.floor(weight / perInstance), vcpus });
  }
  // Markets missing from the point go to 0.
  for (const market of cluster.markets()) {
    if (!wanted.has(marketName(market))) wanted.set(marketName(market), { market, count: 0, vcpus: 0 });
  }
  for (const { market, count, vcpus } of wanted.values()) {
    cluster.resize(market, count, now, { vcpus, spot: true }, joinDelay);
  }
}

interface MarketPrices {
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
    out.set(marketName(market), { points, series });
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
