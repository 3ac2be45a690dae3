/**
 * simulate(): the cluster's size follows `fulfilled_capacity` (follow.ts) or an autoscaler (autoscaler/),
 * allocation follows `cpus_allocated`, prices follow `spot_prices` (x discount). Events run on the engine in clusterman's order
 * (size changes priority 1, price changes 2); the ledger (accounting.ts) hears every launch and end and builds
 * the figures and the timeline as the run goes, so only live instances are kept.
 */
import { Environment, type FiredEvent } from '../engine';
import type { SeriesColumns } from '../metrics/columns';
import type { MetricsData } from '../metrics/model';
import type { Rng } from '../random/rng';
import { Ledger, type StepPoint, type Timeline, type Totals } from './accounting';
import type { AutoscalerConfig } from './autoscaler/config';
import { driveAutoscaler } from './autoscaler/drive';
import type { Policy } from './autoscaler/policy';
import { type InstanceCatalog, specOf } from './catalog';
import { Cluster, type Instance } from './cluster';
import type { BillingRules } from './cost';
import { followCapacity } from './follow';
import {
  allocatedKey,
  type Market,
  marketName,
  type PoolRef,
  priceMarket,
  targetCapacityKey,
} from './markets';
import { type PricedMarket, schedulePriceChanges } from './price-events';
import { PriceSeries } from './prices';
import { RESOURCES, type Resource, resourceAverages, type ResourceAverages } from './resources';
import { firstAfter, numberSteps, stepAt, type StepSeries, stepsFrom } from './steps';

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
  /**
   * --clusterman-window: ignore every point before the start (the cluster starts empty, prices at 0,
   * allocation at 0) and leave the unused cost unclamped, reproducing clusterman's figures. Without it the
   * values in effect at the start are carried in, right for a window inside a longer history.
   */
  readonly clustermanWindow?: boolean;
}

export interface SimulationResult {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly totals: Totals;
  /**
   * USD with every terminated instance's last partial period charged in full even past the window's end
   * (what totals.totalCost was before it followed clusterman's rule); equal to it with per-second billing.
   */
  readonly totalCostWithFinalPeriods: number;
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
  const ignoreBefore = options.clustermanWindow ?? false;
  const inWindow = (steps: StepSeries): StepSeries =>
    ignoreBefore ? stepsFrom(steps, options.start) : steps;
  const prices = marketPrices(data, options.discount, inWindow);
  const spotSeries = (market: Market): PriceSeries => prices.get(marketName(market))?.series ?? ZERO_PRICE;
  const unpriced = new Set<string>();
  // By instance type, then zone (or on-demand): asked at every launch and end, so no strings are built.
  const byType = new Map<string, Map<string, PriceSeries>>();
  const priceOf = (instance: Instance): PriceSeries => {
    const { instanceType, az } = instance.market;
    let byZone = byType.get(instanceType);
    if (!byZone) {
      byZone = new Map();
      byType.set(instanceType, byZone);
    }
    const slot = instance.spot ? az : ON_DEMAND;
    let series = byZone.get(slot);
    if (!series) {
      const name = marketName(instance.market);
      if (instance.spot && !prices.has(name)) unpriced.add(name);
      series = instance.spot
        ? spotSeries(instance.market)
        : PriceSeries.constant(specOf(options.catalog, instanceType).onDemandUsdPerHour);
      byZone.set(slot, series);
    }
    return series;
  };
  const allocationKey = allocatedKey(options.pool, 'cpus');
  const allocation = inWindow(numberSteps(data.columns('system_metrics', allocationKey), allocationKey));
  const ledger = new Ledger({
    start: options.start,
    end: options.end,
    billing: options.billing,
    priceOf,
    allocation,
    clampUnusedCost: !ignoreBefore,
  });
  const env = new Environment({
    start: options.start,
    end: options.end,
    onEvent: options.onEvent,
    onAdvance: (now) => ledger.advance(now),
  });
  const cluster = new Cluster(ledger);
  const { mean, stdev } = options.joinDelay;
  const joinDelay = {
    first: () => 0,
    later: mean === 0 && stdev === 0 ? () => 0 : () => options.rng.gauss(mean, stdev),
  };
  const pricedMarkets = [...prices.values()];

  env.at(options.start, PRIORITY.plain, 'SimulationStartEvent', () => undefined);
  const targets: StepPoint[] | undefined = options.autoscaler ? [] : undefined;
  if (options.autoscaler) {
    const { config, policy } = options.autoscaler;
    const target = data.columns('metadata', targetCapacityKey(options.pool));
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
      pricedMarkets,
      allocatedAt: (t) => stepAt(allocation, t),
      recentAllocated: (t) => recent(allocation, t - 3600, t),
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
      ignoreBefore,
    });
    // Prices enter the cost through the ledger; their events keep the log and the event count faithful.
    schedulePriceChanges(env, pricedMarkets, PRIORITY.price);
  }
  const finish = (): SimulationResult => {
    const totals = ledger.finish(cluster.instances());
    return {
      name: options.name,
      start: options.start,
      end: options.end,
      totals,
      totalCostWithFinalPeriods: ledger.totalCostWithFinalPeriods,
      resources: resourceAverages(
        ledger.capacitySeconds,
        otherAllocations(data, options.pool, inWindow),
        options.start,
        options.end,
      ),
      timeline: ledger.timeline,
      unpricedMarkets: [...unpriced],
      instancesLaunched: cluster.launched,
      instancesTerminated: cluster.terminated,
      instancesOutbid: cluster.outbid,
      events: env.processed,
      ...(targets && { targetCapacity: targets }),
    };
  };
  return { env, finish };
}

function otherAllocations(
  data: MetricsData,
  pool: PoolRef,
  inWindow: (steps: StepSeries) => StepSeries,
): Partial<Record<Resource, StepSeries>> {
  const out: Partial<Record<Resource, StepSeries>> = {};
  for (const resource of Object.keys(RESOURCES) as Resource[]) {
    const key = allocatedKey(pool, resource);
    const columns = data.columns('system_metrics', key);
    if (columns && columns.length > 0) out[resource] = inWindow(numberSteps(columns, key));
  }
  return out;
}

/** The points in (from, to] as [time, value] pairs. */
function recent(steps: StepSeries, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const end = firstAfter(steps.times, to);
  for (let i = firstAfter(steps.times, from); i < end; i++)
    out.push([steps.times[i] as number, steps.values[i] as number]);
  return out;
}

/** The last number at or before t, dict points skipped. */
function numberAt(columns: SeriesColumns, t: number): number | undefined {
  for (let i = columns.firstAfter(t) - 1; i >= 0; i--)
    if (columns.isNumber(i)) return columns.numbers[i] as number;
  return undefined;
}

const ZERO_PRICE = PriceSeries.constant(0);
/** The price-cache slot of on-demand instances (no zone is named so). */
const ON_DEMAND = '\0on-demand';

/** Every spot_prices series, by market name. */
function marketPrices(
  data: MetricsData,
  discount: number,
  inWindow: (steps: StepSeries) => StepSeries,
): Map<string, PricedMarket> {
  const out = new Map<string, PricedMarket>();
  for (const key of data.keys('metadata')) {
    const market = priceMarket(key);
    if (!market) continue;
    const steps = inWindow(numberSteps(data.columns('metadata', key), key));
    out.set(marketName(market), {
      market,
      series: PriceSeries.fromSteps(steps.times, steps.values, discount),
    });
  }
  return out;
}
