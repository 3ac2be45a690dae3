/**
 * Memory, disk and GPUs: time-weighted average capacity (instances count from joining to leaving) and
 * allocation (`<resource>_allocated`, step series), for the resources whose allocation the metrics hold.
 */
import type { StepPoint } from './accounting';
import type { Instance, Resources } from './cluster';

export const RESOURCES = {
  mem: { field: 'memGib', unit: 'GiB' },
  disk: { field: 'diskGb', unit: 'GB' },
  gpus: { field: 'gpus', unit: 'GPUs' },
} as const satisfies Record<string, { field: keyof Resources; unit: string }>;
export type Resource = keyof typeof RESOURCES;

export interface ResourceAverages {
  readonly avgCapacity: number;
  readonly avgAllocated: number;
}

/** Integral of a step series over [start, end) (0 before its first point). */
function integral(points: readonly StepPoint[], start: number, end: number): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const from = Math.max((points[i] as StepPoint).t, start);
    const to = Math.min(i + 1 < points.length ? (points[i + 1] as StepPoint).t : end, end);
    if (to > from) sum += (points[i] as StepPoint).value * (to - from);
  }
  return sum;
}

export function resourceAverages(
  instances: readonly Instance[],
  allocations: Partial<Record<Resource, readonly StepPoint[]>>,
  start: number,
  end: number,
): Partial<Record<Resource, ResourceAverages>> {
  const span = end - start;
  const out: Partial<Record<Resource, ResourceAverages>> = {};
  for (const [resource, points] of Object.entries(allocations) as Array<[Resource, readonly StepPoint[]]>) {
    const field = RESOURCES[resource].field;
    let capacity = 0;
    for (const i of instances) {
      const leaves = i.ending.kind === 'running' ? end : Math.min(i.ending.at, end);
      const joined = Math.max(i.joinsAt, start);
      if (leaves > joined) capacity += i.resources[field] * (leaves - joined);
    }
    out[resource] = { avgCapacity: capacity / span, avgAllocated: integral(points, start, end) / span };
  }
  return out;
}
