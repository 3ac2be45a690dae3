/** Shared fixtures for the expression tests. */
import { compileExpr, ExprError, type ExprEnv, type ExprFunction } from '../../src/expr';

/** hour/weekday of the point are fixed; localParts(u) is UTC-like: hour of day of u, Thursday = 3 for u = 0. */
export function makeEnv(vars: Record<string, number> = {}, t = 0): ExprEnv {
  return {
    vars: new Map(Object.entries(vars)),
    t,
    hour: 13.5,
    weekday: 4,
    localParts: (u) => ({ hour: (u / 3600) % 24, weekday: (Math.floor(u / 86400) + 3) % 7 }),
  };
}

export function run(
  source: string,
  vars: Record<string, number> = {},
  functions: ExprFunction[] = [],
): number {
  return compileExpr(source, { variables: Object.keys(vars), functions }).evaluate(makeEnv(vars));
}

/** A function that records every call and returns its first argument (or 0). */
export function recorder(name: string, random = true): { fn: ExprFunction; calls: number[][] } {
  const calls: number[][] = [];
  const fn: ExprFunction = {
    name,
    minArgs: 0,
    maxArgs: Infinity,
    random,
    call(args) {
      calls.push([...args]);
      return args[0] ?? 0;
    },
  };
  return { fn, calls };
}

/** The ExprError that compiling `source` throws; fails the test if it compiles. */
export function compileError(source: string, variables: readonly string[] = ['x', 'cpu']): ExprError {
  try {
    compileExpr(source, { variables });
  } catch (err) {
    if (err instanceof ExprError) return err;
    throw err;
  }
  throw new Error(`'${source}' compiled`);
}
