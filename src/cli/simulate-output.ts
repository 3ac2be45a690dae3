/** What simulate prints: a summary table or one JSON object, for a run or a comparison. */
import { comparedRows, dollars, onDemandCost, OP_WORDS } from '../report/figures';
import type { Comparison } from '../simulator/compare';
import { RESOURCES, type Resource } from '../simulator/resources';
import type { ResultView } from '../simulator/result';
import { renderTable } from './table';

/** UTC, `Z`, as every command prints times; fractions of a second only when there are some. */
export const isoTime = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

const show = (x: number | null, f: (x: number) => string): string => (x === null ? 'n/a' : f(x));
const money = (x: number | null): string => show(x, (v) => dollars(v, 2));
const fixed = (x: number | null): string => show(x, (v) => v.toFixed(2));
const count = (x: number | null): string => show(x, (v) => (Number.isInteger(v) ? String(v) : v.toFixed(3)));

export function summaryRows(r: ResultView, wallSeconds: number): Array<[string, string]> {
  const t = r.totals;
  const c = r.counts;
  return [
    ['simulation', r.name],
    ['window', `${isoTime(r.start)} to ${isoTime(r.end)}`],
    ['total cost', money(t.totalCost)],
    ['on-demand cost', money(onDemandCost(t))],
    ['spot cost', money(t.spotCost ?? null)],
    ['average capacity (vCPUs)', fixed(t.avgCpus)],
    ['average allocated (vCPUs)', fixed(t.avgCpusAllocated)],
    ['average unused (vCPUs)', fixed(t.avgUnusedCpus)],
    ['cost of unused vCPUs', money(t.unusedCpusCost)],
    ['cost per vCPU-hour', show(t.costPerCpuHour, (v) => dollars(v, 4))],
    ['oversubscribed vCPU-hours', fixed(t.oversubscribedCpuHours)],
    [
      'instances launched / terminated / outbid',
      `${count(c.instancesLaunched)} / ${count(c.instancesTerminated)} / ${count(c.instancesOutbid)}`,
    ],
    ['events processed', count(c.events)],
    ...resourceRows(r),
    ['wall time', `${wallSeconds.toFixed(3)} s`],
  ];
}

function resourceRows(r: ResultView): Array<[string, string]> {
  return (Object.keys(r.resources) as Resource[]).map((resource) => {
    const avg = r.resources[resource]!;
    const unit = RESOURCES[resource].unit;
    return [
      `average ${resource} capacity / allocated (${unit})`,
      `${fixed(avg.avgCapacity)} / ${fixed(avg.avgAllocated)}`,
    ];
  });
}

export function summaryText(r: ResultView, wallSeconds: number): string {
  return `${renderTable(summaryRows(r, wallSeconds), [
    { header: 'figure', value: ([k]) => k },
    { header: 'value', value: ([, v]) => v },
  ])}\n`;
}

/** Sums and differences of floats leave noise (0.1 + 0.2 = 0.30000000000000004): 12 significant digits. */
const roundNoise = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;

/** A comparison as a table: each figure for A and for B, and A op B in the operator's words. */
export function compareText(c: Comparison, wallSeconds: number): string {
  const rows = comparedRows(c);
  const table = renderTable(rows, [
    { header: 'figure', value: (r) => r.label },
    { header: `A: ${c.names[0]}`, value: (r) => r.a },
    { header: `B: ${c.names[1]}`, value: (r) => r.b },
    { header: OP_WORDS[c.op], value: (r) => r.combined },
  ]);
  return `${table}
wall time ${wallSeconds.toFixed(3)} s
`;
}

/** The summary as JSON; `extra` (seed, files written) goes at the end. */
export function summaryJson(r: ResultView, wallSeconds: number, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...summaryDoc(r), wall_seconds: wallSeconds, ...extra }, roundNoise, 2)}
`;
}

/** A comparison's --json: the combined figures as before, then `a` and `b` with their own. */
export function compareJson(c: Comparison, wallSeconds: number, extra: Record<string, unknown> = {}): string {
  const doc = {
    ...summaryDoc(c.combined),
    wall_seconds: wallSeconds,
    a: summaryDoc(c.a),
    b: summaryDoc(c.b),
    windows_differ: c.windowsDiffer,
    ...extra,
  };
  return `${JSON.stringify(doc, roundNoise, 2)}
`;
}

function summaryDoc(r: ResultView): Record<string, unknown> {
  const t = r.totals;
  const c = r.counts;
  return {
    name: r.name,
    start: isoTime(r.start),
    end: isoTime(r.end),
    total_cost: t.totalCost,
    on_demand_cost: onDemandCost(t),
    spot_cost: t.spotCost ?? null,
    avg_cpus: t.avgCpus,
    avg_cpus_allocated: t.avgCpusAllocated,
    avg_unused_cpus: t.avgUnusedCpus,
    unused_cpus_cost: t.unusedCpusCost,
    cost_per_cpu_hour: t.costPerCpuHour,
    oversubscribed_cpu_hours: t.oversubscribedCpuHours,
    instances_launched: c.instancesLaunched,
    instances_terminated: c.instancesTerminated,
    instances_outbid: c.instancesOutbid,
    events: c.events,
    resources: Object.fromEntries(
      Object.entries(r.resources).map(([k, v]) => [
        k,
        { avg_capacity: v.avgCapacity, avg_allocated: v.avgAllocated },
      ]),
    ),
  };
}
