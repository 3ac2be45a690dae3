/** The contract between expressions and whoever evaluates them. */

export interface ExprFunction {
  readonly name: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Draws random numbers: never constant-folded, called once per evaluation of its call site, left to right. */
  readonly random: boolean;
  call(args: readonly number[], env: ExprEnv): number;
}

export interface ExprEnv {
  /** Values of the user's variables (source aliases such as x, cpu) at this point. */
  readonly vars: ReadonlyMap<string, number>;
  /** Epoch seconds of the point. */
  readonly t: number;
  /** Local hour of day (0 <= hour < 24, fractional) and weekday (0 = Monday) of t, in the run's zone. */
  readonly hour: number;
  readonly weekday: number;
  localParts(epochSeconds: number): { hour: number; weekday: number };
}

export interface CompileOptions {
  readonly variables: readonly string[];
  readonly functions?: readonly ExprFunction[];
}

export interface CompiledExpr {
  readonly source: string;
  readonly variablesUsed: readonly string[];
  readonly usesRandom: boolean;
  evaluate(env: ExprEnv): number;
}

export class ExprError extends Error {
  constructor(
    message: string,
    readonly column?: number,
  ) {
    super(column === undefined ? message : `${message} at column ${column}`);
    this.name = 'ExprError';
  }
}
