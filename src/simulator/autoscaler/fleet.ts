/**
 * How resource groups turn a target capacity (in weights) into instance counts per market. Spot fleets use
 * only markets whose price is within their bid (bid per weight x weight); `diversified` spreads the target
 * evenly over those, `lowest-price` puts it all in the cheapest per unit of weight. On-demand groups are
 * always available. The target is split evenly over the groups.
 */
import { type Market, marketName } from '../markets';
import type { ResourceGroup } from './config';

export interface MarketCount {
  readonly market: Market;
  readonly count: number;
  readonly spot: boolean;
}

/** Spot price (USD/h per instance) of a market now. */
export type PriceNow = (market: Market) => number;

export function withinBid(spec: { bidPerWeight: number; weight: number }, price: number): boolean {
  return price <= spec.bidPerWeight * spec.weight;
}

export function planFleet(
  groups: readonly ResourceGroup[],
  target: number,
  priceNow: PriceNow,
): MarketCount[] {
  const share = groups.length > 0 ? target / groups.length : 0;
  const counts = new Map<string, MarketCount>();
  const add = (market: Market, count: number, spot: boolean): void => {
    const name = marketName(market);
    counts.set(name, { market, count: (counts.get(name)?.count ?? 0) + count, spot });
  };
  for (const group of groups) {
    if (group.kind === 'on_demand') {
      add({ instanceType: group.instanceType, az: group.az }, Math.ceil(share / group.weight), false);
      continue;
    }
    const specs = group.launchSpecs.map((spec) => ({
      spec,
      market: { instanceType: spec.instanceType, az: spec.az },
    }));
    for (const { market } of specs) add(market, 0, true);
    const available = specs.filter(({ spec, market }) => withinBid(spec, priceNow(market)));
    if (available.length === 0 || share <= 0) continue;
    if (group.allocation === 'lowest-price') {
      const cheapest = available.reduce((best, x) =>
        priceNow(x.market) / x.spec.weight < priceNow(best.market) / best.spec.weight ? x : best,
      );
      add(cheapest.market, Math.ceil(share / cheapest.spec.weight), true);
    } else {
      const each = share / available.length;
      for (const { spec, market } of available) add(market, Math.ceil(each / spec.weight), true);
    }
  }
  return [...counts.values()];
}
