/** The contract between expressions and whoever compiles and evaluates them. */

export interface ExprFunction {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /**
   * True when the function draws random numbers (distributions): never constant-folded, evaluated left to
   * right exactly once per call site per evaluation.
   */
  readonly random: boolean;
  /** `args` is reused from call to call at the same call site: read it, do not keep it. */
  call(args: readonly number[], env: ExprEnv): number;
  /**
   * Optional: when every argument at a call site is a constant, the compiler asks for a function of the
   * environment alone, made once (arguments checked once, nothing allocated per call). Undefined: use call.
   */
  bind?(args: readonly number[]): ((env: ExprEnv) => number) | undefined;
}

export interface ExprEnv {
  /** Value of a user variable (source metric alias such as x, cpu) at this point. */
  readonly vars: ReadonlyMap<string, number>;
  /**
   * Optional: the values of the variables given slots at compile time (CompileOptions.slots), read by index
   * instead of through vars.
   */
  readonly cells?: Float64Array;
  /** Epoch seconds of the point being generated. */
  readonly t: number;
  /**
   * Local hour of day (fractional, 0 <= hour < 24) and weekday (0 = Monday .. 6 = Sunday, Python's
   * convention) of t; supplied by the caller, who knows the time zone.
   */
  readonly hour: number;
  readonly weekday: number;
  /** For hour(u)/weekday(u) called with an explicit epoch-seconds argument. */
  localParts(epochSeconds: number): { hour: number; weekday: number };
}

export interface CompileOptions {
  /** User variable names allowed in this expression (e.g. ['x'] or ['cpu', 'mem']). */
  readonly variables: readonly string[];
  /** Extra functions, e.g. the random distributions, supplied by the caller. */
  readonly functions?: readonly ExprFunction[];
  /** Optional: variables whose value is read from env.cells at this index when env.cells is set. */
  readonly slots?: ReadonlyMap<string, number>;
}

export interface CompiledExpr {
  readonly source: string;
  /** User variables referenced in the text, in order of first appearance. */
  readonly variablesUsed: readonly string[];
  /** True if the text calls any random function. */
  readonly usesRandom: boolean;
  evaluate(env: ExprEnv): number;
}

/**
 * A one-line message such as `unknown name 'cpux' at column 5 (did you mean 'cpu'?)`. `column` is 1-based
 * and absent when the problem is not at one place (bad options, a non-finite result).
 */
export class ExprError extends Error {
  override readonly name = 'ExprError';
  readonly column?: number;

  constructor(message: string, column?: number, hint?: string) {
    const at = column === undefined ? '' : ` at column ${column}`;
    super(`${message}${at}${hint === undefined ? '' : ` (${hint})`}`);
    if (column !== undefined) this.column = column;
  }
}
