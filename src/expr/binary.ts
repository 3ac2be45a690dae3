/**
 * Binary operators as closures. Most formulas scale and shift by constants (`45 * x`, `hour - 7`, `x / 100`):
 * with one side a constant, the closure holds the number instead of calling a function that returns it.
 * The results are the same as the general closures' (a constant has no effects whose order could matter);
 * test/expr/binary.test.ts compares the two.
 */
import { floorMod, type Fn } from './builtins';

/** A compiled operand: its closure, and its value when it is a constant. */
export interface Operand {
  readonly fn: Fn;
  readonly value?: number;
}

export function binaryCode(op: string, left: Operand, right: Operand): Fn | undefined {
  if (right.value !== undefined && left.value === undefined) return constantRight(op, left.fn, right.value);
  if (left.value !== undefined && right.value === undefined) return constantLeft(op, left.value, right.fn);
  return binaryFn(op, left.fn, right.fn);
}

/** The general closures: both sides evaluated, left first. */
export function binaryFn(op: string, l: Fn, r: Fn): Fn | undefined {
  switch (op) {
    case '+':
      return (env) => l(env) + r(env);
    case '-':
      return (env) => l(env) - r(env);
    case '*':
      return (env) => l(env) * r(env);
    case '/':
      return (env) => l(env) / r(env);
    case '%':
      return (env) => floorMod(l(env), r(env));
    case '**':
      return (env) => l(env) ** r(env);
    case '<':
      return (env) => (l(env) < r(env) ? 1 : 0);
    case '<=':
      return (env) => (l(env) <= r(env) ? 1 : 0);
    case '>':
      return (env) => (l(env) > r(env) ? 1 : 0);
    case '>=':
      return (env) => (l(env) >= r(env) ? 1 : 0);
    case '==':
      return (env) => (l(env) === r(env) ? 1 : 0);
    case '!=':
      return (env) => (l(env) !== r(env) ? 1 : 0);
    default:
      return undefined;
  }
}

function constantRight(op: string, l: Fn, c: number): Fn | undefined {
  switch (op) {
    case '+':
      return (env) => l(env) + c;
    case '-':
      return (env) => l(env) - c;
    case '*':
      return (env) => l(env) * c;
    case '/':
      return (env) => l(env) / c;
    case '%':
      return (env) => floorMod(l(env), c);
    case '**':
      return (env) => l(env) ** c;
    case '<':
      return (env) => (l(env) < c ? 1 : 0);
    case '<=':
      return (env) => (l(env) <= c ? 1 : 0);
    case '>':
      return (env) => (l(env) > c ? 1 : 0);
    case '>=':
      return (env) => (l(env) >= c ? 1 : 0);
    case '==':
      return (env) => (l(env) === c ? 1 : 0);
    case '!=':
      return (env) => (l(env) !== c ? 1 : 0);
    default:
      return undefined;
  }
}

function constantLeft(op: string, c: number, r: Fn): Fn | undefined {
  switch (op) {
    case '+':
      return (env) => c + r(env);
    case '-':
      return (env) => c - r(env);
    case '*':
      return (env) => c * r(env);
    case '/':
      return (env) => c / r(env);
    case '%':
      return (env) => floorMod(c, r(env));
    case '**':
      return (env) => c ** r(env);
    case '<':
      return (env) => (c < r(env) ? 1 : 0);
    case '<=':
      return (env) => (c <= r(env) ? 1 : 0);
    case '>':
      return (env) => (c > r(env) ? 1 : 0);
    case '>=':
      return (env) => (c >= r(env) ? 1 : 0);
    case '==':
      return (env) => (c === r(env) ? 1 : 0);
    case '!=':
      return (env) => (c !== r(env) ? 1 : 0);
    default:
      return undefined;
  }
}
