/** The names every expression may use besides its own variables and the caller's functions. */
import type { ExprEnv } from './types';

export interface Builtin {
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly fn: (args: readonly number[], env: ExprEnv) => number;
}

/** Python's round(): half to even, optionally to n decimals. */
export function roundHalfEven(x: number, digits = 0): number {
  const scale = 10 ** Math.trunc(digits);
  const y = x * scale;
  const floor = Math.floor(y);
  const diff = y - floor;
  const r = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return r / scale;
}

/** Python's %: the result takes the sign of the divisor. */
export function floorMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && m < 0 !== b < 0 ? m + b : m;
}

const a0 = (args: readonly number[]) => args[0] as number;
const a1 = (args: readonly number[]) => args[1] as number;

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['abs', { minArgs: 1, maxArgs: 1, fn: (a) => Math.abs(a0(a)) }],
  ['min', { minArgs: 1, maxArgs: Infinity, fn: (a) => Math.min(...a) }],
  ['max', { minArgs: 1, maxArgs: Infinity, fn: (a) => Math.max(...a) }],
  ['floor', { minArgs: 1, maxArgs: 1, fn: (a) => Math.floor(a0(a)) }],
  ['ceil', { minArgs: 1, maxArgs: 1, fn: (a) => Math.ceil(a0(a)) }],
  ['round', { minArgs: 1, maxArgs: 2, fn: (a) => roundHalfEven(a0(a), a.length > 1 ? a1(a) : 0) }],
  ['sqrt', { minArgs: 1, maxArgs: 1, fn: (a) => Math.sqrt(a0(a)) }],
  [
    'log',
    {
      minArgs: 1,
      maxArgs: 2,
      fn: (a) => (a.length > 1 ? Math.log(a0(a)) / Math.log(a1(a)) : Math.log(a0(a))),
    },
  ],
  ['exp', { minArgs: 1, maxArgs: 1, fn: (a) => Math.exp(a0(a)) }],
  ['pow', { minArgs: 2, maxArgs: 2, fn: (a) => a0(a) ** a1(a) }],
  ['sin', { minArgs: 1, maxArgs: 1, fn: (a) => Math.sin(a0(a)) }],
  ['cos', { minArgs: 1, maxArgs: 1, fn: (a) => Math.cos(a0(a)) }],
  ['clamp', { minArgs: 3, maxArgs: 3, fn: (a) => Math.min(Math.max(a0(a), a1(a)), a[2] as number) }],
  [
    'hour',
    { minArgs: 0, maxArgs: 1, fn: (a, env) => (a.length > 0 ? env.localParts(a0(a)).hour : env.hour) },
  ],
  [
    'weekday',
    { minArgs: 0, maxArgs: 1, fn: (a, env) => (a.length > 0 ? env.localParts(a0(a)).weekday : env.weekday) },
  ],
]);

export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Names read from the point being evaluated. */
export const POINT_NAMES: ReadonlyMap<string, (env: ExprEnv) => number> = new Map<
  string,
  (env: ExprEnv) => number
>([
  ['t', (env) => env.t],
  ['hour', (env) => env.hour],
  ['weekday', (env) => env.weekday],
]);
