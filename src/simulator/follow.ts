/**
 * Without an autoscaler the cluster's size follows `fulfilled_capacity`: each point sets every market's
 * instance count (floor(weight / floor(vcpus / cpus-per-weight))), markets missing from it go to 0.
 */
import type { Environment } from '../engine';
import { formatKey } from '../metrics/keys';
import type { SeriesColumns } from '../metrics/columns';
import type { MetricsData } from '../metrics/model';
import { resourcesOf, specOf, UnknownInstanceType, type InstanceCatalog, type InstanceSpec } from './catalog';
import { type Cluster, type JoinDelay, NO_RESOURCES, type Resources } from './cluster';
import { SimulationInputError } from './errors';
import { capacityKey, type Market, marketName, parseMarket, type PoolRef } from './markets';
import { someQuoted } from '../util/list';

export interface FollowCapacity {
  readonly env: Environment;
  readonly cluster: Cluster;
  readonly data: MetricsData;
  readonly pool: PoolRef;
  readonly cpusPerWeight: number;
  readonly catalog: InstanceCatalog;
  /** --ebs-volume-size, GB per instance. */
  readonly ebsGb: number;
  readonly joinDelay: { readonly first: JoinDelay; readonly later: JoinDelay };
  readonly priority: number;
  /** --clusterman-window: sizes before the start are ignored (the cluster starts empty). */
  readonly ignoreBefore?: boolean;
}

export function followCapacity(run: FollowCapacity): void {
  const { env, cluster } = run;
  const sizes = capacitySeries(run.data, run.pool);
  let next = firstSizeIndex(sizes, env.start, run.ignoreBefore);
  let firstSize = true;
  const markets = new Map<string, MarketSize>();
  // One size event pending at a time, the next scheduled when it fires: the queue stays small however long
  // the capacity history is.
  const scheduleNext = (): void => {
    if (next >= sizes.length) return;
    const index = next++;
    env.schedule(Math.max(sizes.timeAt(index), env.start), run.priority, {
      name: 'ClusterChangeEvent',
      fire: (e) => {
        // The size in effect at the start joins at once; later launches wait for their join delay.
        const joinDelay = firstSize ? run.joinDelay.first : run.joinDelay.later;
        firstSize = false;
        applySize(cluster, sizes, index, run, markets, e.now, joinDelay);
        scheduleNext();
      },
      detail: () => ` new size: ${cluster.size}`,
    });
  };
  scheduleNext();
}

export function capacitySeries(data: MetricsData, pool: PoolRef): SeriesColumns {
  const key = capacityKey(pool);
  // clusterman's 2017 files (its docs' example) called it capacity|cluster=C,role=P.
  const legacy = formatKey('capacity', { cluster: pool.cluster, role: pool.pool });
  for (const k of [key, legacy]) {
    const columns = data.columns('metadata', k);
    if (columns && columns.length > 0) return columns;
  }
  const existing = data.keys('metadata').filter((k) => k.includes('capacity'));
  throw new SimulationInputError(
    `no capacity series for cluster '${pool.cluster}', pool '${pool.pool}.${pool.scheduler}': looked for ` +
      `metadata '${key}' (or '${legacy}'); capacity series present: ${existing.length > 0 ? someQuoted(existing) : 'none'}`,
  );
}

/**
 * The index of the first size the run applies: the one in effect at the start (the last point at or before
 * it), or with `ignoreBefore` (--clusterman-window) the first point at or after the start.
 */
export function firstSizeIndex(sizes: SeriesColumns, start: number, ignoreBefore = false): number {
  // The first point after the start.
  const lo = sizes.firstAfter(start);
  if (ignoreBefore) return lo > 0 && sizes.timeAt(lo - 1) === start ? lo - 1 : lo;
  return Math.max(lo - 1, 0);
}

/** What a market name in the capacity dicts stands for, worked out once per name. */
interface MarketSize {
  readonly name: string;
  readonly market: Market;
  readonly vcpus: number;
  /** Weight units per instance. */
  readonly perInstance: number;
  readonly resources: Resources;
}

function marketSize(name: string, index: number, key: string, options: FollowCapacity): MarketSize {
  const market = parseMarket(name);
  if (!market) {
    throw new SimulationInputError(
      `metadata '${key}' point ${index}: '${name}' is not a market ('<instance_type, az>')`,
    );
  }
  let spec: InstanceSpec;
  try {
    spec = specOf(options.catalog, market.instanceType);
  } catch (err) {
    if (err instanceof UnknownInstanceType)
      throw new SimulationInputError(`metadata '${key}' point ${index}: ${err.message}`);
    throw err;
  }
  const vcpus = spec.vcpus;
  const perInstance = Math.floor(vcpus / options.cpusPerWeight);
  if (perInstance < 1) {
    throw new SimulationInputError(
      `--cpus-per-weight ${options.cpusPerWeight} is more than a ${market.instanceType} has (${vcpus} vCPUs)`,
    );
  }
  return {
    name: marketName(market),
    market,
    vcpus,
    perInstance,
    resources: resourcesOf(spec, options.ebsGb),
  };
}

/** Applies one capacity point: each market named gets floor(weight / weight per instance), the others 0. */
function applySize(
  cluster: Cluster,
  sizes: SeriesColumns,
  index: number,
  options: FollowCapacity,
  markets: Map<string, MarketSize>,
  now: number,
  joinDelay: JoinDelay,
): void {
  // Named in errors only: not formatted at every point.
  const key = (): string => capacityKey(options.pool);
  if (sizes.isNumber(index)) {
    throw new SimulationInputError(
      `metadata '${key()}' point ${index} (t=${sizes.timeAt(index)}): capacity is a number; without --autoscaler-config it must be {"<instance_type, az>": weight, ...}`,
    );
  }
  const wanted = new Map<string, { size: MarketSize; count: number }>();
  sizes.forEachEntry(index, (name, weight) => {
    let size = markets.get(name);
    if (!size) {
      size = marketSize(name, index, key(), options);
      markets.set(name, size);
    }
    wanted.set(size.name, { size, count: Math.floor(weight / size.perInstance) });
  });
  // Markets missing from the point go to 0.
  for (const market of cluster.markets()) {
    const name = marketName(market);
    if (!wanted.has(name))
      wanted.set(name, {
        size: { name, market, vcpus: 0, perInstance: 0, resources: NO_RESOURCES },
        count: 0,
      });
  }
  for (const { size, count } of wanted.values()) {
    const { market, vcpus, perInstance, resources } = size;
    cluster.resize(market, count, now, { vcpus, weight: perInstance, spot: true, resources }, joinDelay);
  }
}
