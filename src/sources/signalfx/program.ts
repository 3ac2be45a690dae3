/**
 * SignalFlow programs built from user input. Metric names, dimensions and values come from users, so every
 * string is quoted (backslashes, quotes and line breaks escaped) and every keyword is checked against the
 * list SignalFlow accepts: the program is data we write, never text we paste together.
 */
export const ROLLUPS = ['average', 'sum', 'min', 'max', 'count', 'latest', 'lag', 'delta', 'rate'] as const;
export const EXTRAPOLATIONS = ['null', 'zero', 'last_value'] as const;
export const AGGREGATIONS = ['sum', 'mean', 'min', 'max', 'count'] as const;

export type Rollup = (typeof ROLLUPS)[number];
export type Extrapolation = (typeof EXTRAPOLATIONS)[number];
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface ProgramSpec {
  readonly metric: string;
  /** Dimension -> accepted values: values of one dimension are OR-ed, dimensions AND-ed. */
  readonly filters: ReadonlyMap<string, readonly string[]>;
  readonly rollup?: Rollup;
  readonly extrapolation?: Extrapolation;
  readonly maxExtrapolations?: number;
  /** Group-by dimensions with their aggregation; absent: the raw series. */
  readonly groupBy?: { readonly dimensions: readonly string[]; readonly aggregation: Aggregation };
}

export class ProgramError extends Error {}

/** A SignalFlow string literal. */
export function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f)
      throw new ProgramError(
        `control character U+${code.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`,
      );
    else out += ch;
  }
  return `${out}"`;
}

/** `dim:value` options into the filter map (a value may itself contain ':'). */
export function parseFilters(options: readonly string[]): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const option of options) {
    const colon = option.indexOf(':');
    const dim = colon < 0 ? '' : option.slice(0, colon).trim();
    if (colon < 0 || dim === '') throw new ProgramError(`filters: '${option}' is not dimension:value`);
    const values = filters.get(dim) ?? [];
    values.push(option.slice(colon + 1));
    filters.set(dim, values);
  }
  return filters;
}

export function buildProgram(spec: ProgramSpec): string {
  if (spec.metric.trim() === '') throw new ProgramError('the metric name is empty');
  const args = [quote(spec.metric)];
  if (spec.filters.size > 0) {
    const parts = [...spec.filters].map(
      ([dim, values]) => `filter(${[dim, ...values].map(quote).join(', ')})`,
    );
    args.push(`filter=${parts.join(' and ')}`);
  }
  if (spec.rollup !== undefined) args.push(`rollup=${quote(oneOf('rollup', spec.rollup, ROLLUPS))}`);
  if (spec.extrapolation !== undefined)
    args.push(`extrapolation=${quote(oneOf('extrapolation', spec.extrapolation, EXTRAPOLATIONS))}`);
  if (spec.maxExtrapolations !== undefined) {
    if (!Number.isInteger(spec.maxExtrapolations) || spec.maxExtrapolations < -1)
      throw new ProgramError(`max_extrapolations must be an integer >= -1 (got ${spec.maxExtrapolations})`);
    args.push(`maxExtrapolations=${spec.maxExtrapolations}`);
  }
  let program = `data(${args.join(', ')})`;
  if (spec.groupBy) {
    const { dimensions, aggregation } = spec.groupBy;
    if (dimensions.length === 0 || dimensions.some((d) => d.trim() === ''))
      throw new ProgramError('group_by needs dimension names');
    program += `.${oneOf('aggregation', aggregation, AGGREGATIONS)}(by=[${dimensions.map(quote).join(', ')}])`;
  }
  return `${program}.publish()`;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new ProgramError(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}
