/**
 * The telemetry data contract shared by producer and consumer (generate-telemetry --write-contract writes
 * it). Loading checks every key, so a typo is a one-line error naming the file and key, not a silent default.
 */
import { dirname, resolve } from 'node:path';
import { didYouMean } from '../util/nearest';
import { ValidateInputError } from './errors';
import { compileTimeFormat, type TimeFormat } from './time-format';
import { isRecord, readYamlFile, rejectUnknownKeys } from './yaml';

/** What each column means to the checks; a contract may give a role to a column of another name. */
export const ROLES = [
  'sn',
  'model',
  'product_id',
  'location',
  'start_time',
  'end_time',
  'measurement_value',
  'unit',
  'name',
] as const;
export type Role = (typeof ROLES)[number];

export interface Measurement {
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
}

export type Quoting = 'minimal' | 'all';
export type Granularity = 'day' | 'hour';

export interface TelemetryContract {
  readonly file: string;
  readonly columns: readonly string[];
  /** Column index of each role present in `columns`. */
  readonly roles: Readonly<Partial<Record<Role, number>>>;
  readonly quoting: Quoting;
  readonly timeFormat: TimeFormat;
  readonly interval: number;
  readonly fuzz: number;
  readonly data: string;
  readonly inventory: string;
  readonly granularity: Granularity;
  readonly measurements: readonly Measurement[];
  /** Absolute paths (relative ones are resolved from the contract's folder), or null: not checked. */
  readonly types: string | null;
  readonly locations: string | null;
  readonly complete: boolean;
}

const KEYS = [
  'version',
  'columns',
  'roles',
  'quoting',
  'time_format',
  'interval',
  'fuzz',
  'data',
  'inventory',
  'granularity',
  'measurements',
  'types',
  'locations',
  'complete',
] as const;

export const SECONDS: Record<Granularity, number> = { day: 86_400, hour: 3_600 };

export function loadTelemetryContract(file: string): TelemetryContract {
  const doc = readYamlFile(file);
  const fail = (key: string | undefined, detail: string): never => {
    throw new ValidateInputError(file, detail, key);
  };
  if (!isRecord(doc)) return fail(undefined, 'a contract must be a mapping of keys (version, columns, ...)');
  rejectUnknownKeys(doc, KEYS, file);
  if (doc.version !== 1) fail('version', `must be 1 (got ${JSON.stringify(doc.version ?? null)})`);

  const columns = stringList(doc.columns, 'columns', fail);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) fail('columns', `'${dup}' appears twice`);
  const roles = roleIndexes(doc.roles, columns, fail);

  const quoting = oneOf(doc.quoting ?? 'minimal', ['minimal', 'all'] as const, 'quoting', fail);
  const granularity = oneOf(doc.granularity ?? 'day', ['day', 'hour'] as const, 'granularity', fail);
  const pattern = doc.time_format ?? '%Y-%m-%d %H:%M:%S';
  if (typeof pattern !== 'string')
    fail('time_format', 'must be a strftime pattern such as "%Y-%m-%d %H:%M:%S"');
  const timeFormat = compileTimeFormat(pattern as string);
  if (typeof timeFormat === 'string') return fail('time_format', timeFormat);

  const interval = integer(doc.interval ?? 3600, 'interval', fail, 1);
  if (SECONDS[granularity] % interval !== 0) {
    fail(
      'interval',
      `${interval} s does not divide ${granularity === 'day' ? 'a day (86400 s)' : 'an hour (3600 s)'}`,
    );
  }
  const fuzz = integer(doc.fuzz ?? 0, 'fuzz', fail, 0);
  if (fuzz * 2 >= interval) fail('fuzz', `${fuzz} s must be less than half the interval (${interval} s)`);

  const data = doc.data ?? 'data-*.csv';
  if (typeof data !== 'string' || data === '')
    fail('data', 'must be a glob of data files, e.g. "data-*.csv"');
  const inventory = doc.inventory ?? 'inventory.csv';
  if (typeof inventory !== 'string' || inventory === '') fail('inventory', 'must be a file name');

  const here = dirname(resolve(file));
  const table = (key: 'types' | 'locations'): string | null => {
    const v = doc[key] ?? null;
    if (v === null) return null;
    if (typeof v !== 'string' || v === '') return fail(key, 'must be a CSV file or null');
    return resolve(here, v);
  };
  const complete = doc.complete ?? true;
  if (typeof complete !== 'boolean') fail('complete', 'must be true or false');

  return {
    file,
    columns,
    roles,
    quoting,
    timeFormat,
    interval,
    fuzz,
    data: data as string,
    inventory: inventory as string,
    granularity,
    measurements: measurementList(doc.measurements, fail),
    types: table('types'),
    locations: table('locations'),
    complete: complete as boolean,
  };
}

type Fail = (key: string | undefined, detail: string) => never;

function stringList(v: unknown, key: string, fail: Fail): string[] {
  if (!Array.isArray(v) || v.length === 0) return fail(key, 'must be a non-empty list of column names');
  return v.map((c, i) =>
    typeof c === 'string' && c !== '' ? c : fail(`${key}[${i}]`, 'must be a column name'),
  );
}

function roleIndexes(raw: unknown, columns: readonly string[], fail: Fail): Partial<Record<Role, number>> {
  const given = raw ?? {};
  if (!isRecord(given)) return fail('roles', 'must map roles (name, measurement_value, ...) to column names');
  const byRole: Partial<Record<Role, number>> = {};
  for (const role of ROLES) if (columns.includes(role)) byRole[role] = columns.indexOf(role);
  for (const [role, column] of Object.entries(given)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      fail(`roles.${role}`, `not a role${didYouMean(role, ROLES)}; roles: ${ROLES.join(', ')}`);
    }
    if (typeof column !== 'string' || !columns.includes(column)) {
      fail(
        `roles.${role}`,
        `${JSON.stringify(column)} is not one of the columns${didYouMean(String(column), columns)}`,
      );
    }
    byRole[role as Role] = columns.indexOf(column as string);
  }
  for (const role of ['sn', 'name', 'measurement_value'] as const) {
    if (byRole[role] === undefined)
      fail('columns', `no '${role}' column (give it a role under roles: if it has another name)`);
  }
  if (byRole.start_time === undefined && byRole.end_time === undefined) {
    fail('columns', "needs a 'start_time' or an 'end_time' column");
  }
  return byRole;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], key: string, fail: Fail): T {
  if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
  return fail(
    key,
    `${JSON.stringify(v)} is not one of ${options.join(', ')}${didYouMean(String(v), options)}`,
  );
}

function integer(v: unknown, key: string, fail: Fail, min: number): number {
  if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
  return fail(key, `must be a whole number of seconds >= ${min} (got ${JSON.stringify(v)})`);
}

function measurementList(v: unknown, fail: Fail): Measurement[] {
  if (!Array.isArray(v) || v.length === 0)
    return fail('measurements', 'must be a non-empty list of {name, unit, min, max}');
  const seen = new Set<string>();
  return v.map((m: unknown, i) => {
    const where = `measurements[${i}]`;
    if (!isRecord(m)) return fail(where, 'must be a mapping {name, unit, min, max}');
    for (const key of Object.keys(m)) {
      if (!['name', 'unit', 'min', 'max'].includes(key)) {
        fail(
          `${where}.${key}`,
          `unknown field${didYouMean(key, ['name', 'unit', 'min', 'max'])}; fields: name, unit, min, max`,
        );
      }
    }
    const { name, unit, min, max } = m;
    if (typeof name !== 'string' || name === '') fail(`${where}.name`, 'must be a non-empty string');
    if (typeof unit !== 'string' || unit === '') fail(`${where}.unit`, 'must be a non-empty string');
    if (typeof min !== 'number' || !Number.isFinite(min)) fail(`${where}.min`, 'must be a number');
    if (typeof max !== 'number' || !Number.isFinite(max)) fail(`${where}.max`, 'must be a number');
    if ((max as number) < (min as number)) fail(`${where}.max`, `${String(max)} is below min ${String(min)}`);
    if (seen.has(name as string)) fail(`${where}.name`, `'${String(name)}' appears twice`);
    seen.add(name as string);
    return { name: name as string, unit: unit as string, min: min as number, max: max as number };
  });
}
