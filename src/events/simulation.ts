/**
 * Workers as processes on the engine. A spawner starts workers (one per interarrival draw, up to the cap);
 * each worker walks the state machine: variables on entry -> delay -> variables -> emit -> transition (v1:
 * emit before the delay). Every worker has two streams derived from the seed and its index: control
 * (delays, transitions, counters) and content (field values). Every shard runs every worker's control, so
 * lifetimes, -m and -n are the same everywhere, and renders only its own workers' records.
 */
import { Environment, type SimEvent } from '../engine';
import {
  type EmitterSchema,
  type EventRecord,
  type FieldSchema,
  type FieldValue,
  Timestamp,
} from '../records/formats/types';
import { StreamRng } from '../random/stream';
import {
  type Actor,
  type CompileContext,
  type CompiledDim,
  compileDim,
  type Counter,
  DimKind,
  variableSlot,
} from './dimensions';
import { EventRunError } from './errors';
import { type DimSpec, type EventConfig, STOP } from './model';
import { type Sampler, sampler } from './sample';
import type { WorkerSchedule } from './schedule';

export interface Shard {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
}

export interface SimulationOptions {
  readonly config: EventConfig;
  readonly seed: bigint;
  /** Epoch seconds. */
  readonly start: number;
  /** The UTC offset records are stamped with (from -s). */
  readonly offsetMinutes: number;
  readonly maxWorkers: number;
  /** Stop after exactly this many records (counted over all shards). */
  readonly records?: number;
  /** Nothing at or after this time (epoch seconds). */
  readonly end?: number;
  readonly shard?: Shard;
  readonly schedule?: WorkerSchedule;
}

export type RecordSink = (record: EventRecord, emitter: EmitterSchema) => void;
/** A record as the values of emitter number `emitter`'s fields (see EventSimulation.onValues). */
export type ValuesSink = (values: readonly (FieldValue | undefined)[], emitter: number) => void;

/** The spawner's wait when the cap is reached, as in the reference. */
export const FULL_WAIT_SECONDS = 5;
/** Steps a worker may take without waiting before it is taken for an endless loop. */
const MAX_STEPS_WITHOUT_WAIT = 100_000;

interface CompiledState {
  readonly name: string;
  readonly onEntry: readonly SetVariable[];
  readonly delay: Sampler | undefined;
  readonly variables: readonly SetVariable[];
  readonly emitter: number;
  readonly emitOnEntry: boolean;
  /** Cumulative probabilities and their targets. */
  readonly cumulative: Float64Array;
  readonly next: Int32Array;
}

/** A dimension that sets a variable: its value goes to the worker's slot. */
type SetVariable = CompiledDim & { readonly slot: number };

interface CompiledEmitter {
  readonly schema: EmitterSchema;
  readonly dims: readonly CompiledDim[];
  /** Counter values of the record being made (undefined = missing), by dimension position. */
  readonly scratch: (FieldValue | undefined)[];
  /** The values of the record being made, handed to onValues / turned into the record object. */
  readonly values: (FieldValue | undefined)[];
  readonly hasCounters: boolean;
  /** No counters and no field missing or null by chance: values are taken without a draw (see emit). */
  readonly certain: boolean;
}

class Worker implements SimEvent, Actor {
  readonly name = 'worker';
  state = 0;
  counters: number[] | undefined;
  constructor(
    private readonly sim: EventSimulation,
    /** One slot per variable of the config, unset (undefined) until a state sets it. */
    readonly vars: (FieldValue | undefined)[],
    readonly control: StreamRng,
    /** null: another shard renders this worker. */
    readonly content: StreamRng,
    readonly rendered: boolean,
  ) {}
  fire(): void {
    this.sim.wake(this);
  }
}

class Spawner implements SimEvent {
  readonly name = 'spawner';
  constructor(private readonly sim: EventSimulation) {}
  fire(): void {
    this.sim.spawnTick();
  }
}

export class EventSimulation {
  readonly env: Environment;
  /** Records made so far, by every shard. */
  records = 0;
  /** Records this shard rendered. */
  rendered = 0;
  live = 0;
  peakLive = 0;
  spawned = 0;
  private done = false;
  private readonly states: CompiledState[];
  private readonly emitters: CompiledEmitter[];
  private readonly interarrival: Sampler;
  private readonly spawnRng: StreamRng;
  private readonly limit: number;
  private readonly shard: Shard;
  private readonly workerCounters: number;
  /** A new worker's variables: a copy of this. */
  private readonly unsetVars: (FieldValue | undefined)[];
  private readonly spawner = new Spawner(this);
  private readonly nobody: StreamRng;
  private readonly offsetMinutes: number;
  /** The current instant as a record stamps it, made once per instant (Timestamps are immutable). */
  private nowStamp = new Timestamp(NaN);
  /** Where records go; set it before running (formats need `schemas` first). */
  onRecord: RecordSink = () => undefined;
  /**
   * Set, it takes every record instead of onRecord, as its values in schema order (undefined = missing) in
   * an array reused for the next record of that emitter: no record object is made (a format that writes
   * the values straight out is the fast path).
   */
  onValues: ValuesSink | undefined;

  constructor(private readonly options: SimulationOptions) {
    const { config, seed, offsetMinutes } = options;
    const ctx: CompileContext = {
      file: config.file,
      seed,
      offsetMinutes,
      poolOrdinal: 0,
      workerCounters: 0,
      variables: new Map(),
    };
    this.emitters = config.emitters.map((e) => {
      const dims = e.dims.map((d) => compileDim(d, ctx));
      return {
        schema: { name: e.name, fields: dims.map((d) => ({ name: d.name, kind: d.fieldKind })) },
        dims,
        scratch: dims.map(() => undefined),
        values: dims.map(() => undefined),
        hasCounters: dims.some((d) => d.kind === DimKind.Counter),
        certain: dims.every((d) => d.kind !== DimKind.Counter && !(d.missing > 0) && !(d.nulls > 0)),
      };
    });
    // Counters held in variables count per worker: a shared sequence would differ between shards.
    const variables = (dims: readonly DimSpec[]): SetVariable[] =>
      dims.map((d) =>
        setVariable(
          compileDim(d.type === 'counter' ? { ...d, scope: 'worker' } : d, ctx),
          variableSlot(ctx, d.name),
        ),
      );
    this.states = config.states.map((s) => {
      const cumulative = new Float64Array(s.transitions.length);
      let sum = 0;
      s.transitions.forEach((t, i) => (cumulative[i] = sum += t.probability));
      cumulative[cumulative.length - 1] = Infinity; // rounding never falls off the end
      return {
        name: s.name,
        onEntry: variables(s.onEntry),
        delay: s.delay && sampler(s.delay, offsetMinutes),
        variables: variables(s.variables),
        emitter: s.emitter ?? -1,
        emitOnEntry: s.emitOnEntry,
        cumulative,
        next: Int32Array.from(s.transitions.map((t) => t.next)),
      };
    });
    this.workerCounters = ctx.workerCounters;
    // Every slot present from the start: a worker's stores then never grow its array or change its kind,
    // so setVars' store stays monomorphic (an empty array filled in slot order was reshaped per worker).
    this.unsetVars = Array.from({ length: ctx.variables.size }, () => undefined);
    this.offsetMinutes = offsetMinutes;
    this.interarrival = sampler(config.interarrival, offsetMinutes);
    this.spawnRng = new StreamRng(seed, -2);
    this.nobody = new StreamRng(seed, -3);
    this.limit = options.records ?? Infinity;
    this.shard = options.shard ?? { index: 0, count: 1 };
    this.env = new Environment({ start: options.start, end: options.end ?? Infinity });
    if (this.limit > 0) this.env.schedule(options.start, 0, this.spawner);
  }

  /** The schema of every emitter, for formats. */
  get schemas(): EmitterSchema[] {
    return this.emitters.map((e) => e.schema);
  }

  spawnTick(): void {
    const env = this.env;
    const now = env.now;
    const cap = this.options.schedule?.cap(this.options.maxWorkers, now) ?? this.options.maxWorkers;
    if (this.live >= cap) {
      env.schedule(now + FULL_WAIT_SECONDS, 0, this.spawner);
      return;
    }
    const index = this.spawned++;
    const rendered = index % this.shard.count === this.shard.index;
    const { seed } = this.options;
    const worker = new Worker(
      this,
      this.unsetVars.slice(),
      new StreamRng(seed, index, 0),
      rendered ? new StreamRng(seed, index, 1) : this.nobody,
      rendered,
    );
    if (this.workerCounters > 0) worker.counters = [];
    this.live++;
    if (this.live > this.peakLive) this.peakLive = this.live;
    this.walk(worker, this.options.config.initial, false);
    if (this.done) return;
    const wait = this.interarrival.real(this.spawnRng, now);
    env.schedule(now + (wait > 0 ? wait : 0), 0, this.spawner);
  }

  wake(worker: Worker): void {
    this.walk(worker, worker.state, true);
  }

  /** Runs a worker from state `s` until it waits, stops, or the run is done. */
  private walk(w: Worker, s: number, woke: boolean): void {
    const now = this.env.now;
    for (let steps = 0; ; steps++) {
      if (steps > MAX_STEPS_WITHOUT_WAIT)
        throw new EventRunError(
          `state '${this.states[s]?.name}' loops through states without waiting (${MAX_STEPS_WITHOUT_WAIT} steps at one instant)`,
        );
      const st = this.states[s] as CompiledState;
      if (!woke) {
        if (w.rendered && st.onEntry.length > 0) this.setVars(st.onEntry, w, now);
        if (st.emitOnEntry && st.emitter >= 0) {
          this.emit(w, st.emitter, now);
          if (this.done) return;
        }
        if (st.delay !== undefined) {
          const d = st.delay.real(w.control, now);
          // A negative wait is none at all; zero waits behind what is already queued at this instant.
          if (d >= 0) {
            w.state = s;
            this.env.schedule(now + d, 0, w);
            return;
          }
        }
      }
      woke = false;
      if (w.rendered && st.variables.length > 0) this.setVars(st.variables, w, now);
      if (!st.emitOnEntry && st.emitter >= 0) {
        this.emit(w, st.emitter, now);
        if (this.done) return;
      }
      s = this.choose(st, w.control);
      if (s === STOP) {
        this.live--;
        return;
      }
    }
  }

  private choose(st: CompiledState, rng: StreamRng): number {
    const { next, cumulative } = st;
    if (next.length === 1) return next[0] as number;
    const u = rng.random();
    let i = 0;
    while (u >= (cumulative[i] as number)) i++;
    return next[i] as number;
  }

  private setVars(dims: readonly SetVariable[], w: Worker, now: number): void {
    for (const d of dims) {
      let v: FieldValue;
      const kind = d.kind;
      if (kind === DimKind.Value) v = d.gen(w, now);
      else if (kind === DimKind.Clock) v = this.stamp(now);
      else if (kind === DimKind.Fixed) v = d.fixed as FieldValue;
      else if (kind === DimKind.Counter) v = this.countWorker(d, w);
      else v = d.gen(w, now);
      w.vars[d.slot] = v;
    }
  }

  private stamp(now: number): Timestamp {
    const ms = now * 1000;
    // Workers that go on without waiting (and clock variables) stamp one instant many times.
    if (this.nowStamp.epochMs !== ms) this.nowStamp = new Timestamp(ms, this.offsetMinutes);
    return this.nowStamp;
  }

  private countWorker(d: CompiledDim, w: Worker): number {
    const c = d.counter as Counter;
    const counters = w.counters as number[];
    const v = counters[c.slot] ?? c.start;
    counters[c.slot] = v + c.increment;
    return v;
  }

  private emit(w: Worker, e: number, now: number): void {
    const em = this.emitters[e] as CompiledEmitter;
    const { dims, scratch } = em;
    // Counters advance on the control stream in every shard: the sequence is the same everywhere.
    if (em.hasCounters) {
      for (let i = 0; i < dims.length; i++) {
        const d = dims[i] as CompiledDim;
        if (d.kind !== DimKind.Counter) continue;
        if (d.missing > 0 && w.control.random() < d.missing) scratch[i] = undefined;
        else if (d.nulls > 0 && w.control.random() < d.nulls) scratch[i] = null;
        else if (d.counter?.slot === -1) {
          scratch[i] = d.counter.next;
          d.counter.next += d.counter.increment;
        } else scratch[i] = this.countWorker(d, w);
      }
    }
    this.records++;
    if (this.records >= this.limit) {
      this.done = true;
      this.env.stop();
    }
    if (!w.rendered) return;
    const values = em.values;
    if (em.certain) {
      // No field is ever missing or null by chance and none counts: no draw, no rate to look at.
      for (let i = 0; i < dims.length; i++) {
        const d = dims[i] as CompiledDim;
        const kind = d.kind;
        if (kind === DimKind.Variable) values[i] = w.vars[d.variable] ?? null;
        else if (kind === DimKind.Value) values[i] = d.gen(w, now);
        else if (kind === DimKind.Fixed) values[i] = d.fixed;
        else values[i] = this.stamp(now);
      }
    } else this.drawValues(w, em, now);
    this.rendered++;
    if (this.onValues !== undefined) this.onValues(values, e);
    else this.onRecord(recordOf(values, em), em.schema);
  }

  /** An emitter's values where fields may be missing or null by chance, or count. */
  private drawValues(w: Worker, em: CompiledEmitter, now: number): void {
    const { dims, scratch, values } = em;
    const rng = w.content;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i] as CompiledDim;
      const kind = d.kind;
      if (kind === DimKind.Counter) values[i] = scratch[i];
      else if (d.missing > 0 && rng.random() < d.missing) values[i] = undefined;
      else if (d.nulls > 0 && rng.random() < d.nulls) values[i] = null;
      else if (kind === DimKind.Variable) values[i] = w.vars[d.variable] ?? null;
      else if (kind === DimKind.Value) values[i] = d.gen(w, now);
      else if (kind === DimKind.Fixed) values[i] = d.fixed;
      else values[i] = this.stamp(now);
    }
  }
}

/**
 * A variable's dimension with its slot, every field written out in one literal: spread copies
 * (`{ ...dim, slot }`) took the shapes of their sources, and setVars' loads saw so many that they went
 * megamorphic (a generic lookup per field of every variable set).
 */
function setVariable(d: CompiledDim, slot: number): SetVariable {
  const { name, kind, missing, nulls, gen, fieldKind, counter, variable, fixed } = d;
  return { name, kind, missing, nulls, gen, fieldKind, counter, variable, fixed, slot };
}

/** The record object of an emitter's values: keys in dimension order, missing ones left out. */
function recordOf(values: readonly (FieldValue | undefined)[], em: CompiledEmitter): EventRecord {
  const record: Record<string, FieldValue> = {};
  const fields = em.schema.fields;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== undefined) record[(fields[i] as FieldSchema).name] = v;
  }
  return record;
}
