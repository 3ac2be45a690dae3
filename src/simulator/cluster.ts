/**
 * The cluster's instances, market by market. Sizes are set per market; growing launches instances that
 * join after a delay, shrinking terminates the oldest first (an instance terminated before it joins never
 * joins). Only live instances are kept: an observer hears each launch and each end (and settles its bill then),
 * so memory follows the cluster's size, not the number of instances it ever had.
 */
import { type Market, marketName } from './markets';

/** What an instance brings besides vCPUs: memory, disk (instance store + EBS) and GPUs. */
export interface Resources {
  readonly memGib: number;
  readonly diskGb: number;
  readonly gpus: number;
}

export const NO_RESOURCES: Resources = { memGib: 0, diskGb: 0, gpus: 0 };

export interface Instance {
  readonly id: number;
  readonly market: Market;
  readonly vcpus: number;
  /** What one instance counts for in capacity weights. */
  readonly weight: number;
  readonly resources: Resources;
  readonly spot: boolean;
  readonly launchedAt: number;
  readonly joinsAt: number;
}

export type EndKind = 'terminated' | 'outbid';

/** Hears every instance launched and every instance ended, in the order they happen. */
export interface ClusterObserver {
  launched(instance: Instance): void;
  ended(instance: Instance, at: number, kind: EndKind): void;
}

const NO_OBSERVER: ClusterObserver = { launched: () => undefined, ended: () => undefined };

/** Seconds from launch to joining the cluster, drawn per instance. */
export type JoinDelay = () => number;

export class Cluster {
  private readonly live = new Map<string, { market: Market; instances: Instance[] }>();
  private launchedCount = 0;
  private terminatedCount = 0;
  private outbidCount = 0;

  constructor(private readonly observer: ClusterObserver = NO_OBSERVER) {}

  /** Live instances in `market` (joined or not). */
  count(market: Market): number {
    return this.live.get(marketName(market))?.instances.length ?? 0;
  }

  markets(): Market[] {
    return [...this.live.values()].map((m) => m.market);
  }

  /** Instances live now, joined or not. */
  get size(): number {
    let n = 0;
    for (const m of this.live.values()) n += m.instances.length;
    return n;
  }

  get launched(): number {
    return this.launchedCount;
  }

  get terminated(): number {
    return this.terminatedCount;
  }

  get outbid(): number {
    return this.outbidCount;
  }

  /** Every live instance, joined or not. */
  *instances(): IterableIterator<Instance> {
    for (const m of this.live.values()) yield* m.instances;
  }

  /** Live instances that have joined by `now`. */
  joined(now: number): Instance[] {
    const out: Instance[] = [];
    for (const m of this.live.values()) for (const i of m.instances) if (i.joinsAt <= now) out.push(i);
    return out;
  }

  /** Sets `market` to `target` instances at `now`. */
  resize(
    market: Market,
    target: number,
    now: number,
    spec: { vcpus: number; weight: number; spot: boolean; resources: Resources },
    joinDelay: JoinDelay,
  ): void {
    const name = marketName(market);
    let entry = this.live.get(name);
    if (!entry) {
      entry = { market, instances: [] };
      this.live.set(name, entry);
    }
    const list = entry.instances;
    while (list.length < target) {
      const instance: Instance = {
        id: this.launchedCount++,
        market,
        vcpus: spec.vcpus,
        weight: spec.weight,
        resources: spec.resources,
        spot: spec.spot,
        launchedAt: now,
        joinsAt: now + Math.max(0, joinDelay()),
      };
      list.push(instance);
      this.observer.launched(instance);
    }
    if (list.length > target) this.end(list.splice(0, list.length - target), now, 'terminated');
  }

  /** Every live instance of `market` is lost (its price rose above the bid). */
  outbidMarket(market: Market, now: number): number {
    const entry = this.live.get(marketName(market));
    if (!entry) return 0;
    const lost = entry.instances.splice(0);
    this.end(lost, now, 'outbid');
    return lost.length;
  }

  private end(instances: Instance[], at: number, kind: EndKind): void {
    for (const instance of instances) this.observer.ended(instance, at, kind);
    if (kind === 'outbid') this.outbidCount += instances.length;
    else this.terminatedCount += instances.length;
  }
}
