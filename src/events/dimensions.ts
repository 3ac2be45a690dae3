/**
 * Dimension generators: a DimSpec compiled once into an object that makes values. Cardinality pools are
 * drawn here at load (from their own seeded stream, so every shard holds the same pool).
 */
import { type FieldKind, type FieldObject, type FieldValue, Timestamp } from '../records/formats/types';
import { StreamRng } from '../random/stream';
import { EventConfigError } from './errors';
import type { DimSpec } from './model';
import { indexIn, type Sampler, sampler } from './sample';

/** What a value may depend on: the worker's content stream and variables. */
export interface Actor {
  readonly content: StreamRng;
  /** The worker's variables by slot (CompileContext.slot); unset ones are undefined. */
  readonly vars: (FieldValue | undefined)[];
}

export interface ValueGen {
  value(actor: Actor, now: number): FieldValue;
}

/** How the emit loop treats a dimension: clocks share the record's time, counters count on the control stream. */
export const DimKind = { Value: 0, Clock: 1, Counter: 2 } as const;
export type DimKind = (typeof DimKind)[keyof typeof DimKind];

export interface CompiledDim {
  readonly name: string;
  readonly kind: DimKind;
  readonly missing: number;
  readonly nulls: number;
  readonly gen: ValueGen;
  readonly fieldKind: FieldKind;
  /** Counters: the first value, the step, and (scope worker) the worker's slot, else -1. */
  readonly counter?: {
    readonly start: number;
    readonly increment: number;
    readonly slot: number;
    next: number;
  };
}

export interface CompileContext {
  readonly file: string;
  readonly seed: bigint;
  readonly offsetMinutes: number;
  /** Numbers the pools, so each gets its own stream. */
  poolOrdinal: number;
  /** Worker-scope counters so far (slots in each worker's counter array). */
  workerCounters: number;
  /** Variable name -> slot in each worker's variable array (an array is faster than a map per record). */
  readonly variables: Map<string, number>;
}

export function variableSlot(ctx: CompileContext, name: string): number {
  let slot = ctx.variables.get(name);
  if (slot === undefined) {
    slot = ctx.variables.size;
    ctx.variables.set(name, slot);
  }
  return slot;
}

/** Pool draws per distinct value wanted before giving up: the distribution cannot make that many. */
const POOL_TRIES_PER_VALUE = 1000;
/** The stream id of pool draws: worker streams use (index, 0|1), pools (POOL_STREAM, ordinal). */
const POOL_STREAM = -1;

export function compileDim(spec: DimSpec, ctx: CompileContext): CompiledDim {
  const base = { name: spec.name, missing: spec.missing, nulls: spec.nulls };
  if (spec.type === 'clock') return { ...base, kind: DimKind.Clock, gen: NO_VALUE, fieldKind: 'timestamp' };
  if (spec.type === 'counter') {
    const slot = spec.scope === 'worker' ? ctx.workerCounters++ : -1;
    const counter = { start: spec.start, increment: spec.increment, slot, next: spec.start };
    const fieldKind = Number.isInteger(spec.start) && Number.isInteger(spec.increment) ? 'int' : 'float';
    return { ...base, kind: DimKind.Counter, gen: NO_VALUE, fieldKind, counter };
  }
  const gen = valueGen(spec, ctx);
  const pooled =
    spec.cardinality > 0 && spec.type !== 'enum' && spec.type !== 'variable' && spec.type !== 'static';
  return {
    ...base,
    kind: DimKind.Value,
    gen: pooled ? buildPool(spec, gen, ctx) : gen,
    fieldKind: fieldKindOf(spec),
  };
}

const NO_VALUE: ValueGen = { value: () => null };

function valueGen(spec: Exclude<DimSpec, { type: 'clock' | 'counter' }>, ctx: CompileContext): ValueGen {
  switch (spec.type) {
    case 'enum':
      return new EnumGen(spec.values, sampler(spec.index));
    case 'int':
      return new IntGen(sampler(spec.dist));
    case 'float':
      return new FloatGen(sampler(spec.dist), spec.precision);
    case 'string':
      return new StringGen(sampler(spec.length), spec.chars);
    case 'timestamp':
      return new TimestampGen(sampler(spec.dist), ctx.offsetMinutes);
    case 'ipaddress':
      return new IpGen(sampler(spec.dist));
    case 'variable':
      return new VariableGen(variableSlot(ctx, spec.variable));
    case 'static':
      return { value: () => spec.value };
    case 'object':
      return new ObjectGen(spec.dims.map((d) => compileDim(d, ctx)));
    case 'list':
      return new ListGen(
        spec.elements.map((d) => compileDim(d, ctx)),
        sampler(spec.length),
        sampler(spec.selection),
      );
  }
}

function fieldKindOf(spec: DimSpec): FieldKind {
  switch (spec.type) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
    case 'ipaddress':
      return 'string';
    case 'timestamp':
    case 'clock':
      return 'timestamp';
    case 'object':
      return 'object';
    case 'list':
      return 'list';
    case 'static':
      return typeof spec.value === 'number' ? 'int' : 'string';
    case 'enum': {
      const kinds = new Set(spec.values.filter((v) => v !== null).map((v) => typeof v));
      if (kinds.size !== 1) return 'any';
      const only = [...kinds][0];
      if (only === 'string') return 'string';
      if (only === 'boolean') return 'bool';
      if (only === 'number')
        return spec.values.every((v) => v === null || Number.isInteger(v)) ? 'int' : 'float';
      return 'any';
    }
    default:
      return 'any';
  }
}

class EnumGen implements ValueGen {
  constructor(
    private readonly values: readonly FieldValue[],
    private readonly index: Sampler,
  ) {}
  value(actor: Actor): FieldValue {
    return this.values[indexIn(this.index, actor.content, this.values.length)] as FieldValue;
  }
}

class IntGen implements ValueGen {
  constructor(private readonly dist: Sampler) {}
  value(actor: Actor, now: number): FieldValue {
    return this.dist.int(actor.content, now);
  }
}

class FloatGen implements ValueGen {
  private readonly scale: number;
  constructor(
    private readonly dist: Sampler,
    precision: number | undefined,
  ) {
    this.scale = precision === undefined ? 0 : 10 ** precision;
  }
  value(actor: Actor, now: number): FieldValue {
    const v = this.dist.real(actor.content, now);
    return this.scale === 0 ? v : Math.round(v * this.scale) / this.scale;
  }
}

class StringGen implements ValueGen {
  private readonly codes: readonly number[];
  /** Characters outside the BMP (two UTF-16 units each): the slow path. */
  private readonly wide: readonly string[] | undefined;
  /** Reused between values: one string is made per value, not one per character. */
  private readonly buffer: number[] = [];
  constructor(
    private readonly length: Sampler,
    chars: string,
  ) {
    const list = Array.from(chars);
    this.codes = list.map((c) => c.charCodeAt(0));
    this.wide = list.some((c) => c.length > 1) ? list : undefined;
  }
  value(actor: Actor, now: number): FieldValue {
    const n = Math.max(0, this.length.int(actor.content, now));
    const { codes, buffer, wide } = this;
    const rng = actor.content;
    if (wide !== undefined) {
      let s = '';
      for (let i = 0; i < n; i++) s += wide[Math.floor(rng.random() * wide.length)];
      return s;
    }
    // Setting an array's length and spreading it cost more than the draws for the short strings most
    // configs ask for (Apache's one-character "-" fields).
    if (buffer.length !== n) buffer.length = n;
    for (let i = 0; i < n; i++) buffer[i] = codes[Math.floor(rng.random() * codes.length)] as number;
    if (n === 1) return String.fromCharCode(buffer[0] as number);
    return n <= CHUNK ? String.fromCharCode(...buffer) : chunked(buffer);
  }
}

/** fromCharCode's arguments are bounded by the stack: long strings go in pieces. */
const CHUNK = 4096;
function chunked(codes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += CHUNK) s += String.fromCharCode(...codes.slice(i, i + CHUNK));
  return s;
}

class TimestampGen implements ValueGen {
  constructor(
    private readonly dist: Sampler,
    private readonly offsetMinutes: number,
  ) {}
  value(actor: Actor, now: number): FieldValue {
    return new Timestamp(this.dist.real(actor.content, now) * 1000, this.offsetMinutes);
  }
}

/** int(sample) -> a dotted quad of its low 32 bits (the reference masks bytes the same way). */
class IpGen implements ValueGen {
  constructor(private readonly dist: Sampler) {}
  value(actor: Actor, now: number): FieldValue {
    const n = this.dist.int(actor.content, now);
    const v = Number(BigInt.asUintN(32, BigInt(n)));
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
}

class VariableGen implements ValueGen {
  constructor(private readonly slot: number) {}
  value(actor: Actor): FieldValue {
    return actor.vars[this.slot] ?? null;
  }
}

/** A nested record: its dimensions' missing and null rates hold inside it too. */
class ObjectGen implements ValueGen {
  constructor(private readonly dims: readonly CompiledDim[]) {}
  value(actor: Actor, now: number): FieldValue {
    const out: Record<string, FieldValue> = {};
    for (const d of this.dims) {
      if (d.missing > 0 && actor.content.random() < d.missing) continue;
      out[d.name] = d.nulls > 0 && actor.content.random() < d.nulls ? null : valueOf(d, actor, now);
    }
    return out as FieldObject;
  }
}

/** A list of int(length) items, each made by the element chosen by the selection draw (among the elements). */
class ListGen implements ValueGen {
  constructor(
    private readonly elements: readonly CompiledDim[],
    private readonly length: Sampler,
    private readonly selection: Sampler,
  ) {}
  value(actor: Actor, now: number): FieldValue {
    const n = Math.max(0, this.length.int(actor.content, now));
    const out: FieldValue[] = [];
    for (let i = 0; i < n; i++) {
      const d = this.elements[indexIn(this.selection, actor.content, this.elements.length)] as CompiledDim;
      out.push(d.nulls > 0 && actor.content.random() < d.nulls ? null : valueOf(d, actor, now));
    }
    return out;
  }
}

/** A value of a nested dimension (clocks give the current time; counters inside objects count per use). */
function valueOf(d: CompiledDim, actor: Actor, now: number): FieldValue {
  if (d.kind === DimKind.Clock) return new Timestamp(now * 1000);
  if (d.kind === DimKind.Counter && d.counter) {
    const v = d.counter.next;
    d.counter.next += d.counter.increment;
    return v;
  }
  return d.gen.value(actor, now);
}

class PoolGen implements ValueGen {
  constructor(
    private readonly pool: readonly FieldValue[],
    private readonly index: Sampler,
  ) {}
  value(actor: Actor): FieldValue {
    return this.pool[indexIn(this.index, actor.content, this.pool.length)] as FieldValue;
  }
}

/** N distinct values drawn once; then each value is pool[index draw]. Unreachable N is an error, not a hang. */
function buildPool(spec: DimSpec, gen: ValueGen, ctx: CompileContext): ValueGen {
  const n = spec.cardinality;
  const actor: Actor = { content: new StreamRng(ctx.seed, POOL_STREAM, ctx.poolOrdinal++), vars: [] };
  const seen = new Set<unknown>();
  const pool: FieldValue[] = [];
  const limit = Math.max(10_000, n * POOL_TRIES_PER_VALUE);
  for (let tries = 0; pool.length < n; tries++) {
    if (tries >= limit)
      throw new EventConfigError(
        ctx.file,
        `${spec.path}.cardinality`,
        `${n} distinct values cannot be drawn: ${tries} draws gave only ${pool.length} (widen the distribution or lower the cardinality)`,
      );
    const v = gen.value(actor, 0);
    const key = distinctKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    pool.push(v);
  }
  return new PoolGen(pool, sampler(spec.cardinalityDist ?? { kind: 'uniform', min: 0, max: n - 1 }));
}

function distinctKey(v: FieldValue): unknown {
  if (v instanceof Timestamp) return `t${v.epochMs}`;
  if (v !== null && typeof v === 'object') return `j${JSON.stringify(v)}`;
  return v;
}
