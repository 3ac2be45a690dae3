/**
 * Turns what happened into figures: one sweep over every moment something changed (an instance joined or
 * left, a billed rate changed, allocation changed), integrating between them. Exact for the model: capacity,
 * allocation and rates are constant between those moments.
 */
import { bill, type BillingRules } from './cost';
import type { Instance } from './cluster';
import type { PriceSeries } from './prices';

export interface StepPoint {
  readonly t: number;
  readonly value: number;
}

export interface Totals {
  /** USD. */
  readonly totalCost: number;
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

interface Change {
  t: number;
  cpus: number;
  rate: number;
  lump: number;
  /** The part of `rate` that is spot. */
  spotRate?: number;
  allocation?: number;
}

export interface AccountingInput {
  readonly instances: readonly Instance[];
  readonly priceOf: (instance: Instance) => PriceSeries;
  /** cpus_allocated, sorted by time; 0 before its first point. */
  readonly allocation: readonly StepPoint[];
  readonly start: number;
  readonly end: number;
  readonly billing: BillingRules;
}

export function account(input: AccountingInput): { totals: Totals; timeline: Timeline } {
  const { start, end } = input;
  const changes: Change[] = [];
  for (const instance of input.instances) {
    const leaves = instance.ending.kind === 'running' ? end : Math.min(instance.ending.at, end);
    if (instance.joinsAt < leaves) {
      changes.push({ t: instance.joinsAt, cpus: instance.vcpus, rate: 0, lump: 0 });
      changes.push({ t: leaves, cpus: -instance.vcpus, rate: 0, lump: 0 });
    }
    const { billedUntil, lump } = bill(
      input.priceOf(instance),
      instance.launchedAt,
      instance.ending,
      end,
      input.billing,
      (a, b, rate) => {
        if (rate === 0) return;
        const spotRate = instance.spot ? rate : 0;
        changes.push({ t: a, cpus: 0, rate, lump: 0, spotRate });
        changes.push({ t: b, cpus: 0, rate: -rate, lump: 0, spotRate: -spotRate });
      },
    );
    if (lump > 0) changes.push({ t: billedUntil, cpus: 0, rate: 0, lump });
  }
  let allocation = 0;
  for (const p of input.allocation) {
    if (p.t <= start) allocation = p.value;
    else if (p.t < end) changes.push({ t: p.t, cpus: 0, rate: 0, lump: 0, allocation: p.value });
  }
  changes.push({ t: end, cpus: 0, rate: 0, lump: 0 });
  changes.sort((a, b) => a.t - b.t);

  const timeline: Timeline = {
    times: [],
    cpus: [],
    allocated: [],
    costRate: [],
    spotCostRate: [],
    cost: [],
  };
  let now = start;
  let cpus = 0;
  let rate = 0;
  let spotRate = 0;
  let cost = 0;
  let unusedCost = 0;
  let cpuSeconds = 0;
  let allocatedSeconds = 0;
  let unusedSeconds = 0;
  let overSeconds = 0;
  for (let i = 0; i < changes.length;) {
    const t = changes[i]!.t;
    if (t > now) {
      const dt = t - now;
      const unused = Math.max(cpus - allocation, 0);
      cpuSeconds += cpus * dt;
      allocatedSeconds += allocation * dt;
      unusedSeconds += unused * dt;
      overSeconds += Math.max(allocation - cpus, 0) * dt;
      const spent = (rate * dt) / 3600;
      cost += spent;
      unusedCost += cpus > 0 ? (spent * unused) / cpus : spent;
      now = t;
    }
    // Apply every change at this instant before recording the state that follows it.
    for (; i < changes.length && changes[i]!.t === t; i++) {
      const c = changes[i]!;
      cpus += c.cpus;
      rate += c.rate;
      spotRate += c.spotRate ?? 0;
      if (c.allocation !== undefined) allocation = c.allocation;
      cost += c.lump;
      unusedCost += c.lump;
    }
    if (t >= end) break;
    // Sums of many floats drift; a rate that should be zero must not stay at 1e-17.
    if (Math.abs(rate) < 1e-9) rate = 0;
    if (Math.abs(spotRate) < 1e-9) spotRate = 0;
    timeline.times.push(t);
    timeline.cpus.push(cpus);
    timeline.allocated.push(allocation);
    timeline.costRate.push(rate);
    timeline.spotCostRate.push(spotRate);
    timeline.cost.push(cost);
  }
  const span = end - start;
  return {
    totals: {
      totalCost: cost,
      avgCpus: cpuSeconds / span,
      avgCpusAllocated: allocatedSeconds / span,
      avgUnusedCpus: unusedSeconds / span,
      unusedCpusCost: unusedCost,
      costPerCpuHour: cpuSeconds > 0 ? cost / (cpuSeconds / 3600) : null,
      oversubscribedCpuHours: overSeconds / 3600,
    },
    timeline,
  };
}
