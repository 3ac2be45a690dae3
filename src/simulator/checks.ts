/**
 * Checks of the data made before a run, so that what would make its figures misleading is said before the
 * user waits for them.
 */
import type { MetricsData } from '../metrics/model';
import type { AutoscalerConfig } from './autoscaler/config';
import { type InstanceCatalog, specOf } from './catalog';
import { capacitySeries, firstSizeIndex } from './follow';
import { type Market, marketName, parseMarket, type PoolRef, priceMarket } from './markets';

export interface RunScope {
  readonly pool: PoolRef;
  readonly start: number;
  readonly end: number;
  /** With an autoscaler, its spot fleets say which markets may run; without, the capacity series does. */
  readonly autoscaler?: AutoscalerConfig;
  readonly catalog: InstanceCatalog;
  /** --clusterman-window: sizes before the start are ignored. */
  readonly ignoreBefore?: boolean;
}

/**
 * Spot markets the run may launch instances in that have no spot_prices series at all: those instances
 * would cost nothing. A missing capacity series is reported as the run would report it; markets of unknown
 * instance types are left for the run to refuse.
 */
export function marketsWithoutPrices(data: MetricsData, scope: RunScope): string[] {
  const priced = new Set<string>();
  for (const key of data.keys('metadata')) {
    const market = priceMarket(key);
    if (market) priced.add(marketName(market));
  }
  const used = new Set<string>();
  if (scope.autoscaler) {
    for (const group of scope.autoscaler.groups) {
      if (group.kind !== 'spot_fleet') continue;
      for (const spec of group.launchSpecs) used.add(marketName(spec));
    }
  } else {
    // Names repeat at every point: each is parsed once.
    const seen = new Set<string>();
    const sizes = capacitySeries(data, scope.pool);
    for (let i = firstSizeIndex(sizes, scope.start, scope.ignoreBefore); i < sizes.length; i++) {
      if (sizes.timeAt(i) >= scope.end) break;
      sizes.forEachEntry(i, (name, weight) => {
        if (weight <= 0 || seen.has(name)) return;
        seen.add(name);
        const market = parseMarket(name);
        if (market) used.add(marketName(market));
      });
    }
  }
  const known = (name: string): boolean => {
    try {
      specOf(scope.catalog, (parseMarket(name) as Market).instanceType);
      return true;
    } catch {
      return false;
    }
  };
  return [...used].filter((m) => !priced.has(m) && known(m));
}
