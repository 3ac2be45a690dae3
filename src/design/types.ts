/** A validated experimental design: what to generate, with every field checked and typed. */
import type { MetricType } from '../metrics/model';
import type { BoundDraw } from '../random/distributions';

/** Regular points every `seconds`, or random gaps: next = current + max(1, trunc(draw) + 1). */
export type Timing =
  | { readonly kind: 'regular'; readonly seconds: number }
  | { readonly kind: 'random'; readonly draw: BoundDraw };

/** Take the timestamps of the (first) source metric. */
export interface Historical {
  readonly kind: 'historical';
}

export type ScalarValues =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'distribution'; readonly draw: BoundDraw };

/** One value per chosen key: randint(1, n), sample(keys, k), then a draw per key in sample order. */
export interface DictValues {
  readonly kind: 'dict';
  readonly keys: readonly string[];
  readonly each: ScalarValues;
}

/**
 * A function of existing metrics: `expression` over `sources` (alias -> metric key, in declaration order).
 * With `keys` (dict_keys), every point is a dict with one evaluation per key, in key order; a dict-valued
 * source is then read at the same key.
 */
export interface FunctionValues {
  readonly kind: 'function';
  readonly expression: string;
  readonly sources: ReadonlyMap<string, string>;
  readonly keys?: readonly string[];
}

export type Values = ScalarValues | DictValues | FunctionValues;

interface SpecBase {
  readonly type: MetricType;
  readonly key: string;
  /** Epoch seconds; the first point is at start, end is exclusive. */
  readonly start: number;
  readonly end: number;
}

export type MetricSpec = SpecBase &
  (
    | { readonly frequency: Timing; readonly values: Values }
    | { readonly frequency: Historical; readonly values: FunctionValues }
  );

export interface Design {
  readonly file: string;
  readonly specs: readonly MetricSpec[];
  /** Some start_time or end_time depends on "now" (`-1h`, `yesterday`): reproducing it needs the same --now. */
  readonly usesRelativeTime: boolean;
}
