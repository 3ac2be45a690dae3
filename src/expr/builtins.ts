/** The names every expression may use besides its own variables and the caller's functions. */
import type { ExprEnv } from './types';

export type Fn = (env: ExprEnv) => number;

export interface Builtin {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** False when the result depends on the environment (the time zone), so it is never folded. */
  readonly pure: boolean;
  /** A closure over the argument closures; arity has been checked. */
  build(args: readonly Fn[]): Fn;
}

/** Python's `%`: the result takes the sign of the divisor (`-7 % 3 == 2`, `7 % -3 == -2`). */
export function floorMod(a: number, b: number): number {
  const m = a % b;
  if (m === 0) return b < 0 ? -0 : 0;
  return m < 0 !== b < 0 ? m + b : m;
}

/**
 * Python's round(): to `digits` decimals (negative: tens, hundreds...), ties to even. Like Python it rounds
 * the exact binary value, so round(2.675, 2) is 2.67 because 2.675 is really 2.67499999...
 */
export function roundHalfEven(x: number, digits = 0): number {
  if (!Number.isInteger(digits)) return NaN; // Python raises; NaN makes evaluate() fail
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  let r: number;
  if (digits === 0) {
    const f = Math.floor(a);
    const d = a - f; // exact for doubles
    r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  } else if (digits > 0) {
    if (digits > 100) return x; // beyond toFixed's range; no double has a digit that far that matters
    // toFixed rounds the exact value, halves up; a half is exact iff a * 2^(digits+1) is an odd integer.
    let s = a.toFixed(digits);
    const y = a * 2 ** (digits + 1);
    const last = s.charCodeAt(s.length - 1) - 48;
    if (Number.isInteger(y) && y % 2 === 1 && last % 2 === 1) s = s.slice(0, -1) + String(last - 1);
    r = Number(s);
  } else {
    if (digits < -308) return x < 0 ? -0 : 0;
    const m = 10 ** -digits;
    const rem = a % m; // fmod is exact
    const q = a - rem;
    const half = m / 2;
    r = rem < half ? q : rem > half ? q + m : (q / m) % 2 === 0 ? q : q + m;
  }
  return x < 0 ? -r : r;
}

const at = (args: readonly Fn[], i: number): Fn => args[i] as Fn;

function math1(f: (a: number) => number): Builtin {
  return {
    minArgs: 1,
    maxArgs: 1,
    pure: true,
    build(args) {
      const a = at(args, 0);
      return (env) => f(a(env));
    },
  };
}

function extremum(pick: (a: number, b: number) => number): Builtin {
  return {
    minArgs: 1,
    maxArgs: Infinity,
    pure: true,
    build(args) {
      const a = at(args, 0);
      if (args.length === 1) return a;
      if (args.length === 2) {
        const b = at(args, 1);
        return (env) => pick(a(env), b(env));
      }
      return (env) => {
        let m = a(env);
        for (let i = 1; i < args.length; i++) m = pick(m, (args[i] as Fn)(env));
        return m;
      };
    },
  };
}

/** hour(u), weekday(u): the caller's zone decides, so these read the environment. */
function localPart(part: 'hour' | 'weekday'): Builtin {
  return {
    minArgs: 1,
    maxArgs: 1,
    pure: false,
    build(args) {
      const u = at(args, 0);
      return part === 'hour' ? (env) => env.localParts(u(env)).hour : (env) => env.localParts(u(env)).weekday;
    },
  };
}

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['abs', math1(Math.abs)],
  ['min', extremum(Math.min)],
  ['max', extremum(Math.max)],
  ['floor', math1(Math.floor)],
  ['ceil', math1(Math.ceil)],
  ['sqrt', math1(Math.sqrt)],
  ['exp', math1(Math.exp)],
  ['sin', math1(Math.sin)],
  ['cos', math1(Math.cos)],
  [
    'round',
    {
      minArgs: 1,
      maxArgs: 2,
      pure: true,
      build(args) {
        const x = at(args, 0);
        if (args.length === 1) return (env) => roundHalfEven(x(env));
        const n = at(args, 1);
        return (env) => roundHalfEven(x(env), n(env));
      },
    },
  ],
  [
    'log',
    {
      minArgs: 1,
      maxArgs: 2,
      pure: true,
      build(args) {
        const x = at(args, 0);
        if (args.length === 1) return (env) => Math.log(x(env));
        const base = at(args, 1);
        return (env) => Math.log(x(env)) / Math.log(base(env));
      },
    },
  ],
  [
    'pow',
    {
      minArgs: 2,
      maxArgs: 2,
      pure: true,
      build(args) {
        const a = at(args, 0);
        const b = at(args, 1);
        return (env) => a(env) ** b(env);
      },
    },
  ],
  [
    'clamp',
    {
      minArgs: 3,
      maxArgs: 3,
      pure: true,
      build(args) {
        const [x, lo, hi] = [at(args, 0), at(args, 1), at(args, 2)];
        return (env) => Math.min(Math.max(x(env), lo(env)), hi(env));
      },
    },
  ],
  ['hour', localPart('hour')],
  ['weekday', localPart('weekday')],
]);

export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

/** Names whose value comes from the point being evaluated. */
export const POINT_NAMES: ReadonlyMap<string, Fn> = new Map<string, Fn>([
  ['t', (env) => env.t],
  ['hour', (env) => env.hour],
  ['weekday', (env) => env.weekday],
]);

/** What a built-in name is, for messages; undefined if it is not one. */
export function builtinKind(name: string): string | undefined {
  if (POINT_NAMES.has(name)) return 'name';
  if (CONSTANTS.has(name)) return 'constant';
  if (BUILTIN_FUNCTIONS.has(name)) return 'function';
  return undefined;
}
