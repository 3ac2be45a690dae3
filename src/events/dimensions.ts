/**
 * Dimension generators: a DimSpec compiled once into an object that makes values. Cardinality pools are
 * drawn here at load (from their own seeded stream, so every shard holds the same pool).
 */
import { type FieldKind, type FieldObject, type FieldValue, Timestamp } from '../records/formats/types';
import { StreamRng } from '../random/stream';
import { EventConfigError } from './errors';
import type { DimSpec } from './model';
import { constantIndex, constantInt, indexDraw, indexIn, intDraw, type Sampler, sampler } from './sample';

/** What a value may depend on: the worker's content stream and variables. */
export interface Actor {
  readonly content: StreamRng;
  /** The worker's variables by slot (CompileContext.slot); unset ones are undefined. */
  readonly vars: (FieldValue | undefined)[];
}

/** Makes one value of a dimension. */
export type ValueGen = (actor: Actor, now: number) => FieldValue;

/**
 * How the emit loop treats a dimension: clocks share the record's time, counters count on the control stream,
 * variables are read from the worker's slot in place, and a fixed value (a constant that draws nothing) is
 * `fixed` (`gen` gives the same for the other callers).
 */
export const DimKind = { Value: 0, Clock: 1, Counter: 2, Variable: 3, Fixed: 4 } as const;
export type DimKind = (typeof DimKind)[keyof typeof DimKind];

export interface CompiledDim {
  readonly name: string;
  readonly kind: DimKind;
  readonly missing: number;
  readonly nulls: number;
  readonly gen: ValueGen;
  readonly fieldKind: FieldKind;
  /** Counters: the first value, the step, and (scope worker) the worker's slot, else -1. */
  readonly counter: Counter | undefined;
  /** Variables: the worker's slot the value is read from, else -1. */
  readonly variable: number;
  /** Fixed: the value of every draw. */
  readonly fixed: FieldValue | undefined;
}

export interface Counter {
  readonly start: number;
  readonly increment: number;
  readonly slot: number;
  next: number;
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
  if (spec.type === 'clock') return compiled(spec, DimKind.Clock, NO_VALUE, 'timestamp', undefined, -1);
  if (spec.type === 'counter') {
    const slot = spec.scope === 'worker' ? ctx.workerCounters++ : -1;
    const counter = { start: spec.start, increment: spec.increment, slot, next: spec.start };
    const fieldKind = Number.isInteger(spec.start) && Number.isInteger(spec.increment) ? 'int' : 'float';
    return compiled(spec, DimKind.Counter, NO_VALUE, fieldKind, counter, -1);
  }
  const gen = valueGen(spec, ctx);
  if (spec.type === 'variable') {
    const slot = variableSlot(ctx, spec.variable);
    return compiled(spec, DimKind.Variable, gen, fieldKindOf(spec), undefined, slot);
  }
  const pooled = spec.cardinality > 0 && spec.type !== 'enum' && spec.type !== 'static';
  if (pooled)
    return compiled(spec, DimKind.Value, buildPool(spec, gen, ctx), fieldKindOf(spec), undefined, -1);
  const fixed = fixedValue(spec);
  if (fixed === NOT_FIXED) return compiled(spec, DimKind.Value, gen, fieldKindOf(spec), undefined, -1);
  return compiled(spec, DimKind.Fixed, gen, fieldKindOf(spec), undefined, -1, fixed);
}

const NOT_FIXED = Symbol('not fixed');

/** The value of a dimension whose every value is the same and draws nothing (constant ints and indices). */
function fixedValue(spec: DimSpec): FieldValue | undefined | typeof NOT_FIXED {
  if (spec.type === 'static') return spec.value;
  if (spec.type === 'int') return constantInt(sampler(spec.dist)) ?? NOT_FIXED;
  if (spec.type === 'enum') {
    const i = constantIndex(sampler(spec.index), spec.values.length);
    return i === undefined ? NOT_FIXED : spec.values[i];
  }
  return NOT_FIXED;
}

/** Every compiled dimension has the same fields in the same order: one object shape for the emit loop. */
function compiled(
  spec: DimSpec,
  kind: DimKind,
  gen: ValueGen,
  fieldKind: FieldKind,
  counter: Counter | undefined,
  variable: number,
  fixed: FieldValue | undefined = undefined,
): CompiledDim {
  const { name, missing, nulls } = spec;
  return { name, kind, missing, nulls, gen, fieldKind, counter, variable, fixed };
}

const NO_VALUE: ValueGen = () => null;

function valueGen(spec: Exclude<DimSpec, { type: 'clock' | 'counter' }>, ctx: CompileContext): ValueGen {
  switch (spec.type) {
    case 'enum':
      return enumGen(spec.values, sampler(spec.index));
    case 'int':
      return intGen(sampler(spec.dist));
    case 'float':
      return floatGen(sampler(spec.dist), spec.precision);
    case 'string':
      return stringGen(sampler(spec.length), spec.chars);
    case 'timestamp':
      return timestampGen(sampler(spec.dist), ctx.offsetMinutes);
    case 'ipaddress':
      return ipGen(sampler(spec.dist));
    case 'variable':
      return variableGen(variableSlot(ctx, spec.variable));
    case 'static': {
      const value = spec.value;
      return () => value;
    }
    case 'object':
      return objectGen(spec.dims.map((d) => compileDim(d, ctx)));
    case 'list':
      return listGen(
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

// The generators are closures rather than classes: the emit loop calls each dimension's function directly,
// where a method on a dozen generator classes is a megamorphic lookup per value.

function enumGen(values: readonly FieldValue[], index: Sampler): ValueGen {
  const draw = indexDraw(index, values.length);
  return (actor) => values[draw(actor.content)] as FieldValue;
}

function intGen(dist: Sampler): ValueGen {
  const draw = intDraw(dist);
  return (actor, now) => draw(actor.content, now);
}

function floatGen(dist: Sampler, precision: number | undefined): ValueGen {
  if (precision === undefined) return (actor, now) => dist.real(actor.content, now);
  const scale = 10 ** precision;
  return (actor, now) => Math.round(dist.real(actor.content, now) * scale) / scale;
}

function stringGen(length: Sampler, chars: string): ValueGen {
  const list = Array.from(chars);
  // Characters outside the BMP (two UTF-16 units each): the slow path.
  if (list.some((c) => c.length > 1))
    return (actor, now) => {
      const n = Math.max(0, length.int(actor.content, now));
      const rng = actor.content;
      let s = '';
      for (let i = 0; i < n; i++) s += list[Math.floor(rng.random() * list.length)];
      return s;
    };
  const codes = list.map((c) => c.charCodeAt(0));
  // Reused between values: one string is made per value, not one per character.
  const buffer: number[] = [];
  return (actor, now) => {
    const rng = actor.content;
    const n = Math.max(0, length.int(rng, now));
    // One character (the common "-" field) is one of the alphabet's own strings: nothing to build.
    if (n === 1) return list[Math.floor(rng.random() * codes.length)] as string;
    if (buffer.length !== n) buffer.length = n;
    for (let i = 0; i < n; i++) buffer[i] = codes[Math.floor(rng.random() * codes.length)] as number;
    return n <= CHUNK ? String.fromCharCode(...buffer) : chunked(buffer);
  };
}

/** fromCharCode's arguments are bounded by the stack: long strings go in pieces. */
const CHUNK = 4096;
function chunked(codes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < codes.length; i += CHUNK) s += String.fromCharCode(...codes.slice(i, i + CHUNK));
  return s;
}

function timestampGen(dist: Sampler, offsetMinutes: number): ValueGen {
  return (actor, now) => new Timestamp(dist.real(actor.content, now) * 1000, offsetMinutes);
}

/** int(sample) -> a dotted quad of its low 32 bits (the reference masks bytes the same way). */
function ipGen(dist: Sampler): ValueGen {
  return (actor, now) => {
    const n = dist.int(actor.content, now);
    // >>> 0 is the same low 32 bits for every finite integer, without two BigInts per address; the rest
    // (NaN, infinities) keep BigInt's error.
    const v = Number.isFinite(n) ? n >>> 0 : Number(BigInt.asUintN(32, BigInt(n)));
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  };
}

function variableGen(slot: number): ValueGen {
  return (actor) => actor.vars[slot] ?? null;
}

/** A nested record: its dimensions' missing and null rates hold inside it too. */
function objectGen(dims: readonly CompiledDim[]): ValueGen {
  return (actor, now) => {
    const out: Record<string, FieldValue> = {};
    for (const d of dims) {
      if (d.missing > 0 && actor.content.random() < d.missing) continue;
      out[d.name] = d.nulls > 0 && actor.content.random() < d.nulls ? null : valueOf(d, actor, now);
    }
    return out as FieldObject;
  };
}

/** A list of int(length) items, each made by the element chosen by the selection draw (among the elements). */
function listGen(elements: readonly CompiledDim[], length: Sampler, selection: Sampler): ValueGen {
  return (actor, now) => {
    const n = Math.max(0, length.int(actor.content, now));
    const out: FieldValue[] = [];
    for (let i = 0; i < n; i++) {
      const d = elements[indexIn(selection, actor.content, elements.length)] as CompiledDim;
      out.push(d.nulls > 0 && actor.content.random() < d.nulls ? null : valueOf(d, actor, now));
    }
    return out;
  };
}

/** A value of a nested dimension (clocks give the current time; counters inside objects count per use). */
function valueOf(d: CompiledDim, actor: Actor, now: number): FieldValue {
  if (d.kind === DimKind.Clock) return new Timestamp(now * 1000);
  if (d.kind === DimKind.Counter && d.counter) {
    const v = d.counter.next;
    d.counter.next += d.counter.increment;
    return v;
  }
  return d.gen(actor, now);
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
    const v = gen(actor, 0);
    const key = distinctKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    pool.push(v);
  }
  return enumGen(pool, sampler(spec.cardinalityDist ?? { kind: 'uniform', min: 0, max: n - 1 }));
}

function distinctKey(v: FieldValue): unknown {
  if (v instanceof Timestamp) return `t${v.epochMs}`;
  if (v !== null && typeof v === 'object') return `j${JSON.stringify(v)}`;
  return v;
}
