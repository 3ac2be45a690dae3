/** The state lists of v1/v2 (`delay` + `transitions`) and v3 (typed BPMN-like states) -> StateSpec. */
import { didYouMean } from '../../util/nearest';
import { type DistSpec, STOP, type StateSpec, type TransitionSpec } from '../model';
import type { Cursor } from './cursor';
import { parseDims } from './dimensions';
import { parseDist } from './distribution';

interface Names {
  readonly states: ReadonlyMap<string, number>;
  readonly emitters: ReadonlyMap<string, number>;
}

/** A transition target by name: a state's index or STOP; `stop` is any case (v1/v2). */
function target(c: Cursor, names: Names, stopNames: ReadonlySet<string>): number {
  const name = c.string();
  if (stopNames.has(name) || stopNames.has(name.toLowerCase())) return STOP;
  const index = names.states.get(name);
  if (index === undefined)
    c.fail(`no state '${name}'${didYouMean(name, [...names.states.keys(), ...stopNames])}`);
  return index as number;
}

function emitterOf(c: Cursor, names: Names): number | undefined {
  const e = c.optional('emitter');
  if (e === undefined) return undefined;
  const name = e.string();
  const index = names.emitters.get(name);
  if (index === undefined) e.fail(`no emitter '${name}'${didYouMean(name, names.emitters.keys())}`);
  return index;
}

export interface ParsedTransitions {
  readonly transitions: TransitionSpec[];
  readonly sum: number;
}

export function parseTransitions(c: Cursor, names: Names, stopNames: ReadonlySet<string>): ParsedTransitions {
  const raw = c.items({ nonEmpty: true }).map((t) => {
    const p = t.required('probability').number();
    if (!(p > 0 && p <= 1)) t.at('probability').fail(`must be in (0, 1] (got ${p})`);
    return { next: target(t.required('next'), names, stopNames), probability: p };
  });
  const sum = raw.reduce((s, t) => s + t.probability, 0);
  return { transitions: raw.map((t) => ({ next: t.next, probability: t.probability / sum })), sum };
}

const V2_STOP = new Set(['stop']);

/** A v1 or v2 state: v1 sets `variables` and emits on entry, then waits; v2 waits, then sets and emits. */
export function parseV2State(c: Cursor, names: Names, v1: boolean, warn: (line: string) => void): StateSpec {
  const name = c.required('name').string();
  const delay = parseDist(c.required('delay'), 'clocked');
  const { transitions, sum } = parseTransitions(c.required('transitions'), names, V2_STOP);
  if (Math.abs(sum - 1) > 1e-9)
    warn(`${c.path}.transitions: probabilities sum to ${round(sum)}, not 1: they are used as weights`);
  const entry = c.optional('variables_on_entry');
  const variables = c.optional('variables');
  if (v1 && entry !== undefined) entry.fail('is a v2 key: add "version": 2 at the top of the config');
  return {
    name,
    path: c.path,
    onEntry: v1 ? (variables ? parseDims(variables, false) : []) : entry ? parseDims(entry, false) : [],
    delay,
    variables: v1 || variables === undefined ? [] : parseDims(variables, false),
    emitter: emitterOf(c, names),
    emitOnEntry: v1,
    transitions,
  };
}

export const V3_STATE_TYPES = [
  'event:start:timer',
  'event:intermediate:timer',
  'activity',
  'gateway:exclusive',
  'event:end',
] as const;
export type V3StateType = (typeof V3_STATE_TYPES)[number];

/** v3 states other than the start timer and the ends (those become the interarrival and STOP). */
export function parseV3State(
  c: Cursor,
  type: V3StateType,
  names: Names,
  ends: ReadonlySet<string>,
): StateSpec {
  const name = c.required('name').string();
  for (const key of ['variables_on_entry', 'stop', 'delay'])
    if (c.has(key)) c.at(key).fail(`is not a v3 key (v3 states are typed: ${V3_STATE_TYPES.join(', ')})`);
  const next = (): TransitionSpec[] => [{ next: target(c.required('next'), names, ends), probability: 1 }];
  const base = { name, path: c.path, onEntry: [], emitOnEntry: false, variables: [], emitter: undefined };
  switch (type) {
    case 'event:intermediate:timer': {
      const delay: DistSpec = parseDist(c.required('cardinality_distribution'), 'clocked');
      return { ...base, delay, transitions: next() };
    }
    case 'activity': {
      const variables = c.optional('variables');
      return {
        ...base,
        delay: undefined,
        variables: variables ? parseDims(variables, false) : [],
        emitter: emitterOf(c, names),
        transitions: next(),
      };
    }
    case 'gateway:exclusive': {
      const { transitions, sum } = parseTransitions(c.required('transitions'), names, ends);
      if (Math.abs(sum - 1) > 0.01)
        c.at('transitions').fail(
          `probabilities must sum to 1 (within 0.01) in a v3 gateway, got ${round(sum)}`,
        );
      return { ...base, delay: undefined, transitions };
    }
    default:
      return c.fail(`internal: ${type} is not a runnable state`);
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
