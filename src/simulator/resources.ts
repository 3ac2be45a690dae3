/**
 * Memory, disk and GPUs: time-weighted average capacity (instances count from joining to leaving) and
 * allocation (`<resource>_allocated`, step series), for the resources whose allocation the metrics hold.
 */
import type { Point } from '../metrics/model';
import type { CapacitySeconds } from './accounting';
import type { Resources } from './cluster';

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

/** Integral of a step series of numbers over [start, end) (0 before its first point). */
function integral(points: readonly Point[], start: number, end: number): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const from = Math.max((points[i] as Point).t, start);
    const to = Math.min(i + 1 < points.length ? (points[i + 1] as Point).t : end, end);
    if (to > from) sum += ((points[i] as Point).value as number) * (to - from);
  }
  return sum;
}

/** `capacity`: each resource's capacity integrated over the window by the ledger. */
export function resourceAverages(
  capacity: CapacitySeconds,
  allocations: Partial<Record<Resource, readonly Point[]>>,
  start: number,
  end: number,
): Partial<Record<Resource, ResourceAverages>> {
  const span = end - start;
  const out: Partial<Record<Resource, ResourceAverages>> = {};
  for (const [resource, points] of Object.entries(allocations) as Array<[Resource, readonly Point[]]>) {
    out[resource] = {
      avgCapacity: capacity[RESOURCES[resource].field] / span,
      avgAllocated: integral(points, start, end) / span,
    };
  }
  return out;
}
