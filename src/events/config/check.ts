/**
 * Checks over the whole state machine: states no worker can reach (a warning), and variables read before
 * every path to the read has set them (an error: the reference crashes there at run time, if ever).
 */
import { didYouMean } from '../../util/nearest';
import { EventConfigError } from '../errors';
import { type DimSpec, type EventConfig, STOP } from '../model';

type Flow = Pick<EventConfig, 'file' | 'emitters' | 'states' | 'initial'>;

export function checkFlow(config: Flow, warn: (line: string) => void): void {
  const reachable = reachableStates(config);
  config.states.forEach((s, i) => {
    if (!reachable.has(i)) warn(`${s.path}: state '${s.name}' cannot be reached from the initial state`);
  });
  checkVariables(config, reachable);
}

function reachableStates(config: Flow): Set<number> {
  const seen = new Set<number>([config.initial]);
  const todo = [config.initial];
  for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
    for (const t of config.states[s]?.transitions ?? []) {
      if (t.next !== STOP && !seen.has(t.next)) {
        seen.add(t.next);
        todo.push(t.next);
      }
    }
  }
  return seen;
}

/** Variables a list of dimensions sets, in order, checking that each reads only what is set before it. */
function setAll(
  dims: readonly DimSpec[],
  set: Set<string>,
  read: (d: DimSpec, set: Set<string>) => void,
): void {
  for (const d of dims) {
    read(d, set);
    set.add(d.name);
  }
}

/** Must-analysis: the variables set on every path from the initial state to a state's entry. */
function checkVariables(config: Flow, reachable: ReadonlySet<number>): void {
  const { states } = config;
  const all = new Set<string>();
  for (const s of states) for (const d of [...s.onEntry, ...s.variables]) all.add(d.name);
  // Entry sets start as "everything" (the top of the lattice), except the initial state's: nothing yet.
  const entry = states.map((_, i) => (i === config.initial ? new Set<string>() : new Set(all)));
  const noRead = (): void => undefined;
  for (let changed = true; changed;) {
    changed = false;
    for (const i of reachable) {
      const s = states[i];
      if (!s) continue;
      const out = new Set(entry[i]);
      setAll(s.onEntry, out, noRead);
      setAll(s.variables, out, noRead);
      for (const t of s.transitions) {
        if (t.next === STOP) continue;
        const target = entry[t.next] as Set<string>;
        for (const v of [...target]) {
          if (!out.has(v)) {
            target.delete(v);
            changed = true;
          }
        }
      }
    }
  }
  for (const i of reachable) {
    const s = states[i];
    if (!s) continue;
    const set = new Set(entry[i]);
    const read = (d: DimSpec, have: ReadonlySet<string>, where: string): void => {
      for (const v of variablesRead(d)) {
        if (have.has(v.variable)) continue;
        const hint = all.has(v.variable) ? '' : didYouMean(v.variable, all);
        throw new EventConfigError(
          config.file,
          `${v.path}.variable`,
          `variable '${v.variable}' is read ${where} before ${all.has(v.variable) ? 'every path there sets it' : 'any state sets it'}${hint}`,
        );
      }
    };
    const here = `in state '${s.name}' (${s.path})`;
    setAll(s.onEntry, set, (d, have) => read(d, have, here));
    const emit = (): void => {
      const e = s.emitter === undefined ? undefined : config.emitters[s.emitter];
      for (const d of e?.dims ?? []) read(d, set, `when state '${s.name}' (${s.path}) emits '${e?.name}'`);
    };
    if (s.emitOnEntry) emit();
    setAll(s.variables, set, (d, have) => read(d, have, here));
    if (!s.emitOnEntry) emit();
  }
}

function variablesRead(d: DimSpec): Array<DimSpec & { type: 'variable' }> {
  if (d.type === 'variable') return [d];
  if (d.type === 'object') return d.dims.flatMap(variablesRead);
  if (d.type === 'list') return d.elements.flatMap(variablesRead);
  return [];
}
