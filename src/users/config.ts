/**
 * Loads a benshi users config: YAML -> UsersConfig with every default filled in. Every problem is one
 * ConfigError naming the file and the key path (`users.profiles.short.session_min_count`).
 */
import { readFileSync } from 'node:fs';
import { parseYaml } from '../design/yaml';
import { parseTime, TimeError } from '../time';
import { didYouMean } from '../util/nearest';
import { ConfigError } from './errors';
import {
  CATALOG,
  CATALOG_PROPERTIES,
  CATALOG_TYPES,
  EVENT_PROPERTIES,
  EVENT_TYPES,
  type Field,
  GLOBAL,
  MIN_MAX,
  POPULATION,
  PROFILE,
  type Schema,
} from './schema';
import type { CatalogConfig, CatalogType, EventType, ProfileConfig, UsersConfig } from './types';

export { ConfigError };

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Time flags and config times are read against this clock and zone (UTC unless the time names one). */
export interface LoadOptions {
  readonly nowMs: number;
}

export function loadUsersConfig(file: string, options: LoadOptions): UsersConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, file);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return parseUsersConfig(data, file, options);
}

export function parseUsersConfig(data: unknown, file: string, options: LoadOptions): UsersConfig {
  const fail = (path: string, why: string): never => {
    throw new ConfigError(`${file}: ${path}: ${why}`);
  };
  if (!isPlain(data)) fail('(top level)', 'expected a mapping with global, users and catalogs');
  const top = data as Plain;
  unknownKeys(top, ['global', 'users', 'catalogs'], '', fail);
  const users = section(top.users, 'users', fail);
  unknownKeys(users, ['population', 'profiles'], 'users.', fail);
  const rawGlobal = section(top.global, 'global', fail);
  const global = fill(rawGlobal, GLOBAL, 'global', fail, options);
  const population = fill(
    section(users.population, 'users.population', fail),
    POPULATION,
    'users.population',
    fail,
    options,
  );
  const profiles = loadProfiles(users.profiles, fail, options);
  const catalogs = loadCatalogs(top.catalogs, fail, options);
  if (typeof global.db_uri === 'string' && /^sqlite:/i.test(global.db_uri))
    fail(
      'global.db_uri',
      'sqlite is not supported; use duckdb:///path/to/state.duckdb or postgresql://user@host/db',
    );
  if (global.end_ts !== null && (global.end_ts as number) <= (global.start_ts as number))
    fail('global.end_ts', 'must be after start_ts');
  return { file, global, population, profiles, catalogs } as unknown as UsersConfig;
}

type Fail = (path: string, why: string) => never;

function section(value: unknown, path: string, fail: Fail): Plain {
  if (value === undefined || value === null) return {};
  if (!isPlain(value)) return fail(path, 'expected a mapping');
  return value;
}

function unknownKeys(obj: Plain, known: readonly string[], prefix: string, fail: Fail): void {
  for (const key of Object.keys(obj))
    if (!known.includes(key)) fail(`${prefix}${key}`, `unknown key${didYouMean(key, known)}`);
}

function loadProfiles(value: unknown, fail: Fail, options: LoadOptions): ProfileConfig[] {
  const raw = section(value, 'users.profiles', fail);
  const base = section(raw.default, 'users.profiles.default', fail);
  const names = Object.keys(raw).filter((n) => n !== 'default');
  // Like benshi: a lone `default` is the one profile; otherwise it is the base of the others.
  const entries: [string, Plain][] =
    names.length === 0
      ? [['default', base]]
      : names.map((n) => [n, merge(base, section(raw[n], `users.profiles.${n}`, fail))]);
  const profiles = entries.map(([name, body]) => {
    const path = `users.profiles.${name}`;
    const filled = fill(body, PROFILE, path, fail, options);
    filled.events = loadEventProperties(body.events, `${path}.events`, fail, options);
    if ((filled.session_min_count as number) * (filled.session_length_min_seconds as number) <= 0)
      fail(`${path}.session_length_min_seconds`, 'sessions must last more than 0 seconds');
    if ((filled.session_max_count as number) * (filled.session_length_max_seconds as number) > 43_200)
      fail(
        `${path}.session_max_count`,
        'session_max_count x session_length_max_seconds must be at most 43200 (12 h)',
      );
    return { name, ...filled } as unknown as ProfileConfig;
  });
  if (profiles.length > 1 && profiles.every((p) => p.occurrence_probability === 0))
    fail('users.profiles', 'the occurrence_probability weights sum to 0: no profile can be picked');
  if (profiles.length === 1 && profiles[0]?.occurrence_probability === 0)
    (profiles[0] as { occurrence_probability: number }).occurrence_probability = 1;
  return profiles;
}

function loadEventProperties(value: unknown, path: string, fail: Fail, options: LoadOptions) {
  const raw = section(value, path, fail);
  unknownKeys(raw, EVENT_TYPES, `${path}.`, fail);
  const out: Partial<Record<EventType, Plain>> = {};
  for (const type of EVENT_TYPES) {
    const body = section(raw[type], `${path}.${type}`, fail);
    unknownKeys(body, ['properties'], `${path}.${type}.`, fail);
    const props = section(body.properties, `${path}.${type}.properties`, fail);
    out[type] = fill(props, EVENT_PROPERTIES[type] ?? {}, `${path}.${type}.properties`, fail, options);
  }
  return out;
}

function loadCatalogs(value: unknown, fail: Fail, options: LoadOptions): Record<CatalogType, CatalogConfig> {
  const raw = section(value, 'catalogs', fail);
  const base = section(raw.default, 'catalogs.default', fail);
  unknownKeys(raw, ['default', ...CATALOG_TYPES], 'catalogs.', fail);
  const out: Partial<Record<CatalogType, CatalogConfig>> = {};
  for (const type of CATALOG_TYPES) {
    const path = `catalogs.${type}`;
    const body = merge(base, section(raw[type], path, fail));
    const filled = fill(body, CATALOG, path, fail, options);
    const props = section(body.properties, `${path}.properties`, fail);
    filled.properties = fill(props, CATALOG_PROPERTIES[type] ?? {}, `${path}.properties`, fail, options);
    out[type] = filled as unknown as CatalogConfig;
  }
  return out as Record<CatalogType, CatalogConfig>;
}

/** `default` deep-copied under an entry, the entry's own keys winning. */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlain(v) && isPlain(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** Checks every key of `raw` against `schema` and fills in the defaults; also checks min <= max pairs. */
function fill(raw: Plain, schema: Schema, path: string, fail: Fail, options: LoadOptions): Plain {
  unknownKeys(raw, Object.keys(schema), `${path}.`, fail);
  const out: Plain = {};
  for (const [key, field] of Object.entries(schema)) {
    const value = raw[key];
    out[key] =
      value === undefined
        ? defaultOf(field, path, key, fail, options)
        : check(value, field, `${path}.${key}`, fail, options);
  }
  for (const [lo, hi] of MIN_MAX) {
    if (lo === hi || !(lo in out) || !(hi in out)) continue;
    if ((out[lo] as number) > (out[hi] as number))
      fail(`${path}.${lo}`, `${lo} (${String(out[lo])}) is greater than ${hi} (${String(out[hi])})`);
  }
  return out;
}

function defaultOf(field: Field, path: string, key: string, fail: Fail, options: LoadOptions): unknown {
  switch (field.kind) {
    case 'section':
      return fill({}, field.fields, `${path}.${key}`, fail, options);
    case 'time':
      return field.def === null ? null : toTime(field.def, `${path}.${key}`, fail, options);
    case 'any':
      return {};
    case 'weights':
      return [...field.def];
    case 'list':
      return [...field.def];
    case 'weightMap':
      return { ...field.def };
    default:
      return field.def;
  }
}

function toTime(value: unknown, path: string, fail: Fail, options: LoadOptions): number {
  if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Date))
    return fail(path, 'expected a time like "2020-01-01 00:00:00", -30d or now');
  try {
    return parseTime(value, { nowMs: options.nowMs, zone: 'UTC' });
  } catch (err) {
    if (err instanceof TimeError) return fail(path, err.message);
    throw err;
  }
}

function check(value: unknown, field: Field, path: string, fail: Fail, options: LoadOptions): unknown {
  const number = (): number =>
    typeof value === 'number' && Number.isFinite(value)
      ? value
      : fail(path, `expected a number, got ${JSON.stringify(value)}`);
  switch (field.kind) {
    case 'prob': {
      const v = number();
      return v >= 0 && v <= 1 ? v : fail(path, `${v} is not a probability in [0, 1]`);
    }
    case 'num': {
      const v = number();
      if (field.min !== undefined && v < field.min) fail(path, `${v} is below ${field.min}`);
      if (field.max !== undefined && v > field.max) fail(path, `${v} is above ${field.max}`);
      return v;
    }
    case 'int': {
      const v = number();
      if (!Number.isInteger(v)) fail(path, `expected a whole number, got ${v}`);
      if (field.min !== undefined && v < field.min) fail(path, `${v} is below ${field.min}`);
      return v;
    }
    case 'bool':
      if (typeof value !== 'boolean')
        return fail(path, `expected true or false, got ${JSON.stringify(value)}`);
      if (value && field.refuseTrue) fail(path, `true is not supported: ${field.refuseTrue}`);
      return value;
    case 'str':
      if (value === null && field.def === null) return null;
      if (typeof value !== 'string') return fail(path, `expected text, got ${JSON.stringify(value)}`);
      if (field.options && !field.options.includes(value))
        fail(path, `'${value}' is not one of ${field.options.join(', ')}${didYouMean(value, field.options)}`);
      return value;
    case 'time':
      return value === null
        ? field.def === null || path.endsWith('end_ts')
          ? null
          : fail(path, 'must be a time')
        : toTime(value, path, fail, options);
    case 'list': {
      if (!Array.isArray(value)) return fail(path, `expected a list like [${field.options.join(', ')}]`);
      for (const item of value)
        if (typeof item !== 'string' || !field.options.includes(item))
          fail(
            path,
            `'${String(item)}' is not one of ${field.options.join(', ')}${didYouMean(String(item), field.options)}`,
          );
      return [...new Set(value as string[])];
    }
    case 'weights': {
      if (!Array.isArray(value) || value.length !== field.len)
        return fail(
          path,
          `expected a list of ${field.len} weights, got ${Array.isArray(value) ? value.length : JSON.stringify(value)}`,
        );
      for (const w of value)
        if (typeof w !== 'number' || !(w >= 0))
          fail(path, `weights must be numbers >= 0, got ${JSON.stringify(w)}`);
      if ((value as number[]).reduce((a, b) => a + b, 0) <= 0) fail(path, 'the weights sum to 0');
      return value;
    }
    case 'weightMap': {
      if (!isPlain(value)) return fail(path, 'expected a mapping of weights');
      unknownKeys(value, field.keys, `${path}.`, fail);
      const out: Record<string, number> = {};
      for (const key of field.keys) {
        const w = value[key];
        if (w !== undefined && (typeof w !== 'number' || !(w >= 0)))
          fail(`${path}.${key}`, `weights must be numbers >= 0, got ${JSON.stringify(w)}`);
        out[key] = (w as number | undefined) ?? 0;
      }
      if (Object.values(out).reduce((a, b) => a + b, 0) <= 0) fail(path, 'the weights sum to 0');
      return out;
    }
    case 'section':
      if (!isPlain(value)) return fail(path, 'expected a mapping');
      return fill(value, field.fields, path, fail, options);
    case 'any':
      return value;
    case 'inert':
      if (JSON.stringify(value) === JSON.stringify(field.def)) return value;
      return fail(path, `not supported (${field.why}); leave it out`);
  }
}
