/** Loads an Imply config of any version (v1, v2, v3; JSON or YAML) into one EventConfig. */
import { didYouMean } from '../../util/nearest';
import type { DimSpec, EmitterSpec, EventConfig, StateSpec, TargetSpec, TemplateSpec } from '../model';
import { checkFlow } from './check';
import { Cursor } from './cursor';
import { parseDims } from './dimensions';
import { parseDist } from './distribution';
import { readConfigFile } from './read';
import { parseTargetSpec } from './target';
import { parseV2State, parseV3State, V3_STATE_TYPES, type V3StateType } from './states';

export async function loadEventConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EventConfig> {
  return buildConfig(file, await readConfigFile(file, env));
}

export function buildConfig(file: string, data: unknown): EventConfig {
  const root = new Cursor(file, '', data);
  const raw = root.mapping();
  const warnings: string[] = [];
  const warn = (line: string): void => void warnings.push(`${file}: ${line}`);
  const stateItems = root.required('states').items({ nonEmpty: true });
  const version = detectVersion(root, stateItems);
  if (version.note) warn(version.note);
  const emitters = parseEmitters(root.required('emitters'), version.v === 1);
  const emitterNames = uniqueNames(
    root.at('emitters'),
    emitters.map((e) => e.name),
  );
  const common = { file, raw, target: optionalTarget(root.optional('target')), warnings };
  if (version.v === 3) {
    const v3 = parseV3(root, stateItems, emitterNames);
    const config = { ...common, version: 3 as const, emitters, ...v3, templates: parseTemplates(root) };
    checkFlow(config, warn);
    return config;
  }
  for (const key of ['templates'] as const)
    if (root.has(key))
      root.at(key).fail('is a v3 key: v3 configs have typed states (event:start:timer, ...)');
  const stateNames = uniqueNames(
    root.at('states'),
    stateItems.map((s) => s.required('name').string()),
  );
  const names = { states: stateNames, emitters: emitterNames };
  const states = stateItems.map((s) => parseV2State(s, names, version.v === 1, warn));
  const config = {
    ...common,
    version: version.v,
    interarrival: parseDist(root.required('interarrival'), 'clocked'),
    emitters,
    states,
    initial: 0,
    templates: new Map<string, TemplateSpec>(),
  };
  checkFlow(config, warn);
  return config;
}

interface Version {
  readonly v: 1 | 2 | 3;
  readonly note?: string;
}

/**
 * v3 states are typed; v1 configs have no clock dimension (v1 adds `time` itself). `"version": N` at the top
 * (our addition) settles any doubt.
 */
function detectVersion(root: Cursor, states: readonly Cursor[]): Version {
  const explicit = root.optional('version');
  if (explicit !== undefined) {
    const v = explicit.integer();
    if (v !== 1 && v !== 2 && v !== 3) explicit.fail(`must be 1, 2 or 3 (got ${v})`);
    return { v: v as 1 | 2 | 3 };
  }
  if (states.some((s) => s.has('type'))) return { v: 3 };
  const emitters = root.optional('emitters')?.value;
  const hasClock = JSON.stringify(emitters ?? []).includes('"clock"');
  const hasEntry = states.some((s) => s.has('variables_on_entry'));
  if (!hasClock && !hasEntry)
    return {
      v: 1,
      note: 'no clock dimension: read as a v1 config (a "time" field first; emit on entry, then wait); add "version": 2 to read it as v2',
    };
  return { v: 2 };
}

function parseEmitters(c: Cursor, v1: boolean): EmitterSpec[] {
  return c.items({ nonEmpty: true }).map((e) => {
    const dims = parseDims(e.required('dimensions'));
    const time: DimSpec = {
      type: 'clock',
      name: 'time',
      path: `${e.path}.time`,
      missing: 0,
      nulls: 0,
      cardinality: 0,
      cardinalityDist: undefined,
    };
    return {
      name: e.required('name').string(),
      path: e.path,
      dims: v1 ? [time, ...dims.filter((d) => d.name !== 'time')] : dims,
    };
  });
}

function uniqueNames(c: Cursor, names: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  names.forEach((name, i) => {
    if (map.has(name)) c.fail(`two entries are named '${name}' ([${map.get(name)}] and [${i}])`);
    if (name.toLowerCase() === 'stop' && c.path === 'states') c.fail(`[${i}]: 'stop' is reserved`);
    map.set(name, i);
  });
  return map;
}

function parseV3(
  root: Cursor,
  items: readonly Cursor[],
  emitters: ReadonlyMap<string, number>,
): Pick<EventConfig, 'interarrival' | 'states' | 'initial'> {
  const typed = items.map((s) => ({ c: s, type: s.required('type').choice(V3_STATE_TYPES, 'state type') }));
  const starts = typed.filter((t) => t.type === 'event:start:timer');
  if (starts.length !== 1)
    root.at('states').fail(`needs exactly one event:start:timer state (found ${starts.length})`);
  const ends = typed.filter((t) => t.type === 'event:end').map((t) => t.c.required('name').string());
  if (ends.length === 0) root.at('states').fail('needs at least one event:end state');
  const runnable = typed.filter((t) => t.type !== 'event:start:timer' && t.type !== 'event:end');
  const stateNames = uniqueNames(
    root.at('states'),
    runnable.map((t) => t.c.required('name').string()),
  );
  for (const t of typed)
    if (t.type !== 'activity' && t.c.has('variables'))
      t.c.at('variables').fail(`only an activity may set variables (this is ${t.type})`);
  const names = { states: stateNames, emitters };
  const endSet = new Set(ends);
  const states: StateSpec[] = runnable.map((t) => parseV3State(t.c, t.type as V3StateType, names, endSet));
  const start = (starts[0] as (typeof typed)[number]).c;
  const first = start.required('next');
  const firstName = first.string();
  const initial = stateNames.get(firstName);
  if (initial === undefined) first.fail(`no state '${firstName}'${didYouMean(firstName, stateNames.keys())}`);
  return {
    interarrival: parseDist(start.required('cardinality_distribution'), 'clocked'),
    states,
    initial: initial as number,
  };
}

function parseTemplates(root: Cursor): Map<string, TemplateSpec> {
  const out = new Map<string, TemplateSpec>();
  const t = root.optional('templates');
  if (t === undefined) return out;
  for (const name of Object.keys(t.mapping())) {
    const c = t.at(name);
    out.set(name, { body: c.required('body').string(), header: c.optional('header')?.string() });
  }
  return out;
}

function optionalTarget(c: Cursor | undefined): TargetSpec | undefined {
  return c === undefined ? undefined : parseTargetSpec(c);
}
