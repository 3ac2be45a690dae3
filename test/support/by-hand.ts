/**
 * clusterman's cost model worked out second by second, the slow obvious way, to check the simulator's figures
 * on real and generated metrics: per-second billing, no join delay, every instance of a market paying that
 * market's price in effect (0 before its first price point).
 */
import type { MetricsData, Point, PointValue } from '../../src/metrics/model';

export interface ByHandRun {
  readonly capacityKey: string;
  /** The spot_prices key of a market, as the file spells it. */
  readonly priceKey: (instanceType: string, az: string) => string;
  readonly vcpus: Readonly<Record<string, number>>;
  readonly start: number;
  readonly end: number;
}

export interface ByHandFigures {
  readonly avgCpus: number;
  readonly totalCost: number;
}

/** The value in effect at `t`: the last point at or before it. */
export function valueAt(points: readonly Point[] | undefined, t: number): PointValue | undefined {
  let value: PointValue | undefined;
  for (const p of points ?? []) {
    if (p.t > t) break;
    value = p.value;
  }
  return value;
}

export function byHand(data: MetricsData, run: ByHandRun): ByHandFigures {
  const capacity = data.get('metadata', run.capacityKey);
  let cpuSeconds = 0;
  let cost = 0;
  for (let t = run.start; t < run.end; t++) {
    const weights = valueAt(capacity, t);
    if (!(weights instanceof Map)) continue;
    for (const [market, weight] of weights) {
      // '<m3.large, us-west-2a>' (clusterman since 2018) or 'c3.8xlarge,us-west-2a' (2017)
      const [type, az] = market.replace(/^<|>$/g, '').split(/,\s*/) as [string, string];
      const vcpus = run.vcpus[type] as number;
      const instances = Math.floor(weight / vcpus);
      const price = valueAt(data.get('metadata', run.priceKey(type, az)), t) ?? 0;
      cpuSeconds += instances * vcpus;
      cost += (instances * (price as number)) / 3600;
    }
  }
  return { avgCpus: cpuSeconds / (run.end - run.start), totalCost: cost };
}
