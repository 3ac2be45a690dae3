/**
 * Expressions are untrusted text: jsep parses them into a tree, every node is checked against a whitelist,
 * and the tree is compiled once into closures. Nothing is ever run as JavaScript, and names are looked up
 * only in Maps and Sets, never as properties of ordinary objects (`constructor`, `__proto__`...).
 */
import type jsep from 'jsep';
import { binaryCode } from './binary';
import { BUILTIN_FUNCTIONS, builtinKind, CONSTANTS, type Fn, POINT_NAMES } from './builtins';
import { suggestion } from './names';
import { type Node, parse, type Parsed } from './parse';
import { type CompiledExpr, type CompileOptions, type ExprEnv, ExprError, type ExprFunction } from './types';

interface Code {
  readonly fn: Fn;
  /** Set when the subtree was folded to a constant. */
  readonly value?: number;
}

/** Deep enough for any formula a person writes; keeps compile and evaluate far from the stack limit. */
const MAX_DEPTH = 500;
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);
const BINARY_OPS = new Set(['+', '-', '*', '/', '%', '**', '&&', '||', ...COMPARISONS]);
const OPERATOR_HINTS: ReadonlyMap<string, string> = new Map([
  ['===', 'use =='],
  ['!==', 'use !='],
  ['^', 'use ** for powers'],
  ['&', 'use && for "and"'],
  ['|', 'use || for "or"'],
]);

/** Folding runs a pure subtree's closure once; pure closures never read the environment. */
const FOLD_ENV: ExprEnv = {
  vars: new Map(),
  t: NaN,
  hour: NaN,
  weekday: NaN,
  localParts: () => ({ hour: NaN, weekday: NaN }),
};

function constant(value: number): Code {
  return { fn: () => value, value };
}

function fold(fn: Fn, parts: readonly Code[]): Code {
  return parts.every((p) => p.value !== undefined) ? constant(fn(FOLD_ENV)) : { fn };
}

export function compileExpr(source: string, options: CompileOptions): CompiledExpr {
  if (typeof source !== 'string' || source.trim() === '') throw new ExprError('the expression is empty');
  const compiler = new Compiler(source, options);
  const fn = compiler.compile();
  return {
    source,
    variablesUsed: Object.freeze([...compiler.used]),
    usesRandom: compiler.usesRandom,
    evaluate(env: ExprEnv): number {
      const v = fn(env);
      if (Number.isFinite(v)) return v;
      throw new ExprError(`gave ${v}`);
    },
  };
}

class Compiler {
  readonly used = new Set<string>();
  usesRandom = false;
  private readonly variables: ReadonlySet<string>;
  private readonly slots: ReadonlyMap<string, number> | undefined;
  private readonly functions = new Map<string, ExprFunction>();
  private readonly parsed: Parsed;
  private depth = 0;
  /** Offsets of the commas that separate call arguments; undefined when one could not be placed. */
  private argumentCommas: number[] | undefined = [];

  constructor(
    private readonly source: string,
    options: CompileOptions,
  ) {
    this.variables = new Set(options.variables);
    this.slots = options.slots;
    for (const name of this.variables) {
      const kind = builtinKind(name);
      if (kind) throw new ExprError(`variable '${name}' would hide the built-in ${kind} '${name}'`);
    }
    for (const f of options.functions ?? []) {
      const kind = builtinKind(f.name);
      if (kind) throw new ExprError(`function '${f.name}' would hide the built-in ${kind} '${f.name}'`);
      if (this.variables.has(f.name)) throw new ExprError(`variable '${f.name}' would hide the function`);
      if (this.functions.has(f.name)) throw new ExprError(`function '${f.name}' is given twice`);
      if (!(f.minArgs >= 0 && f.maxArgs >= f.minArgs))
        throw new ExprError(`function '${f.name}' has arity ${f.minArgs}..${f.maxArgs}`);
      this.functions.set(f.name, f);
    }
    this.parsed = parse(source);
  }

  compile(): Fn {
    const { fn } = this.node(this.parsed.ast);
    this.checkSeparators();
    return fn;
  }

  private node(n: Node): Code {
    if (++this.depth > MAX_DEPTH) throw new ExprError('the expression is nested too deeply');
    try {
      return this.dispatch(n);
    } finally {
      this.depth--;
    }
  }

  private dispatch(n: Node): Code {
    switch (n.type) {
      case 'Literal':
        return this.literal(n as jsep.Literal);
      case 'Identifier':
        return this.identifier(n as jsep.Identifier);
      case 'UnaryExpression':
        return this.unary(n as jsep.UnaryExpression);
      case 'BinaryExpression':
        return this.binary(n as jsep.BinaryExpression);
      case 'ConditionalExpression':
        return this.conditional(n as jsep.ConditionalExpression);
      case 'CallExpression':
        return this.call(n as jsep.CallExpression);
      case 'MemberExpression':
        throw this.memberError(n as jsep.MemberExpression);
      case 'ThisExpression':
        throw this.fail("'this' is not allowed", n);
      case 'ArrayExpression':
        throw this.fail('lists are not allowed', n);
      case 'Compound': {
        const [first] = (n as jsep.Compound).body;
        if (first) throw this.extraText(first);
        const at = this.source.search(/\S/); // jsep gives no nodes for `()` or `;`
        if (this.source.charAt(at) === '(') throw this.fail('empty parentheses', at);
        throw this.fail(`unexpected '${this.source.charAt(at)}'`, at);
      }
      case 'SequenceExpression':
        throw this.extraText((n as jsep.SequenceExpression).expressions[0] as Node);
      default:
        throw this.fail(`${n.type} is not allowed`, n);
    }
  }

  private literal(n: jsep.Literal): Code {
    if (typeof n.value === 'number') {
      if (!Number.isFinite(n.value)) throw this.fail(`the number ${n.raw} is too large`, n);
      return constant(n.value);
    }
    if (typeof n.value === 'string') throw this.fail(`strings are not allowed (${n.raw})`, n);
    throw this.fail(`'${n.raw}' is not allowed`, n, 'only numbers: write 1 or 0');
  }

  private identifier(n: jsep.Identifier): Code {
    const name = n.name;
    if (this.variables.has(name)) {
      this.used.add(name);
      const slot = this.slots?.get(name);
      if (slot !== undefined)
        return {
          fn: (env) => {
            const cells = env.cells;
            if (cells !== undefined) return cells[slot] as number;
            const v = env.vars.get(name);
            if (v === undefined) throw new ExprError(`variable '${name}' has no value`);
            return v;
          },
        };
      return {
        fn: (env) => {
          const v = env.vars.get(name);
          if (v === undefined) throw new ExprError(`variable '${name}' has no value`);
          return v;
        },
      };
    }
    const point = POINT_NAMES.get(name);
    if (point) return { fn: point };
    const c = CONSTANTS.get(name);
    if (c !== undefined) return constant(c);
    if (BUILTIN_FUNCTIONS.has(name) || this.functions.has(name))
      throw this.fail(`'${name}' is a function`, n, `call it as ${name}(...)`);
    const known = [...this.variables, ...POINT_NAMES.keys(), ...CONSTANTS.keys()];
    throw this.fail(`unknown name '${name}'`, n, suggestion(name, known));
  }

  private unary(n: jsep.UnaryExpression): Code {
    const op = n.operator;
    if (op !== '-' && op !== '+' && op !== '!') throw this.fail(`operator '${op}' is not allowed`, n);
    const arg = this.node(n.argument);
    if (op === '+') return arg;
    const a = arg.fn;
    return fold(op === '-' ? (env) => -a(env) : (env) => (a(env) === 0 ? 1 : 0), [arg]);
  }

  private binary(n: jsep.BinaryExpression): Code {
    const op = n.operator;
    const left = this.node(n.left);
    if (!BINARY_OPS.has(op))
      throw this.fail(`operator '${op}' is not allowed`, this.operatorColumn(n), OPERATOR_HINTS.get(op));
    if (COMPARISONS.has(op) && [n.left, n.right].some((s) => this.isBareComparison(s)))
      throw this.fail(
        'chained comparisons are not supported',
        this.operatorColumn(n),
        'write a < b && b < c, or add parentheses',
      );
    const right = this.node(n.right);
    if (op === '&&' || op === '||') return logical(op, left, right);
    return fold(binaryCode(op, left, right) as Fn, [left, right]);
  }

  private isBareComparison(n: Node): boolean {
    return (
      n.type === 'BinaryExpression' &&
      COMPARISONS.has((n as jsep.BinaryExpression).operator) &&
      !this.parsed.isParenthesized(n)
    );
  }

  private conditional(n: jsep.ConditionalExpression): Code {
    const test = this.node(n.test);
    const yes = this.node(n.consequent);
    const no = this.node(n.alternate);
    if (test.value !== undefined) return test.value !== 0 ? yes : no;
    const [c, a, b] = [test.fn, yes.fn, no.fn];
    // Only the branch taken is evaluated: a random draw in the other branch does not happen.
    return { fn: (env) => (c(env) !== 0 ? a(env) : b(env)) };
  }

  private call(n: jsep.CallExpression): Code {
    const callee = n.callee;
    if (callee.type !== 'Identifier') {
      if (callee.type === 'MemberExpression' || callee.type === 'ThisExpression') this.node(callee); // throws
      throw this.fail('only named functions can be called', callee);
    }
    const name = (callee as jsep.Identifier).name;
    const builtin = BUILTIN_FUNCTIONS.get(name);
    const external = this.functions.get(name);
    const def = builtin ?? external;
    if (!def) {
      if (this.variables.has(name) || builtinKind(name))
        throw this.fail(`'${name}' is not a function`, callee);
      const known = [...BUILTIN_FUNCTIONS.keys(), ...this.functions.keys()];
      throw this.fail(`unknown function '${name}'`, callee, suggestion(name, known));
    }
    const count = n.arguments.length;
    if (count < def.minArgs || count > def.maxArgs) {
      const want =
        def.minArgs === def.maxArgs
          ? `${def.minArgs} argument${def.minArgs === 1 ? '' : 's'}`
          : def.maxArgs === Infinity
            ? `at least ${def.minArgs} argument${def.minArgs === 1 ? '' : 's'}`
            : `${def.minArgs} to ${def.maxArgs} arguments`;
      throw this.fail(`${name}() takes ${want}, got ${count}`, callee);
    }
    const args = n.arguments.map((a) => this.node(a));
    this.noteArgumentCommas(n.arguments);
    const fns = args.map((a) => a.fn);
    if (builtin) {
      const fn = builtin.build(fns);
      return builtin.pure ? fold(fn, args) : { fn };
    }
    const f = external as ExprFunction;
    if (f.random) this.usesRandom = true;
    // Caller functions are never folded: only pure built-ins are known not to read the environment. With
    // constant arguments they may be bound once (a distribution's parameters checked once).
    if (f.bind && args.every((a) => a.value !== undefined)) {
      const bound = f.bind(args.map((a) => a.value as number));
      if (bound) return { fn: bound };
    }
    return { fn: externalCall(f, fns) };
  }

  private memberError(n: jsep.MemberExpression): ExprError {
    // Report the first access in a chain such as x.a.b.
    while (n.object.type === 'MemberExpression') n = n.object as jsep.MemberExpression;
    if (n.object.type === 'ThisExpression') return this.fail("'this' is not allowed", n.object);
    const from = this.parsed.outerEndOf(n.object);
    const at = from === undefined ? -1 : this.source.slice(from).search(/[.[?]/);
    const column = at < 0 ? this.parsed.startOf(n) : (from as number) + at;
    const what = n.computed
      ? 'indexing with [...]'
      : `property access '.${n.property.type === 'Identifier' ? (n.property as jsep.Identifier).name : ''}'`;
    return this.fail(`${what} is not allowed`, column, 'use only numbers, names and function calls');
  }

  /** `1 2`, `1, 2`, `(1; 2)`: jsep reads several expressions where we want exactly one. */
  private extraText(first: Node): ExprError {
    const end = this.parsed.outerEndOf(first);
    if (end === undefined) return new ExprError('write a single expression');
    const at = end + this.source.slice(end).search(/\S/);
    return this.fail(
      `unexpected '${this.source.charAt(at)}' after a complete expression`,
      at,
      'write a single expression',
    );
  }

  /** jsep also accepts `max(1 2)`; each pair of arguments must have its comma between them. */
  private noteArgumentCommas(args: readonly Node[]): void {
    for (let i = 0; i + 1 < args.length; i++) {
      const end = this.parsed.outerEndOf(args[i] as Node);
      const next = this.parsed.outerStartOf(args[i + 1] as Node);
      if (end === undefined || next === undefined) {
        this.argumentCommas = undefined; // cannot place it: skip the check rather than reject good text
        continue;
      }
      const comma = this.source.indexOf(',', end);
      if (comma < 0 || comma >= next) throw this.fail("expected ',' between arguments", next);
      this.argumentCommas?.push(comma);
    }
  }

  /** jsep silently skips separators it does not need (`x * 2;`, `(1,)`): any such one is an error. */
  private checkSeparators(): void {
    if (!this.argumentCommas) return;
    const legit = new Set(this.argumentCommas);
    for (let i = 0; i < this.source.length; i++) {
      const c = this.source.charAt(i);
      if (c === ';' || (c === ',' && !legit.has(i)))
        throw new ExprError(`unexpected '${c}'`, i + 1, 'write a single expression');
    }
  }

  private operatorColumn(n: jsep.BinaryExpression): number | undefined {
    const from = this.parsed.outerEndOf(n.left);
    const at = from === undefined ? -1 : this.source.indexOf(n.operator, from);
    return at < 0 ? this.parsed.startOf(n) : at;
  }

  /** `where` is a node or a 0-based offset; messages give 1-based columns. */
  private fail(message: string, where: Node | number | undefined, hint?: string): ExprError {
    const offset = typeof where === 'object' ? this.parsed.startOf(where) : where;
    return new ExprError(message, offset === undefined ? undefined : offset + 1, hint);
  }
}

/** `&&` and `||` give 1 or 0 and skip the right side when the left decides (a draw there does not happen). */
function logical(op: '&&' | '||', left: Code, right: Code): Code {
  const r = right.fn;
  if (left.value !== undefined) {
    if ((left.value !== 0) === (op === '||')) return constant(op === '||' ? 1 : 0);
    return right.value !== undefined
      ? constant(right.value !== 0 ? 1 : 0)
      : { fn: (env) => (r(env) !== 0 ? 1 : 0) };
  }
  const l = left.fn;
  return {
    fn:
      op === '&&'
        ? (env) => (l(env) !== 0 && r(env) !== 0 ? 1 : 0)
        : (env) => (l(env) !== 0 || r(env) !== 0 ? 1 : 0),
  };
}

/**
 * Arguments are evaluated left to right, once each, so the order of random draws is fixed. Each call site
 * owns one arguments array (a site never occurs inside its own arguments): nothing is allocated per call.
 */
function externalCall(f: ExprFunction, args: readonly Fn[]): Fn {
  const values = new Array<number>(args.length).fill(0);
  if (args.length === 0) return (env) => f.call(values, env);
  const a = args[0] as Fn;
  if (args.length === 1)
    return (env) => {
      values[0] = a(env);
      return f.call(values, env);
    };
  const b = args[1] as Fn;
  if (args.length === 2)
    return (env) => {
      values[0] = a(env);
      values[1] = b(env);
      return f.call(values, env);
    };
  return (env) => {
    for (let i = 0; i < args.length; i++) values[i] = (args[i] as Fn)(env);
    return f.call(values, env);
  };
}
