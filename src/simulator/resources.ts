/**
 * Memory, disk and GPUs: time-weighted average capacity (instances count from joining to leaving) and
 * allocation (`<resource>_allocated`, step series), for the resources whose allocation the metrics hold.
 */
import type { CapacitySeconds } from './accounting';
import type { Resources } from './cluster';
import { stepIntegral, type StepSeries } from './steps';

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

/** `capacity`: each resource's capacity integrated over the window by the ledger. */
export function resourceAverages(
  capacity: CapacitySeconds,
  allocations: Partial<Record<Resource, StepSeries>>,
  start: number,
  end: number,
): Partial<Record<Resource, ResourceAverages>> {
  const span = end - start;
  const out: Partial<Record<Resource, ResourceAverages>> = {};
  for (const [resource, points] of Object.entries(allocations) as Array<[Resource, StepSeries]>) {
    out[resource] = {
      avgCapacity: capacity[RESOURCES[resource].field] / span,
      avgAllocated: stepIntegral(points, start, end) / span,
    };
  }
  return out;
}
