/**
 * Turns what happens into figures as the run goes (the Ledger hears the cluster): an instance is accounted when
 * it launches and when it ends, live ones at the window's end, so memory holds live instances and running
 * totals, never every instance the run launched.
 *
 * A sweep integrates the state (capacity, allocation, billed rate) between consecutive moments something
 * changed, in time order: exact for the model, where all three are constant between those moments. It trails
 * the engine's clock by one billing period when outbid refunds are on, since an outbid instance stops being
 * billed at the start of its last period, up to a period back.
 */
import { EventQueue } from '../engine';
import { type BillingCohort, BillingCohorts } from './cohorts';
import type { ClusterObserver, EndKind, Instance } from './cluster';
import { type BillingRules, finalPeriod, periodStartAt } from './cost';
import type { PriceSeries } from './prices';
import type { StepSeries } from './steps';

export interface StepPoint {
  readonly t: number;
  readonly value: number;
}

export interface Totals {
  /** USD accrued inside the window (a terminated instance's last period is charged up to the window's end). */
  readonly totalCost: number;
  /** The part of totalCost billed for spot instances (the rest is on-demand). */
  readonly spotCost: number;
  /** Time-weighted averages over the window, in vCPUs. */
  readonly avgCpus: number;
  readonly avgCpusAllocated: number;
  /** max(capacity - allocated, 0). */
  readonly avgUnusedCpus: number;
  /** The share of the cost paid for unused vCPUs (and every end-of-life charge for time after an instance left). */
  readonly unusedCpusCost: number;
  /** Total cost per vCPU-hour of capacity; null without any capacity (no vCPU-hours to divide by). */
  readonly costPerCpuHour: number | null;
  /** Integral of max(allocated - capacity, 0), in vCPU-hours. */
  readonly oversubscribedCpuHours: number;
}

/** The state between consecutive change times: `cpus[i]` etc. hold from `times[i]` until `times[i + 1]`. */
export interface Timeline {
  readonly times: number[];
  readonly cpus: number[];
  readonly allocated: number[];
  /** USD per hour being billed. */
  readonly costRate: number[];
  /** The part of costRate billed for spot instances (the rest is on-demand). */
  readonly spotCostRate: number[];
  /** USD spent up to `times[i]` (before that moment's end charges). */
  readonly cost: number[];
}

/** vCPU-less capacity integrated over the window (unit-seconds), for the averages of resources.ts. */
export interface CapacitySeconds {
  memGib: number;
  diskGb: number;
  gpus: number;
}

export interface LedgerOptions {
  readonly start: number;
  readonly end: number;
  readonly billing: BillingRules;
  /** The price series an instance is billed by (its spot market's, or its on-demand price). */
  readonly priceOf: (instance: Instance) => PriceSeries;
  /** cpus_allocated, sorted by time, numbers only; 0 before its first point. */
  readonly allocation: StepSeries;
  /**
   * max(capacity - allocated, 0) in the unused cost (ours); false: capacity - allocated as clusterman has it,
   * which makes oversubscribed time count negative.
   */
  readonly clampUnusedCost: boolean;
}

/**
 * What one instance changes at one instant: its cohort's members, the capacity, a final charge. One record
 * for what usually happens together (launch and join, leave and final charge): fewer objects per instance.
 */
interface Change {
  readonly instance: Instance;
  readonly cohort: BillingCohort;
  readonly members: -1 | 0 | 1;
  readonly cpus: -1 | 0 | 1;
  /** USD charged now for a final period. */
  readonly lump: number;
}

export class Ledger implements ClusterObserver {
  private readonly start: number;
  private readonly end: number;
  private readonly lag: number;
  private readonly cohorts: BillingCohorts;
  private readonly pending = new EventQueue<Change>();
  /** Instances that ended before they joined: their joins, still pending, are skipped. */
  private readonly neverJoin = new Set<Instance>();
  private allocIndex = 0;
  /** Everything before this time has been integrated. */
  private now: number;
  private cpus = 0;
  private allocation = 0;
  private rate = 0;
  private spotRate = 0;
  private cost = 0;
  private spotCost = 0;
  private beyondWindow = 0;
  private unusedCost = 0;
  private cpuSeconds = 0;
  private allocatedSeconds = 0;
  private unusedSeconds = 0;
  private overSeconds = 0;
  readonly capacitySeconds: CapacitySeconds = { memGib: 0, diskGb: 0, gpus: 0 };
  readonly timeline: Timeline = {
    times: [],
    cpus: [],
    allocated: [],
    costRate: [],
    spotCostRate: [],
    cost: [],
  };

  constructor(private readonly options: LedgerOptions) {
    this.start = options.start;
    this.end = options.end;
    this.now = options.start;
    this.lag = options.billing.refundOutbid ? options.billing.period : 0;
    this.cohorts = new BillingCohorts(options.billing.period);
    const { times, values } = options.allocation;
    // The allocation in effect at the start, then every later point.
    while (this.allocIndex < times.length && (times[this.allocIndex] as number) <= this.start) {
      this.allocation = values[this.allocIndex] as number;
      this.allocIndex++;
    }
  }

  /** Changes waiting for the sweep (bounded by what one billing period holds). */
  get pendingChanges(): number {
    return this.pending.size;
  }

  launched(instance: Instance): void {
    const cohort = this.cohorts.of(this.options.priceOf(instance), instance.spot, instance.launchedAt);
    const joinsNow = instance.joinsAt === instance.launchedAt;
    this.change(instance.launchedAt, instance, cohort, 1, joinsNow ? 1 : 0, 0);
    if (!joinsNow) this.change(instance.joinsAt, instance, cohort, 0, 1, 0);
  }

  ended(instance: Instance, at: number, kind: EndKind): void {
    const joined = instance.joinsAt < at;
    if (!joined) this.neverJoin.add(instance);
    this.addCapacity(instance, at);
    const series = this.options.priceOf(instance);
    const cohort = this.cohorts.of(series, instance.spot, instance.launchedAt);
    const { period, refundOutbid } = this.options.billing;
    const lastStart = periodStartAt(instance.launchedAt, at, period);
    if (kind === 'outbid' && refundOutbid) {
      // The partial last period is free: billing stops at its start, which the sweep has not passed yet.
      if (lastStart < this.now)
        throw new Error(`internal: refund at ${lastStart} after the sweep (${this.now})`);
      if (lastStart === at) this.change(at, instance, cohort, -1, joined ? -1 : 0, 0);
      else {
        this.change(lastStart, instance, cohort, -1, 0, 0);
        if (joined) this.change(at, instance, cohort, 0, -1, 0);
      }
      return;
    }
    const { lump, fullLump } = finalPeriod(series.at(lastStart), instance.launchedAt, at, this.end, period);
    this.change(at, instance, cohort, -1, joined ? -1 : 0, lump);
    this.beyondWindow += fullLump - lump;
  }

  private change(
    t: number,
    instance: Instance,
    cohort: BillingCohort,
    members: -1 | 0 | 1,
    cpus: -1 | 0 | 1,
    lump: number,
  ): void {
    this.pending.push(t, 0, { instance, cohort, members, cpus, lump });
  }

  /** The engine's clock reached `now`: everything that can no longer change is integrated. */
  advance(now: number): void {
    this.sweep(now - this.lag);
  }

  /** USD with every terminated instance's last partial period charged in full, past the window's end too. */
  get totalCostWithFinalPeriods(): number {
    return this.cost + this.beyondWindow;
  }

  /** Accounts the instances still live at the window's end and integrates up to it. */
  finish(live: Iterable<Instance>): Totals {
    for (const instance of live) this.addCapacity(instance, this.end);
    this.sweep(this.end);
    this.integrateTo(this.end);
    const span = this.end - this.start;
    return {
      totalCost: this.cost,
      spotCost: this.spotCost,
      avgCpus: this.cpuSeconds / span,
      avgCpusAllocated: this.allocatedSeconds / span,
      avgUnusedCpus: this.unusedSeconds / span,
      unusedCpusCost: this.unusedCost,
      costPerCpuHour: this.cpuSeconds > 0 ? this.cost / (this.cpuSeconds / 3600) : null,
      oversubscribedCpuHours: this.overSeconds / 3600,
    };
  }

  private addCapacity(instance: Instance, leaves: number): void {
    const seconds = Math.min(leaves, this.end) - Math.max(instance.joinsAt, this.start);
    if (!(seconds > 0)) return;
    const r = instance.resources;
    this.capacitySeconds.memGib += r.memGib * seconds;
    this.capacitySeconds.diskGb += r.diskGb * seconds;
    this.capacitySeconds.gpus += r.gpus * seconds;
  }

  private nextAllocation(): number {
    const { times } = this.options.allocation;
    return this.allocIndex < times.length ? (times[this.allocIndex] as number) : Infinity;
  }

  /** Applies every change before `limit` (and before the window's end), one instant at a time. */
  private sweep(limit: number): void {
    const bound = Math.min(limit, this.end);
    for (;;) {
      const t = Math.min(this.pending.topTime, this.cohorts.nextTime(), this.nextAllocation());
      if (!(t < bound)) return;
      this.integrateTo(t);
      // Locked prices first, so that instances joining or leaving a cohort now count at the price locked now.
      let billing = this.cohorts.lockAt(t);
      // topTime is Infinity once the queue is empty; popItem makes no entry object.
      while (this.pending.topTime === t) billing = this.apply(this.pending.popItem() as Change, t) || billing;
      const { times, values } = this.options.allocation;
      for (; this.allocIndex < times.length && times[this.allocIndex] === t; this.allocIndex++)
        this.allocation = values[this.allocIndex] as number;
      if (billing) {
        // Summed afresh from the cohorts (a few per market): no drift from adding and subtracting rates.
        this.rate = this.cohorts.rate(false);
        this.spotRate = this.cohorts.rate(true);
      }
      this.record(t);
    }
  }

  /** True when the billed rate may have changed. */
  private apply(change: Change, t: number): boolean {
    if (change.cpus > 0 ? !this.neverJoin.delete(change.instance) : change.cpus < 0)
      this.cpus += change.cpus * change.instance.vcpus;
    if (change.lump !== 0) {
      this.cost += change.lump;
      if (change.instance.spot) this.spotCost += change.lump;
      // A charge for time after the instance left buys no used vCPUs.
      this.unusedCost += change.lump;
    }
    if (change.members === 0) return false;
    this.cohorts.move(change.cohort, change.members, t);
    return true;
  }

  private integrateTo(t: number): void {
    const dt = t - this.now;
    if (!(dt > 0)) return;
    const { cpus, allocation } = this;
    const unused = cpus - allocation;
    this.cpuSeconds += cpus * dt;
    this.allocatedSeconds += allocation * dt;
    this.unusedSeconds += Math.max(unused, 0) * dt;
    this.overSeconds += Math.max(-unused, 0) * dt;
    const spent = (this.rate * dt) / 3600;
    this.cost += spent;
    this.spotCost += (this.spotRate * dt) / 3600;
    const share = this.options.clampUnusedCost ? Math.max(unused, 0) : unused;
    this.unusedCost += cpus > 0 ? (spent * share) / cpus : spent;
    this.now = t;
  }

  private record(t: number): void {
    const tl = this.timeline;
    tl.times.push(t);
    tl.cpus.push(this.cpus);
    tl.allocated.push(this.allocation);
    tl.costRate.push(this.rate);
    tl.spotCostRate.push(this.spotRate);
    tl.cost.push(this.cost);
  }
}
