/** Imply's dimension blocks (emitter dimensions and state variables) -> DimSpec. */
import type { FieldValue } from '../../records/formats/types';
import type { DimCommon, DimSpec, DistSpec } from '../model';
import type { Cursor } from './cursor';
import { parseDist } from './distribution';

export const DIMENSION_TYPES = [
  'clock',
  'enum',
  'int',
  'float',
  'string',
  'timestamp',
  'ipaddress',
  'counter',
  'variable',
  'object',
  'list',
  'string:static',
  'int:static',
] as const;

/** Python's string.printable, the reference's default `chars`. */
export const PRINTABLE =
  '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c';

/** `unique`: an emitter's (or object's) fields must have distinct names; a variable list may set one twice. */
export function parseDims(c: Cursor, unique = true): DimSpec[] {
  const dims = c.items().map(parseDim);
  if (!unique) return dims;
  const seen = new Map<string, string>();
  for (const d of dims) {
    const before = seen.get(d.name);
    if (before !== undefined) c.fail(`two dimensions are named '${d.name}' (${before} and ${d.path})`);
    seen.set(d.name, d.path);
  }
  return dims;
}

export function parseDim(c: Cursor): DimSpec {
  c.mapping();
  const type = c.required('type').choice(DIMENSION_TYPES, 'dimension type');
  const name = c.required('name').string();
  const common = parseCommon(c, name);
  switch (type) {
    case 'clock':
      return { ...common, type };
    case 'enum': {
      const values = c.required('values').items({ nonEmpty: true });
      return {
        ...common,
        type,
        values: values.map((v) => v.value as FieldValue),
        index: optionalDist(c, 'cardinality_distribution') ?? uniformOver(values.length),
      };
    }
    case 'int':
    case 'ipaddress':
    case 'timestamp': {
      const dist = parseDist(c.required('distribution'), type === 'timestamp' ? 'timestamp' : 'value');
      if (type === 'int' || type === 'ipaddress') checkReachable(c, dist, common.cardinality);
      return { ...common, type, dist };
    }
    case 'float': {
      const precision = c.optional('precision')?.integer(0);
      return { ...common, type, dist: parseDist(c.required('distribution'), 'value'), precision };
    }
    case 'string': {
      const chars = c.optional('chars')?.string() ?? PRINTABLE;
      if (chars.length === 0) c.at('chars').fail('must hold at least one character');
      return { ...common, type, length: parseDist(c.required('length_distribution'), 'value'), chars };
    }
    case 'counter': {
      const scope = c.optional('scope')?.choice(['emitter', 'worker'] as const, 'counter scope') ?? 'emitter';
      const start = c.optional('start')?.number() ?? 0;
      return { ...common, type, start, increment: c.optional('increment')?.number() ?? 1, scope };
    }
    case 'variable':
      return { ...common, type, variable: c.required('variable').string() };
    case 'object':
      return { ...common, type, dims: parseDims(c.required('dimensions')) };
    case 'list': {
      const elements = c.required('elements').items({ nonEmpty: true }).map(parseDim);
      return {
        ...common,
        type,
        elements,
        length: parseDist(c.required('length_distribution'), 'value'),
        selection: optionalDist(c, 'selection_distribution') ?? uniformOver(elements.length),
      };
    }
    case 'string:static':
      return { ...common, type: 'static', value: c.required('value').string() };
    case 'int:static':
      return { ...common, type: 'static', value: c.required('value').integer() };
  }
}

function parseCommon(c: Cursor, name: string): DimCommon {
  const percent = (key: string): number => {
    const v = c.optional(key);
    if (v === undefined) return 0;
    const n = v.number();
    if (n < 0 || n > 100) v.fail(`must be a percentage from 0 to 100 (got ${n})`);
    return n / 100;
  };
  const missing = percent('percent_missing');
  const nulls = percent('percent_nulls');
  if (missing + nulls > 1) c.fail(`percent_missing + percent_nulls must not pass 100`);
  return {
    name,
    path: c.path,
    missing,
    nulls,
    cardinality: c.optional('cardinality')?.integer(0) ?? 0,
    cardinalityDist: optionalDist(c, 'cardinality_distribution'),
  };
}

function optionalDist(c: Cursor, key: string): DistSpec | undefined {
  const d = c.optional(key);
  return d === undefined ? undefined : parseDist(d, 'value');
}

/** Uniform over the indices 0..n-1 (ints are inclusive: max n-1). */
export function uniformOver(n: number): DistSpec {
  return { kind: 'uniform', min: 0, max: n - 1 };
}

/**
 * A pool of N distinct ints needs a distribution that can make N of them: the reference loops forever
 * when it cannot; this says so at load where it can be seen from the parameters alone.
 */
function checkReachable(c: Cursor, dist: DistSpec, cardinality: number): void {
  if (cardinality === 0) return;
  const possible =
    dist.kind === 'constant'
      ? 1
      : dist.kind === 'uniform'
        ? Math.trunc(dist.max) - Math.trunc(dist.min) + 1
        : Infinity;
  if (possible < cardinality)
    c.at('cardinality').fail(
      `${cardinality} distinct values cannot come from ${dist.kind} ${describeDist(dist)}, which makes only ${possible}`,
    );
}

function describeDist(dist: DistSpec): string {
  if (dist.kind === 'constant') return `(value ${dist.value})`;
  if (dist.kind === 'uniform') return `(min ${dist.min}, max ${dist.max})`;
  return '';
}
