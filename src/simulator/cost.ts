/**
 * What an instance costs (clusterman's billing rules, pinned by its acceptance tests):
 * - it is billed in periods of `period` seconds from its launch; each period's hourly rate is the market
 *   price in effect at the period's start (a change exactly at a period start applies to that period);
 * - cost accrues as the integral of that locked rate over time;
 * - when the instance ends before the window does, its last partial period is charged in full, unless it was
 *   a spot instance that was outbid and refunds are on: then that partial period is free.
 * An instance still running when the window ends is charged up to the end.
 */
import type { PriceSeries } from './prices';

export interface BillingRules {
  /** Billing period in seconds (1 = per second, 3600 = classic hourly). */
  readonly period: number;
  /** Refund the partial last period of outbid spot instances (clusterman's default). */
  readonly refundOutbid: boolean;
}

export type Ending =
  | { readonly kind: 'running' }
  | { readonly kind: 'terminated'; readonly at: number }
  | { readonly kind: 'outbid'; readonly at: number };

/**
 * Dollars accrued over [from, to) by an instance launched at `launch` under locked per-period rates
 * (from >= launch). Periods whose start falls in one stretch of constant price all lock that price.
 */
export function accrued(
  prices: PriceSeries,
  launch: number,
  from: number,
  to: number,
  period: number,
): number {
  if (!(to > from)) return 0;
  const periodStart = (t: number): number => launch + Math.ceil((t - launch) / period) * period;
  let dollars = 0;
  // A period starting before `from` locked the price at its own start.
  const firstFull = periodStart(from);
  if (firstFull > from) {
    const lockedAt = firstFull - period;
    dollars += (prices.at(lockedAt) * (Math.min(firstFull, to) - from)) / 3600;
  }
  if (firstFull >= to) return dollars;
  prices.forEachStretch(firstFull, to, (a, b, price) => {
    // Periods starting in [a, b) cover [periodStart(a), periodStart(b)).
    const covered = Math.min(periodStart(b), to) - periodStart(a);
    if (covered > 0) dollars += (price * covered) / 3600;
  });
  return dollars;
}

/** The whole cost of one instance over a window ending at `windowEnd`. */
export function instanceCost(
  prices: PriceSeries,
  launch: number,
  ending: Ending,
  windowEnd: number,
  rules: BillingRules,
): number {
  if (ending.kind === 'running') return accrued(prices, launch, launch, windowEnd, rules.period);
  const end = Math.min(ending.at, windowEnd);
  const lastStart = launch + Math.floor((end - launch) / rules.period) * rules.period;
  const partial = end > lastStart;
  if (ending.kind === 'outbid' && rules.refundOutbid) {
    return accrued(prices, launch, launch, lastStart, rules.period);
  }
  const upToEnd = accrued(prices, launch, launch, end, rules.period);
  return partial ? upToEnd + (prices.at(lastStart) * (lastStart + rules.period - end)) / 3600 : upToEnd;
}
