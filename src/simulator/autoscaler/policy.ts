/**
 * Autoscaling policies: given what the cluster looks like now, the next target capacity (in weights).
 * The built-in one keeps allocated / capacity at the setpoint; a custom one is a JavaScript module the user
 * names in the config, exporting one function with the same contract.
 */
import { SimulationInputError } from '../errors';
import type { AutoscalerConfig } from './config';

export interface PolicyInput {
  /** Epoch seconds. */
  readonly now: number;
  /** The current target, in weights. */
  readonly target: number;
  /** Capacity of joined instances, in weights and in vCPUs. */
  readonly capacity: { readonly weight: number; readonly cpus: number };
  /** vCPUs allocated now. */
  readonly allocatedCpus: number;
  /** cpus_allocated over the last hour, oldest first, as [epoch s, vCPUs]. */
  readonly recentAllocated: ReadonlyArray<readonly [number, number]>;
  readonly cpusPerWeight: number;
  readonly config: {
    readonly setpoint: number;
    readonly setpointMargin: number;
    readonly minCapacity: number;
    readonly maxCapacity: number;
  };
}

export type Policy = (input: PolicyInput) => number;

/** Bounds every policy's answer: the change limits of one run, then min/max capacity. */
export function bounded(config: AutoscalerConfig, current: number, wanted: number): number {
  const limited =
    wanted > current
      ? Math.min(wanted, current + config.maxWeightToAdd)
      : Math.max(wanted, current - config.maxWeightToRemove);
  return Math.min(Math.max(limited, config.minCapacity), config.maxCapacity);
}

export const setpointPolicy: Policy = (input) => {
  const { setpoint, setpointMargin } = input.config;
  const { cpus } = input.capacity;
  if (cpus === 0 && input.allocatedCpus === 0) return input.target;
  const utilization = cpus > 0 ? input.allocatedCpus / cpus : Infinity;
  if (Math.abs(utilization - setpoint) <= setpointMargin) return input.target;
  return input.allocatedCpus / setpoint / input.cpusPerWeight;
};

/** Loads a custom policy: the module's default export, or its only exported function. */
export function loadPolicy(path: string): Policy {
  let mod: unknown;
  try {
    // The user's own policy code, named in their config: loading it is the feature.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path);
  } catch (err) {
    throw new SimulationInputError(
      `policy module ${path}: cannot load it (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const candidates =
    typeof mod === 'function'
      ? [mod]
      : typeof mod === 'object' && mod !== null
        ? [(mod as Record<string, unknown>).default, ...Object.values(mod)].filter(
            (f) => typeof f === 'function',
          )
        : [];
  const fn = candidates[0] as ((input: PolicyInput) => unknown) | undefined;
  if (!fn) throw new SimulationInputError(`policy module ${path}: exports no function`);
  return (input) => {
    let out: unknown;
    try {
      out = fn(input);
    } catch (err) {
      throw new SimulationInputError(
        `policy module ${path} threw at ${isoOf(input.now)}: ${(err as Error).message ?? String(err)}`,
      );
    }
    if (typeof out !== 'number' || !Number.isFinite(out) || out < 0) {
      throw new SimulationInputError(
        `policy module ${path} returned ${JSON.stringify(out) ?? String(out)} at ${isoOf(input.now)}: expected a non-negative number (target capacity in weights)`,
      );
    }
    return out;
  };
}

const isoOf = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
