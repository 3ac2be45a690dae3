/**
 * What an instance costs (clusterman's billing rules, pinned by its acceptance tests):
 * - it is billed in periods of `period` seconds from its launch; each period's hourly rate is the market
 *   price in effect at the period's start (a change exactly at a period start applies to that period);
 * - cost accrues as the integral of that locked rate over time;
 * - when the instance ends before the window does, its last partial period is charged to the period's end or
 *   the window's end, whichever comes first (clusterman's rule: nothing is charged past the window), at the
 *   price locked at the period's start; unless it was a spot instance that was outbid and refunds are on: then
 *   that partial period is free. The whole last period (what AWS would bill) is kept as `fullLump`.
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

/** A stretch of time billed at one hourly rate. */
export type RateVisitor = (from: number, to: number, usdPerHour: number) => void;

/**
 * Visits the locked hourly rates of an instance launched at `launch` over [from, to) (from >= launch), as
 * stretches of constant rate. Periods whose start falls in one stretch of constant price all lock that price,
 * so the work is proportional to the number of price changes, not of periods.
 */
export function lockedRates(
  prices: PriceSeries,
  launch: number,
  from: number,
  to: number,
  period: number,
  visit: RateVisitor,
): void {
  if (!(to > from)) return;
  const periodStart = (t: number): number => launch + Math.ceil((t - launch) / period) * period;
  // A period that started before `from` locked the price at its own start.
  const firstFull = periodStart(from);
  if (firstFull > from) visit(from, Math.min(firstFull, to), prices.at(firstFull - period));
  if (firstFull >= to) return;
  prices.forEachStretch(firstFull, to, (a, b, price) => {
    // Periods starting in [a, b) cover [periodStart(a), periodStart(b)).
    const coverEnd = Math.min(periodStart(b), to);
    const coverStart = periodStart(a);
    if (coverEnd > coverStart) visit(coverStart, coverEnd, price);
  });
}

/** Dollars accrued over [from, to) under locked per-period rates. */
export function accrued(
  prices: PriceSeries,
  launch: number,
  from: number,
  to: number,
  period: number,
): number {
  let dollars = 0;
  lockedRates(prices, launch, from, to, period, (a, b, rate) => {
    dollars += (rate * (b - a)) / 3600;
  });
  return dollars;
}

/** An instance's bill: stretches of hourly rate up to its end, plus what its last partial period adds. */
export interface Bill {
  /** Billed stretches cover [launch, billedUntil). */
  readonly billedUntil: number;
  /** Dollars charged at `billedUntil` for the rest of a partial last period inside the window (0 when none or refunded). */
  readonly lump: number;
  /** The same for the whole rest of that period, past the window's end too. */
  readonly fullLump: number;
}

/** The start of the period an instance launched at `launch` is in at `t`. */
export const periodStartAt = (launch: number, t: number, period: number): number =>
  launch + Math.floor((t - launch) / period) * period;

/**
 * What a terminated instance's partial last period adds at its end `at`: the locked price times the rest of the
 * period, inside the window (`lump`) and in full (`fullLump`).
 */
export function finalPeriod(
  lockedPrice: number,
  launch: number,
  at: number,
  windowEnd: number,
  period: number,
): { lump: number; fullLump: number } {
  const lastStart = periodStartAt(launch, at, period);
  if (!(at > lastStart)) return { lump: 0, fullLump: 0 };
  const periodEnd = lastStart + period;
  return {
    lump: (lockedPrice * Math.max(0, Math.min(periodEnd, windowEnd) - at)) / 3600,
    fullLump: (lockedPrice * (periodEnd - at)) / 3600,
  };
}

/** Visits an instance's billed stretches over a window ending at `windowEnd` and returns its end charge. */
export function bill(
  prices: PriceSeries,
  launch: number,
  ending: Ending,
  windowEnd: number,
  rules: BillingRules,
  visit: RateVisitor,
): Bill {
  if (ending.kind === 'running') {
    lockedRates(prices, launch, launch, windowEnd, rules.period, visit);
    return { billedUntil: windowEnd, lump: 0, fullLump: 0 };
  }
  const end = Math.min(ending.at, windowEnd);
  const lastStart = periodStartAt(launch, end, rules.period);
  if (ending.kind === 'outbid' && rules.refundOutbid) {
    // The partial period is free: nothing is billed after the last full period.
    lockedRates(prices, launch, launch, lastStart, rules.period, visit);
    return { billedUntil: end, lump: 0, fullLump: 0 };
  }
  lockedRates(prices, launch, launch, end, rules.period, visit);
  return { billedUntil: end, ...finalPeriod(prices.at(lastStart), launch, end, windowEnd, rules.period) };
}

/**
 * The cost of one instance over a window ending at `windowEnd` (`full`: with its last partial period charged
 * whole, past the window's end too).
 */
export function instanceCost(
  prices: PriceSeries,
  launch: number,
  ending: Ending,
  windowEnd: number,
  rules: BillingRules,
  full = false,
): number {
  let dollars = 0;
  const { lump, fullLump } = bill(prices, launch, ending, windowEnd, rules, (a, b, rate) => {
    dollars += (rate * (b - a)) / 3600;
  });
  return dollars + (full ? fullLump : lump);
}
