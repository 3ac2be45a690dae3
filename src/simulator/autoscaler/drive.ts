/**
 * Runs an autoscaler on the engine: the initial target at the start, a policy run every `period`
 * (AutoscalingEvent, priority 1), and at each spot price change (priority 2) the markets whose price rose
 * above their bid lose their instances and the fleet refills elsewhere.
 */
import type { Environment } from '../../engine';
import type { Cluster, JoinDelay } from '../cluster';
import { resourcesOf, specOf, type InstanceCatalog } from '../catalog';
import { type Market, marketName } from '../markets';
import { type PricedMarket, schedulePriceChanges } from '../price-events';
import type { AutoscalerConfig } from './config';
import { planFleet, withinBid } from './fleet';
import { bounded, type Policy } from './policy';

export interface AutoscalerRun {
  readonly env: Environment;
  readonly cluster: Cluster;
  readonly config: AutoscalerConfig;
  readonly policy: Policy;
  readonly catalog: InstanceCatalog;
  readonly cpusPerWeight: number;
  /** --ebs-volume-size, GB per instance. */
  readonly ebsGb: number;
  readonly initialTarget: number;
  /** Spot price of a market at a time (USD/h per instance, discount applied). */
  readonly spotPrice: (market: Market, t: number) => number;
  /** Every market with a spot price series: a PriceChangeEvent runs at each of its changes. */
  readonly pricedMarkets: readonly PricedMarket[];
  readonly allocatedAt: (t: number) => number;
  readonly recentAllocated: (t: number) => Array<[number, number]>;
  readonly joinDelay: { readonly first: JoinDelay; readonly later: JoinDelay };
  readonly priority: { readonly size: number; readonly price: number };
  /** Hears the target (weights) at the start and whenever a run changes it: the reports chart it. */
  readonly onTarget?: (t: number, target: number) => void;
}

export function driveAutoscaler(run: AutoscalerRun): void {
  const { env, cluster, config } = run;
  // The weight each market's instances count for, from the launch specs (on-demand groups too).
  const weightOf = new Map<string, number>();
  const bids = new Map<string, Array<{ bidPerWeight: number; weight: number }>>();
  for (const group of config.groups) {
    if (group.kind === 'on_demand') {
      specOf(run.catalog, group.instanceType);
      weightOf.set(marketName({ instanceType: group.instanceType, az: group.az }), group.weight);
      continue;
    }
    for (const spec of group.launchSpecs) {
      specOf(run.catalog, spec.instanceType);
      const name = marketName({ instanceType: spec.instanceType, az: spec.az });
      weightOf.set(name, spec.weight);
      bids.set(name, [...(bids.get(name) ?? []), spec]);
    }
  }
  let target = run.initialTarget;

  const apply = (now: number, joinDelay: JoinDelay): void => {
    for (const { market, count, spot } of planFleet(config.groups, target, (m) => run.spotPrice(m, now))) {
      const spec = specOf(run.catalog, market.instanceType);
      const weight = weightOf.get(marketName(market)) ?? 0;
      const resources = resourcesOf(spec, run.ebsGb);
      cluster.resize(market, count, now, { vcpus: spec.vcpus, weight, spot, resources }, joinDelay);
    }
  };

  const size = (): string => ` new size: ${cluster.size}`;
  env.schedule(env.now, run.priority.size, {
    name: 'AutoscalingEvent',
    fire: (e) => {
      run.onTarget?.(e.now, target);
      apply(e.now, run.joinDelay.first);
    },
    detail: size,
  });
  const scheduleRun = (t: number): void => {
    env.schedule(t, run.priority.size, {
      name: 'AutoscalingEvent',
      fire: (e) => {
        const joined = cluster.joined(e.now);
        let weight = 0;
        let cpus = 0;
        for (const i of joined) {
          weight += i.weight;
          cpus += i.vcpus;
        }
        const wanted = run.policy({
          now: e.now,
          target,
          capacity: { weight, cpus },
          allocatedCpus: run.allocatedAt(e.now),
          recentAllocated: run.recentAllocated(e.now),
          cpusPerWeight: run.cpusPerWeight,
          config: {
            setpoint: config.setpoint,
            setpointMargin: config.setpointMargin,
            minCapacity: config.minCapacity,
            maxCapacity: config.maxCapacity,
          },
        });
        const next = bounded(config, target, wanted);
        if (next !== target) run.onTarget?.(e.now, next);
        target = next;
        apply(e.now, run.joinDelay.later);
        scheduleRun(e.now + config.period);
      },
      detail: size,
    });
  };
  scheduleRun(env.now + config.period);

  schedulePriceChanges(env, run.pricedMarkets, run.priority.price, (market, now) => {
    const specs = bids.get(marketName(market));
    if (!specs || cluster.count(market) === 0) return;
    const price = run.spotPrice(market, now);
    if (specs.some((spec) => withinBid(spec, price))) return;
    cluster.outbidMarket(market, now);
    apply(now, run.joinDelay.later);
  });
}
