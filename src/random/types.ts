/** The shapes shared by the distribution registry and the code that binds user parameters to it. */
import type { RandomSource as Rng } from './rng';

export type ParamKind = 'number' | 'integer' | 'number-list';
export type ParamValue = number | null | readonly number[];

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  /** absent = required; null = Python's None */
  readonly default?: number | null;
}

/** Where a draw is used: interarrival draws (time between points) have stricter domains, e.g. expovariate lambd must be > 0. */
export type DrawContext = 'values' | 'interarrival';

export interface ParamProblem {
  readonly param?: string;
  readonly message: string;
}

export type Args = Readonly<Record<string, ParamValue>>;

export interface Distribution {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  /** 'int' where Python returns an int (randint, randrange, getrandbits, binomialvariate, and choice when every element is an integer), else 'float'. */
  returnsInt(args: Args): boolean;
  /** Domain problems, checked before anything runs; undefined when fine. */
  check(args: Args, context: DrawContext): ParamProblem | undefined;
  draw(rng: Rng, args: Args): number;
  /** Expected value when known in closed form (used for progress/size estimates), else undefined. */
  mean(args: Args): number | undefined;
}

/** How a registry entry is written: `prepare` reads checked args once and returns the sampler. */
export interface Definition {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly returnsInt: boolean | ((args: Args) => boolean);
  check(args: Args, context: DrawContext): ParamProblem | undefined;
  mean(args: Args): number | undefined;
  prepare(args: Args): (rng: Rng) => number;
}

/** A checked number argument (binding guarantees the kind). */
export function num(args: Args, name: string): number {
  const v = args[name];
  if (typeof v !== 'number') throw new TypeError(`internal: ${name} is not a bound number`);
  return v;
}

/** A checked argument whose default is Python's None. */
export function numOrNone(args: Args, name: string): number | null {
  const v = args[name];
  return v === null || v === undefined ? null : num(args, name);
}

export function list(args: Args, name: string): readonly number[] {
  const v = args[name];
  if (!Array.isArray(v)) throw new TypeError(`internal: ${name} is not a bound list`);
  return v as readonly number[];
}

/** A number for messages: whole numbers in full (2**60 as 1152921504606846976, not ...7000). */
export function show(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
}

/** `name must be <rule> (got value)`, the one-line shape every domain message has. */
export function problem(param: string, rule: string, value: number): ParamProblem {
  return { param, message: `${param} must be ${rule} (got ${show(value)})` };
}
