/**
 * jsep, adapted to our language: a `gobble-token` hook gives unary operators Python's precedence against
 * `**` (`-2 ** 2 == -4`; jsep alone binds them tighter and gives 4) and records where every token starts
 * and ends, because jsep's nodes carry no positions and every error message needs a column.
 * jsep's configuration and hooks are process-wide; nothing else in the project uses jsep.
 */
import jsep from 'jsep';
import { ExprError } from './types';

export type Node = jsep.Expression;

interface Span {
  /** Innermost: `(x)` records x at 1..2; columns in messages point here. */
  readonly start: number;
  readonly end: number;
  /** Outermost, parentheses included. */
  outerStart: number;
  outerEnd: number;
}

export interface Parsed {
  readonly ast: Node;
  /** 0-based offset where the node's text starts, if known. */
  startOf(node: Node): number | undefined;
  /** Start including the parentheses written around the node. */
  outerStartOf(node: Node): number | undefined;
  /** 0-based offset just past the node's text (before closing parentheses), if known. */
  endOf(node: Node): number | undefined;
  /** End including the parentheses written around the node. */
  outerEndOf(node: Node): number | undefined;
  isParenthesized(node: Node): boolean;
}

const UNARY_OPS = new Set(['-', '+', '!']);

// Parsing is synchronous and never re-entered, so the state of the current parse can live here.
let spans: Map<Node, Span> | undefined;
/** Set just before the hook calls gobbleToken itself, so that call takes jsep's own path once. */
let bypass = false;

function record(node: Node, start: number, end: number): void {
  if (!spans) return;
  const known = spans.get(node);
  if (known) {
    known.outerStart = Math.min(known.outerStart, start);
    known.outerEnd = Math.max(known.outerEnd, end);
  } else {
    spans.set(node, { start, end, outerStart: start, outerEnd: end });
  }
}

/** After jsep gobbles a token it also skips the spaces behind it; a span should not include them. */
function trimmedEnd(expr: string, start: number, end: number): number {
  while (end > start && /\s/.test(expr.charAt(end - 1))) end--;
  return end;
}

/** Python's `u_expr`: a unary operator applies to a whole power, `-a ** b` is `-(a ** b)`. */
function power(scope: jsep.HookScope, after: string): Node {
  const base = scope.gobbleToken();
  if (!base) return scope.throwError(`Expected expression after ${after}`);
  scope.gobbleSpaces();
  if (!scope.expr.startsWith('**', scope.index)) return base;
  scope.index += 2;
  const exponent = power(scope, '**');
  const node: jsep.BinaryExpression = {
    type: 'BinaryExpression',
    operator: '**',
    left: base,
    right: exponent,
  };
  return node;
}

function tokenHook(this: jsep.HookScope, env: { node?: Node }): void {
  if (bypass) {
    bypass = false;
    return;
  }
  const start = this.index;
  if (UNARY_OPS.has(this.char)) {
    const operator = this.char;
    this.index += 1;
    const argument = power(this, operator);
    const node: jsep.UnaryExpression = { type: 'UnaryExpression', operator, argument, prefix: true };
    record(node, start, trimmedEnd(this.expr, start, this.index));
    env.node = node;
    return;
  }
  bypass = true;
  const node = this.gobbleToken();
  bypass = false;
  if (!node) {
    // Let jsep redo the same failing attempt from the same place, so its error handling is unchanged.
    this.index = start;
    return;
  }
  record(node, start, trimmedEnd(this.expr, start, this.index));
  // The callee of `f(1)` and the object of `x.y` start the token but never pass through this hook.
  let head: Node = node;
  while (head.type === 'CallExpression' || head.type === 'MemberExpression') {
    head =
      head.type === 'CallExpression'
        ? (head as jsep.CallExpression).callee
        : (head as jsep.MemberExpression).object;
    if (head.type === 'Identifier') record(head, start, start + (head as jsep.Identifier).name.length);
    if (head.type === 'ThisExpression') record(head, start, start + 'this'.length);
  }
  env.node = node;
}

jsep.plugins.register({
  name: 'clusterman-expr',
  init() {
    jsep.hooks.add('gobble-token', tokenHook);
  },
});

export function parse(source: string): Parsed {
  const map = new Map<Node, Span>();
  let ast: Node;
  spans = map;
  bypass = false;
  try {
    ast = jsep(source);
  } catch (err) {
    throw syntaxError(err, source);
  } finally {
    spans = undefined;
    bypass = false;
  }

  const startOf = (node: Node, outer = false): number | undefined => {
    const known = map.get(node);
    if (known) return outer ? known.outerStart : known.start;
    switch (node.type) {
      case 'BinaryExpression':
        return startOf((node as jsep.BinaryExpression).left, outer);
      case 'ConditionalExpression':
        return startOf((node as jsep.ConditionalExpression).test, outer);
      case 'MemberExpression':
        return startOf((node as jsep.MemberExpression).object, outer);
      case 'CallExpression':
        return startOf((node as jsep.CallExpression).callee, outer);
      default:
        return undefined;
    }
  };
  const endOf = (node: Node, outer = false): number | undefined => {
    const known = map.get(node);
    if (known) return outer ? known.outerEnd : known.end;
    switch (node.type) {
      case 'BinaryExpression':
        return endOf((node as jsep.BinaryExpression).right, outer);
      case 'ConditionalExpression':
        return endOf((node as jsep.ConditionalExpression).alternate, outer);
      default:
        return undefined;
    }
  };
  return {
    ast,
    startOf: (node) => startOf(node),
    outerStartOf: (node) => startOf(node, true),
    endOf: (node) => endOf(node),
    outerEndOf: (node) => endOf(node, true),
    isParenthesized(node) {
      const known = map.get(node);
      return known !== undefined && source.charAt(known.outerStart) === '(';
    },
  };
}

/** jsep's error, reworded into our one-line style with a 1-based column. */
function syntaxError(err: unknown, source: string): ExprError {
  if (err instanceof RangeError) return new ExprError('the expression is nested too deeply');
  if (!(err instanceof Error)) throw err;
  const { index, description } = err as Error & { index?: unknown; description?: unknown };
  if (typeof index !== 'number' || typeof description !== 'string') throw err;
  // jsep has already stepped past the character of "Unexpected token X".
  const at = description.startsWith('Unexpected token ') ? index - 1 : index;
  const [message, hint] = reword(description, source.charAt(at));
  return new ExprError(`syntax error: ${message}`, at + 1, hint);
}

function reword(description: string, here: string): [string, string?] {
  let m: RegExpMatchArray | null;
  if ((m = /^Unexpected (?:token )?"?(.*?)"?$/.exec(description)) || description === 'Unexpected period') {
    const what = description === 'Unexpected period' ? '.' : (m?.[1] ?? here);
    if (what === '') return ['unexpected end of the expression'];
    return [`unexpected '${what}'`, hintFor(what)];
  }
  if ((m = /^Expected expression after (.+)$/.exec(description))) return [`expected a value after '${m[1]}'`];
  if (description === 'Expected expression' || description === 'missing unaryOp argument')
    return ['expected a value'];
  if ((m = /^Unclosed ([[(])$/.exec(description))) return [`unclosed '${m[1]}'`];
  if (description === 'Expected comma') return ["expected ',' between arguments"];
  if ((m = /^Expected (.)$/.exec(description))) return [`expected '${m[1]}'`];
  if ((m = /^Expected exponent \((.*)\)$/.exec(description)))
    return [`malformed number '${m[1]}'`, 'expected digits after the exponent'];
  if ((m = /^Variable names cannot start with a number \((.*)\)$/.exec(description)))
    return [`a number cannot run into a name ('${m[1]}')`, 'write 2 * x, not 2x'];
  if (description.startsWith('Unclosed quote')) return ['unclosed quote', 'strings are not allowed'];
  return [description.charAt(0).toLowerCase() + description.slice(1)];
}

function hintFor(what: string): string | undefined {
  if (what === '=') return 'assignment is not allowed; compare with ==';
  if (what === '`' || what === '"' || what === "'") return 'strings are not allowed';
  if (what === '{' || what === '}') return 'objects are not allowed';
  return undefined;
}
