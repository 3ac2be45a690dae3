/**
 * Billing cohorts: instances billed by one price series whose launches lie a whole number of billing periods
 * apart start their periods at the same moments, so they lock the same price at the same moments. A cohort's
 * rate is its members times its locked price, and a price change costs work per cohort (a few per market: one
 * with per-second billing, at most one per launch second of the hour with hourly billing), not per instance.
 */
import { EventQueue } from '../engine';
import type { PriceSeries } from './prices';

export interface BillingCohort {
  readonly series: PriceSeries;
  readonly spot: boolean;
  /** One launch of the cohort: its periods start at origin + k x period. */
  readonly origin: number;
  members: number;
  /** The price locked at the start of the current period. */
  locked: number;
  /** Bumped whenever the cohort's pending lock change is replaced. */
  generation: number;
}

export class BillingCohorts {
  /** Spot and on-demand apart, so a cohort's rate counts wholly on one side even if they shared a series. */
  private readonly bySeries = {
    spot: new Map<PriceSeries, Map<number, BillingCohort>>(),
    onDemand: new Map<PriceSeries, Map<number, BillingCohort>>(),
  };
  private readonly active = new Set<BillingCohort>();
  /** Each active cohort's next period start at which its locked price changes. */
  private readonly locks = new EventQueue<{ cohort: BillingCohort; generation: number }>();

  constructor(private readonly period: number) {}

  /** The cohort of an instance billed by `series` and launched at `launch`. */
  of(series: PriceSeries, spot: boolean, launch: number): BillingCohort {
    const bySeries = spot ? this.bySeries.spot : this.bySeries.onDemand;
    let byPhase = bySeries.get(series);
    if (!byPhase) {
      byPhase = new Map();
      bySeries.set(series, byPhase);
    }
    const phase = ((launch % this.period) + this.period) % this.period;
    let cohort = byPhase.get(phase);
    if (!cohort) {
      cohort = { series, spot, origin: launch, members: 0, locked: 0, generation: 0 };
      byPhase.set(phase, cohort);
    }
    return cohort;
  }

  /** When the next locked price changes (Infinity: none pending). */
  nextTime(): number {
    return this.locks.topTime;
  }

  /** Locks the new prices of the cohorts whose period starts at t; true when one did. */
  lockAt(t: number): boolean {
    let changed = false;
    while (this.locks.topTime === t) {
      const { cohort, generation } = this.locks.popItem() as { cohort: BillingCohort; generation: number };
      if (generation !== cohort.generation || cohort.members === 0) continue;
      cohort.locked = cohort.series.at(t);
      changed = true;
      this.queueLock(cohort, t);
    }
    return changed;
  }

  /** An instance joins (+1) or leaves (-1) `cohort` at t, a period start of the cohort when it joins. */
  move(cohort: BillingCohort, delta: 1 | -1, t: number): void {
    if (delta > 0 && cohort.members === 0) {
      cohort.locked = cohort.series.at(t);
      cohort.generation++;
      this.active.add(cohort);
      this.queueLock(cohort, t);
    }
    cohort.members += delta;
    if (cohort.members === 0) {
      cohort.generation++;
      this.active.delete(cohort);
    }
  }

  /** USD per hour billed for the active cohorts (`spotOnly`: spot ones only). */
  rate(spotOnly: boolean): number {
    let sum = 0;
    for (const c of this.active) if (!spotOnly || c.spot) sum += c.members * c.locked;
    return sum;
  }

  /** Queues the first period start after `from` whose price differs from the one locked. */
  private queueLock(cohort: BillingCohort, from: number): void {
    const { series, origin } = cohort;
    let boundary = from;
    for (;;) {
      const change = series.nextChangeAfter(boundary);
      if (change === Infinity) return;
      boundary = origin + Math.ceil((change - origin) / this.period) * this.period;
      if (series.at(boundary) !== cohort.locked) break;
    }
    this.locks.push(boundary, 0, { cohort, generation: cohort.generation });
  }
}
