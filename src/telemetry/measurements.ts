/**
 * The measurements file (YAML): what each row's `name`, `unit` and value range are, and how values are made:
 * `reference` (scale * min(U, U), the reference generator's draw) or an expression of the expression language,
 * evaluated per device and slot. Optional `variables` are computed like measurements but not written (a
 * device's on/off state, say).
 */
import { readFile } from 'node:fs/promises';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { nearest } from '../util/nearest';
import { TelemetryError } from './errors';

export type ValueModel =
  | { readonly kind: 'reference'; readonly scale: number }
  | { readonly kind: 'expression'; readonly source: string };

export interface Quantity {
  /** The expression name of this value (`cpu`); `prev_cpu` is its value in the device's previous slot. */
  readonly alias: string;
  readonly model: ValueModel;
  /** `prev_<alias>` in a file's first slot. */
  readonly initial: number;
}

export interface Measurement extends Quantity {
  /** The `name` column. */
  readonly name: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Written rounded to this many decimals (0..15); absent: the shortest text that reads back exactly. */
  readonly decimals?: number;
}

export interface MeasurementSet {
  readonly file: string;
  /** Sorted by name: the order of rows within a (slot, device). */
  readonly measurements: readonly Measurement[];
  readonly variables: readonly Quantity[];
}

/** The reference's two measurements and its draw (its measurements.csv: name, unit, scale). */
export const REFERENCE_MEASUREMENTS: MeasurementSet = {
  file: '(default measurements)',
  measurements: [
    {
      name: 'server cpu utilization',
      alias: 'cpu',
      unit: '%',
      min: 0,
      max: 100,
      model: { kind: 'reference', scale: 100 },
      initial: 0,
    },
    {
      name: 'server power',
      alias: 'power',
      unit: 'W',
      min: 0,
      max: 300,
      model: { kind: 'reference', scale: 300 },
      initial: 0,
    },
  ],
  variables: [],
};

const TOP_KEYS = ['measurements', 'variables'];
const MEASUREMENT_KEYS = ['name', 'as', 'unit', 'min', 'max', 'value', 'scale', 'initial', 'decimals'];
const VARIABLE_KEYS = ['name', 'value', 'initial'];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export async function loadMeasurements(file: string): Promise<MeasurementSet> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new TelemetryError(
      `--measurements ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`,
    );
  });
  let doc: unknown;
  try {
    doc = load(text, { schema: CORE_SCHEMA });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    throw new TelemetryError(`${file}: YAML syntax error${where}: ${err.reason}`);
  }
  return parseMeasurements(doc, file);
}

export function parseMeasurements(doc: unknown, file: string): MeasurementSet {
  if (!isRecord(doc)) throw new TelemetryError(`${file}: expected a mapping with 'measurements'`);
  checkKeys(doc, TOP_KEYS, file);
  const list = doc.measurements;
  if (!Array.isArray(list) || list.length === 0)
    throw new TelemetryError(`${file}: 'measurements' must be a non-empty list`);
  const measurements = list.map((m, i) => measurement(m, `${file}: measurements[${i + 1}]`));
  const rawVariables = doc.variables ?? [];
  if (!Array.isArray(rawVariables)) throw new TelemetryError(`${file}: 'variables' must be a list`);
  const variables = rawVariables.map((v, i) => variable(v, `${file}: variables[${i + 1}]`));
  const seen = new Set<string>();
  for (const q of [...measurements, ...variables]) {
    if (seen.has(q.alias)) throw new TelemetryError(`${file}: the name '${q.alias}' is used twice`);
    seen.add(q.alias);
  }
  const names = new Set<string>();
  for (const m of measurements) {
    if (names.has(m.name)) throw new TelemetryError(`${file}: measurement '${m.name}' is given twice`);
    names.add(m.name);
  }
  measurements.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { file, measurements, variables };
}

function measurement(raw: unknown, where: string): Measurement {
  if (!isRecord(raw)) throw new TelemetryError(`${where}: expected a mapping (name, unit, min, max, value)`);
  const name = text(raw, 'name', where);
  const at = `${where} (${name})`;
  checkKeys(raw, MEASUREMENT_KEYS, at);
  if (/[\r\n]/.test(name)) throw new TelemetryError(`${at}: name holds a line break`);
  const alias = raw.as === undefined ? name : text(raw, 'as', at);
  if (!IDENTIFIER.test(alias))
    throw new TelemetryError(
      `${at}: '${alias}' cannot be used in expressions: add 'as: <identifier>' (letters, digits, _)`,
    );
  const unit = text(raw, 'unit', at);
  const min = number(raw, 'min', at);
  const max = number(raw, 'max', at);
  if (!(min < max)) throw new TelemetryError(`${at}: min (${min}) must be below max (${max})`);
  const model = valueModel(raw, at, max);
  const initial = raw.initial === undefined ? min : number(raw, 'initial', at);
  if (raw.decimals === undefined) return { name, alias, unit, min, max, model, initial };
  const decimals = number(raw, 'decimals', at);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
    throw new TelemetryError(`${at}: decimals must be a whole number from 0 to 15 (got ${decimals})`);
  return { name, alias, unit, min, max, model, initial, decimals };
}

function variable(raw: unknown, where: string): Quantity {
  if (!isRecord(raw)) throw new TelemetryError(`${where}: expected a mapping (name, value, initial)`);
  checkKeys(raw, VARIABLE_KEYS, where);
  const alias = text(raw, 'name', where);
  if (!IDENTIFIER.test(alias)) throw new TelemetryError(`${where}: name '${alias}' is not an identifier`);
  const at = `${where} (${alias})`;
  const model = valueModel(raw, at, 1);
  const initial = raw.initial === undefined ? 0 : number(raw, 'initial', at);
  return { alias, model, initial };
}

function valueModel(raw: Record<string, unknown>, at: string, max: number): ValueModel {
  const value = raw.value;
  if (typeof value === 'number') return { kind: 'expression', source: String(value) };
  if (typeof value !== 'string' || value.trim() === '')
    throw new TelemetryError(`${at}: 'value' must be 'reference' or an expression`);
  if (value.trim() === 'reference') {
    const scale = raw.scale === undefined ? max : number(raw, 'scale', at);
    if (!(scale > 0)) throw new TelemetryError(`${at}: scale must be > 0 (got ${scale})`);
    return { kind: 'reference', scale };
  }
  if (raw.scale !== undefined) throw new TelemetryError(`${at}: 'scale' goes with value: reference only`);
  return { kind: 'expression', source: value };
}

function checkKeys(raw: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(raw)) {
    if (allowed.includes(key)) continue;
    const hint = nearest(key, allowed);
    throw new TelemetryError(
      `${where}: unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; fields: ${allowed.join(', ')}`,
    );
  }
}

function text(raw: Record<string, unknown>, key: string, where: string): string {
  const v = raw[key];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '')
    throw new TelemetryError(`${where}: '${key}' must be a non-empty text`);
  return v.trim();
}

function number(raw: Record<string, unknown>, key: string, where: string): number {
  const v = raw[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TelemetryError(`${where}: '${key}' must be a number (got ${JSON.stringify(v) ?? 'nothing'})`);
  return v;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
