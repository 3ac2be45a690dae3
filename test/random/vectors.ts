/** test/golden/random-vectors.json (written by make-random-vectors.py) and how closely each draw must match. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Args = Record<string, number | null | number[]>;

export interface DrawCase {
  seed: string;
  fn: string;
  args: Args;
  values: number[];
  /** random() right after the draws: proves the same number of words was used. */
  next: number;
}

export interface SampleCase {
  seed: string;
  n: number;
  k: number;
  branch: 'pool' | 'set';
  samples: number[][];
  next: number;
}

export type Op =
  | { op: 'draw'; fn: string; args: Args }
  | { op: 'dict'; pool: string[]; fn: string; args: Args }
  | { op: 'seed'; seed: string };

export type OpResult = number | null | { keys: string[]; values: number[] };

export interface Sequence {
  seed: string;
  ops: Op[];
  results: OpResult[];
  next: number;
}

export interface Vectors {
  seeds: { seed: string; state: number[]; random: number[] }[];
  cases: DrawCase[];
  binomial_312: DrawCase[];
  samples: SampleCase[];
  sequences: Sequence[];
}

export const VECTORS = JSON.parse(
  readFileSync(join(__dirname, '../golden/random-vectors.json'), 'utf8'),
) as Vectors;

/** Draws made of + - * / sqrt and integer steps only: these must be bit-identical. */
const EXACT = new Set([
  'random',
  'uniform',
  'triangular',
  'randint',
  'randrange',
  'choice',
  'getrandbits',
  'sample',
  'binomialvariate',
]);

export function isExact(fn: string): boolean {
  return EXACT.has(fn);
}

/** Same double (Object.is, so -0 and 0 differ), or for log/exp/sin/cos/pow draws within 1e-12 relative / 1e-300 absolute. */
export function matches(fn: string, actual: number, expected: number): boolean {
  if (Object.is(actual, expected)) return true;
  if (isExact(fn)) return false;
  const diff = Math.abs(actual - expected);
  return diff <= 1e-300 || diff <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
}

/** The first index where the draws differ, with both values, or undefined. */
export function firstMismatch(
  fn: string,
  actual: readonly number[],
  expected: readonly number[],
): string | undefined {
  if (actual.length !== expected.length) return `length ${actual.length} != ${expected.length}`;
  const i = actual.findIndex((a, j) => !matches(fn, a, expected[j] as number));
  return i < 0 ? undefined : `draw ${i}: got ${actual[i]}, Python ${expected[i]}`;
}
