/**
 * The distributions of Python's random module by name, and the checking that turns user parameters (a YAML
 * mapping or positional numbers) into a ready-to-draw BoundDraw.
 */
import { nearest } from '../util/nearest';
import { DEFINITIONS } from './registry';
import type { RandomSource as Rng } from './rng';
import {
  type Args,
  type Definition,
  type Distribution,
  type DrawContext,
  type ParamSpec,
  type ParamValue,
  show,
} from './types';

export type { Distribution, DrawContext, ParamKind, ParamProblem, ParamSpec, ParamValue } from './types';

export class DistributionError extends Error {
  /** The parameter at fault, or undefined when the problem is the whole block (e.g. an unknown name). */
  readonly param?: string;

  constructor(message: string, param?: string) {
    super(message);
    this.name = 'DistributionError';
    if (param !== undefined) this.param = param;
  }
}

export interface BoundDraw {
  readonly name: string;
  readonly args: Readonly<Record<string, ParamValue>>;
  readonly returnsInt: boolean;
  readonly mean: number | undefined;
  draw(rng: Rng): number;
}

function toDistribution(def: Definition): Distribution {
  const { returnsInt } = def;
  return {
    name: def.name,
    params: def.params,
    returnsInt: typeof returnsInt === 'boolean' ? () => returnsInt : returnsInt,
    check: (args, context) => def.check(args, context),
    draw: (rng, args) => def.prepare(args)(rng),
    mean: (args) => def.mean(args),
  };
}

// A Map, so names such as '__proto__' or 'toString' find nothing.
const REGISTRY: ReadonlyMap<string, Distribution> = new Map(
  DEFINITIONS.map((d) => [d.name, toDistribution(d)]),
);
const PREPARE: ReadonlyMap<string, Definition['prepare']> = new Map(
  DEFINITIONS.map((d) => [d.name, d.prepare]),
);

export const DISTRIBUTION_NAMES: readonly string[] = Object.freeze(DEFINITIONS.map((d) => d.name));

export function findDistribution(name: string): Distribution | undefined {
  return REGISTRY.get(name);
}

/** The closest distribution name by edit distance, when `name` looks like a typo of one. */
export function nearestDistributionName(name: string): string | undefined {
  return nearest(name, DISTRIBUTION_NAMES);
}

/** Python's spelling of a signature, for messages: `triangular(low=0.0, high=1.0, mode=None)`. */
export function signature(dist: Distribution): string {
  const params = dist.params.map((p) => {
    if (p.default === undefined) return p.name;
    if (p.default === null) return `${p.name}=None`;
    return `${p.name}=${p.kind === 'number' && Number.isInteger(p.default) ? p.default.toFixed(1) : p.default}`;
  });
  return `${dist.name}(${params.join(', ')})`;
}

/** A value as a user wrote it, for "got ..." in messages. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return show(value);
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a mapping';
  return String(value);
}

function typed(spec: ParamSpec, value: unknown): ParamValue {
  const { name, kind } = spec;
  const fail = (detail: string): never => {
    throw new DistributionError(`${name} must be ${detail}`, name);
  };
  if (value === null && spec.default === null) return null;
  if (kind === 'number-list') {
    if (!Array.isArray(value)) return fail(`a list of numbers (got ${describe(value)})`);
    for (const item of value as readonly unknown[]) {
      if (typeof item !== 'number' || !Number.isFinite(item))
        fail(`a list of finite numbers (got ${describe(item)} in it)`);
    }
    return Object.freeze([...(value as readonly number[])]);
  }
  if (typeof value !== 'number')
    return fail(`${kind === 'integer' ? 'an integer' : 'a number'} (got ${describe(value)})`);
  if (!Number.isFinite(value)) return fail(`a finite number (got ${value})`);
  if (kind === 'integer') {
    if (!Number.isInteger(value)) return fail(`an integer (got ${value})`);
    if (!Number.isSafeInteger(value)) return fail(`between -(2**53 - 1) and 2**53 - 1 (got ${show(value)})`);
  }
  return value;
}

/** Raw values by parameter name; unknown keys and surplus positional values are errors. */
function rawValues(dist: Distribution, params: unknown): Map<string, unknown> {
  const names = dist.params.map((p) => p.name);
  const raw = new Map<string, unknown>();
  if (params === undefined || params === null) return raw;
  if (Array.isArray(params)) {
    const values = params as readonly unknown[];
    if (values.length > names.length) {
      const most = `${names.length} argument${names.length === 1 ? '' : 's'}`;
      throw new DistributionError(`${signature(dist)} takes at most ${most} (got ${values.length})`);
    }
    values.forEach((v, i) => raw.set(names[i] as string, v));
    return raw;
  }
  if (typeof params !== 'object') {
    throw new DistributionError(
      `params must be a mapping of parameter names to values (got ${describe(params)})`,
    );
  }
  const record = params as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) {
      const hint = nearest(key, names);
      const suggestion = hint === undefined ? '' : ` (did you mean '${hint}'?)`;
      throw new DistributionError(`unknown parameter '${key}' for ${signature(dist)}${suggestion}`, key);
    }
    raw.set(key, record[key]);
  }
  return raw;
}

/**
 * Checks `params` (a mapping by Python name, positional values in Python's order, or nothing) against the
 * distribution, binds defaults, and returns the draw; throws DistributionError naming the parameter at fault.
 */
export function bindDistribution(name: string, params: unknown, context: DrawContext): BoundDraw {
  const dist = REGISTRY.get(name);
  const prepare = PREPARE.get(name);
  if (dist === undefined || prepare === undefined) {
    const hint = nearestDistributionName(name);
    const suggestion = hint === undefined ? '' : ` (did you mean '${hint}'?)`;
    throw new DistributionError(`unknown distribution '${name}'${suggestion}`);
  }
  const raw = rawValues(dist, params);
  const args: Record<string, ParamValue> = {};
  for (const spec of dist.params) {
    const value = raw.get(spec.name);
    if (value !== undefined) {
      args[spec.name] = typed(spec, value);
    } else if (spec.default !== undefined) {
      args[spec.name] = spec.default;
    } else {
      throw new DistributionError(`missing parameter '${spec.name}' for ${signature(dist)}`, spec.name);
    }
  }
  const bound: Args = Object.freeze(args);
  const problem = dist.check(bound, context);
  if (problem) throw new DistributionError(problem.message, problem.param);
  const sampler = prepare(bound);
  return {
    name,
    args: bound,
    returnsInt: dist.returnsInt(bound),
    mean: dist.mean(bound),
    draw: sampler,
  };
}
