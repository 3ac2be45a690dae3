/**
 * Expressions are untrusted text: jsep parses them into a syntax tree, every node is checked against a
 * whitelist, and the tree is compiled into closures that our code runs. Nothing is ever evaluated as
 * JavaScript, and no property is ever looked up by a user-supplied name on an ordinary object.
 */
import jsep from 'jsep';
import { didYouMean } from '../util/nearest';
import { BUILTIN_FUNCTIONS, CONSTANTS, floorMod, POINT_NAMES } from './builtins';
import { type CompiledExpr, type CompileOptions, type ExprEnv, ExprError, type ExprFunction } from './types';

type Node = jsep.Expression;
type Fn = (env: ExprEnv) => number;

interface Compiled {
  readonly fn: Fn;
  /** Set when the subtree is a constant: folded at compile time. */
  readonly value?: number;
}

const BINARY: ReadonlyMap<string, (a: number, b: number) => number> = new Map([
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
  ['/', (a, b) => a / b],
  ['%', floorMod],
  ['<', (a, b) => (a < b ? 1 : 0)],
  ['<=', (a, b) => (a <= b ? 1 : 0)],
  ['>', (a, b) => (a > b ? 1 : 0)],
  ['>=', (a, b) => (a >= b ? 1 : 0)],
  ['==', (a, b) => (a === b ? 1 : 0)],
  ['!=', (a, b) => (a !== b ? 1 : 0)],
]);

const UNARY: ReadonlyMap<string, (a: number) => number> = new Map([
  ['-', (a) => -a],
  ['+', (a) => a],
  ['!', (a) => (a === 0 ? 1 : 0)],
]);

export function compileExpr(source: string, options: CompileOptions): CompiledExpr {
  return new Compiler(source, options).compile();
}

class Compiler {
  private readonly variables: ReadonlySet<string>;
  private readonly functions = new Map<string, ExprFunction>();
  private readonly used = new Set<string>();
  private usesRandom = false;

  constructor(
    private readonly source: string,
    options: CompileOptions,
  ) {
    for (const name of options.variables) this.checkFree(name, 'variable');
    this.variables = new Set(options.variables);
    for (const f of options.functions ?? []) {
      this.checkFree(f.name, 'function');
      if (this.variables.has(f.name)) throw new ExprError(`variable '${f.name}' hides a function`);
      this.functions.set(f.name, f);
    }
  }

  compile(): CompiledExpr {
    if (this.source.trim() === '') throw new ExprError('the expression is empty');
    let ast: Node;
    try {
      ast = jsep(this.source);
    } catch (err) {
      const e = err as Error & { index?: number; description?: string };
      throw new ExprError(
        `syntax error: ${e.description ?? e.message}`,
        e.index === undefined ? undefined : e.index + 1,
      );
    }
    const { fn } = this.node(ast);
    const source = this.source;
    return {
      source,
      variablesUsed: [...this.used],
      usesRandom: this.usesRandom,
      evaluate(env: ExprEnv): number {
        const v = fn(env);
        if (!Number.isFinite(v)) throw new ExprError(`gave ${v}`);
        return v;
      },
    };
  }

  private node(n: Node): Compiled {
    switch (n.type) {
      case 'Literal':
        return this.literal(n as jsep.Literal);
      case 'Identifier':
        return this.identifier((n as jsep.Identifier).name);
      case 'UnaryExpression':
        return this.unary(n as jsep.UnaryExpression);
      case 'BinaryExpression':
        return this.binary(n as jsep.BinaryExpression);
      case 'ConditionalExpression':
        return this.conditional(n as jsep.ConditionalExpression);
      case 'CallExpression':
        return this.call(n as jsep.CallExpression);
      case 'MemberExpression':
        throw this.error(
          'property access is not allowed: use only variables and functions',
          this.memberText(n as jsep.MemberExpression),
        );
      case 'ThisExpression':
        throw this.error("'this' is not allowed", 'this');
      case 'ArrayExpression':
        throw this.error('lists are not allowed', '[');
      case 'Compound':
      case 'SequenceExpression':
        throw new ExprError('write a single expression (no commas or several expressions)');
      default:
        throw new ExprError(`${n.type} is not allowed`);
    }
  }

  private literal(n: jsep.Literal): Compiled {
    if (typeof n.value !== 'number')
      throw this.error(`only numbers are allowed, not ${JSON.stringify(n.raw)}`, n.raw);
    return constant(n.value);
  }

  private identifier(name: string): Compiled {
    if (this.variables.has(name)) {
      this.used.add(name);
      return { fn: (env) => env.vars.get(name) as number };
    }
    const point = POINT_NAMES.get(name);
    if (point) return { fn: point };
    const c = CONSTANTS.get(name);
    if (c !== undefined) return constant(c);
    if (BUILTIN_FUNCTIONS.has(name) || this.functions.has(name))
      throw this.error(`'${name}' is a function: call it as ${name}(...)`, name);
    throw this.error(`unknown name '${name}'${didYouMean(name, this.knownNames())}`, name);
  }

  private unary(n: jsep.UnaryExpression): Compiled {
    const op = UNARY.get(n.operator);
    if (!op) throw this.error(`operator '${n.operator}' is not allowed`, n.operator);
    const arg = this.node(n.argument);
    if (arg.value !== undefined) return constant(op(arg.value));
    const f = arg.fn;
    return { fn: (env) => op(f(env)) };
  }

  private binary(n: jsep.BinaryExpression): Compiled {
    const left = this.node(n.left);
    const right = this.node(n.right);
    const l = left.fn;
    const r = right.fn;
    if (n.operator === '&&') return { fn: (env) => (l(env) !== 0 && r(env) !== 0 ? 1 : 0) };
    if (n.operator === '||') return { fn: (env) => (l(env) !== 0 || r(env) !== 0 ? 1 : 0) };
    const op = BINARY.get(n.operator);
    if (!op) {
      const hint =
        n.operator === '===' || n.operator === '!=='
          ? ` (use ${n.operator.slice(0, 2)})`
          : n.operator === '**'
            ? ' (use pow(a, b))'
            : '';
      throw this.error(`operator '${n.operator}' is not allowed${hint}`, n.operator);
    }
    if (left.value !== undefined && right.value !== undefined) return constant(op(left.value, right.value));
    return { fn: (env) => op(l(env), r(env)) };
  }

  private conditional(n: jsep.ConditionalExpression): Compiled {
    const test = this.node(n.test).fn;
    const yes = this.node(n.consequent).fn;
    const no = this.node(n.alternate).fn;
    // Only the branch taken is evaluated: a draw in the other branch does not happen.
    return { fn: (env) => (test(env) !== 0 ? yes(env) : no(env)) };
  }

  private call(n: jsep.CallExpression): Compiled {
    if (n.callee.type !== 'Identifier') throw new ExprError('only named functions can be called');
    const name = (n.callee as jsep.Identifier).name;
    const args = n.arguments.map((a) => this.node(a));
    const builtin = BUILTIN_FUNCTIONS.get(name);
    const extra = this.functions.get(name);
    const def = builtin ?? extra;
    if (!def) {
      if (this.variables.has(name) || POINT_NAMES.has(name) || CONSTANTS.has(name))
        throw this.error(`'${name}' is not a function`, name);
      throw this.error(
        `unknown function '${name}'${didYouMean(name, [...BUILTIN_FUNCTIONS.keys(), ...this.functions.keys()])}`,
        name,
      );
    }
    if (args.length < def.minArgs || args.length > def.maxArgs) {
      const want =
        def.minArgs === def.maxArgs
          ? `${def.minArgs}`
          : def.maxArgs === Infinity
            ? `at least ${def.minArgs}`
            : `${def.minArgs} to ${def.maxArgs}`;
      throw this.error(
        `${name}() takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`,
        name,
      );
    }
    const call = builtin ? builtin.fn : (extra as ExprFunction).call.bind(extra);
    const fns = args.map((a) => a.fn);
    const pure = builtin !== undefined && name !== 'hour' && name !== 'weekday';
    if (!pure && extra?.random) this.usesRandom = true;
    if (pure && args.every((a) => a.value !== undefined)) {
      return constant(
        call(
          args.map((a) => a.value as number),
          undefined as unknown as ExprEnv,
        ),
      );
    }
    // Arguments are evaluated left to right, once each: the order of random draws is fixed.
    return {
      fn: (env) =>
        call(
          fns.map((f) => f(env)),
          env,
        ),
    };
  }

  private checkFree(name: string, what: string): void {
    if (POINT_NAMES.has(name) || CONSTANTS.has(name) || BUILTIN_FUNCTIONS.has(name)) {
      throw new ExprError(`${what} '${name}' would hide the built-in '${name}'`);
    }
  }

  private knownNames(): string[] {
    return [...this.variables, ...POINT_NAMES.keys(), ...CONSTANTS.keys()];
  }

  private memberText(n: jsep.MemberExpression): string {
    return n.property.type === 'Identifier' ? `.${(n.property as jsep.Identifier).name}` : '[';
  }

  /** An error pointing at the first place `token` appears in the source. */
  private error(message: string, token: string): ExprError {
    const at = this.source.indexOf(token);
    return new ExprError(message, at < 0 ? undefined : at + 1);
  }
}

function constant(value: number): Compiled {
  return { fn: () => value, value };
}
