/**
 * v2 pattern lines (`-f`) written as bytes, straight from a record's values (as NdjsonBytes does for JSON
 * lines): no record object, no line string, no UTF-8 encoding call per record. The bytes are exactly what
 * the pattern format prints for the same record, with a newline (tests compare them): literal text is
 * encoded once; short plain ASCII values, integers and `%s` epoch seconds are written in place; long values
 * that repeat (enum values) are encoded once and copied; everything else takes the string path's own text.
 */
import { ByteChunks, type ByteTarget, putWords, type ValuesBytes, type Words, wordsOf } from './byte-chunks';
import { writeInt } from '../../util/digits';
import type { CompiledPattern, FieldPart } from './pattern';
import { epochMicros, type Strftime } from './strftime';
import { RepeatCache } from './repeat-cache';
import { type EmitterSchema, type FieldKind, type FieldValue, Timestamp } from './types';
import { pythonText } from './values';

/**
 * Room per field for a value written in place (a short string, an integer); a line makes room for all its
 * steps at once, so the loop checks no room per step.
 */
const STEP_ROOM = 64;
/** Strings from this length on go through the step's cache of encoded values. */
const LONG_STRING = 24;
const MAX_CACHED_LENGTH = 1024;

const Step = { Literal: 0, Field: 1, Nested: 2, EpochSeconds: 3, Missing: 4 } as const;
type Step = (typeof Step)[keyof typeof Step];

interface PatternStep {
  readonly step: Step;
  /** Literal: the text's UTF-8 bytes. */
  readonly literal: Words;
  /** Where the field's value is in the emitter's values. */
  readonly index: number;
  /** Nested: the path below the top-level field. */
  readonly path: readonly string[];
  readonly kind: FieldKind | undefined;
  readonly strftime: Strftime | undefined;
  /** Encoded long string values, while they keep repeating. */
  readonly strings: RepeatCache<Uint8Array>;
}

const EMPTY = wordsOf(new Uint8Array(0));
const utf8 = (v: string): Uint8Array => Buffer.from(v, 'utf8');
const TRUE = Buffer.from('True');
const FALSE = Buffer.from('False');

interface EmitterSteps {
  readonly steps: readonly PatternStep[];
  /** Bytes a line needs for everything written in place. */
  readonly room: number;
}

function compileSteps(pattern: CompiledPattern, schema: EmitterSchema): PatternStep[] {
  const indexOf = new Map(schema.fields.map((f, i) => [f.name, i]));
  return pattern.parts.map((part) => {
    const step: PatternStep = {
      step: Step.Literal,
      literal: EMPTY,
      index: -1,
      path: [],
      kind: undefined,
      strftime: undefined,
      strings: new RepeatCache<Uint8Array>(),
    };
    if (typeof part === 'string') return { ...step, literal: wordsOf(Buffer.from(part, 'utf8')) };
    const f: FieldPart = part;
    const index = indexOf.get(f.path.length === 1 ? f.name : (f.path[0] as string));
    if (index === undefined) return { ...step, step: Step.Missing };
    if (f.path.length > 1)
      return { ...step, step: Step.Nested, index, path: f.path.slice(1), strftime: f.strftime };
    const kind = schema.fields[index]?.kind;
    const epoch = f.strftime?.format === '%s';
    return { ...step, step: epoch ? Step.EpochSeconds : Step.Field, index, kind, strftime: f.strftime };
  });
}

/** `{{a.b.c}}` below a top-level value: undefined where the path leaves the objects. */
function nested(value: FieldValue | undefined, path: readonly string[]): FieldValue | undefined {
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Timestamp)
      return undefined;
    value = (value as Record<string, FieldValue>)[key];
  }
  return value;
}

export class PatternBytes extends ByteChunks implements ValuesBytes {
  private readonly emitters: EmitterSteps[];

  constructor(pattern: CompiledPattern, schemas: readonly EmitterSchema[], target: ByteTarget) {
    super(target);
    this.emitters = schemas.map((schema) => {
      const steps = compileSteps(pattern, schema);
      // The newline, and per step its literal (words may write 3 bytes past it) or an in-place value.
      const room =
        1 + steps.reduce((n, s) => n + (s.step === Step.Literal ? s.literal.length + 3 : STEP_ROOM), 0);
      return { steps, room };
    });
  }

  write(values: readonly (FieldValue | undefined)[], emitter: number): void {
    const { steps, room } = this.emitters[emitter] as EmitterSteps;
    this.room(room);
    let buf = this.buf;
    let view = this.view;
    let p = this.used;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i] as PatternStep;
      switch (s.step) {
        case Step.Literal:
          p = putWords(view, p, s.literal);
          continue;
        case Step.EpochSeconds: {
          const v = values[s.index];
          if (v instanceof Timestamp) {
            p = writeInt(buf, p, Math.floor(epochMicros(v) / 1_000_000));
            continue;
          }
          break;
        }
        case Step.Field: {
          const v = values[s.index];
          if (typeof v === 'string' && v.length < LONG_STRING) {
            const start = p;
            let plain = true;
            for (let j = 0; j < v.length; j++) {
              const c = v.charCodeAt(j);
              if (c > 0x7f) {
                plain = false;
                break;
              }
              buf[p++] = c;
            }
            if (plain) continue;
            p = start;
          } else if (typeof v === 'number' && s.kind !== 'float' && Number.isSafeInteger(v)) {
            p = writeInt(buf, p, v);
            continue;
          }
          break;
        }
        case Step.Nested:
          break;
        default:
          continue;
      }
      this.used = p;
      this.value(s.step === Step.Nested ? nested(values[s.index], s.path) : values[s.index], s);
      // value() made room for itself only, perhaps in a new chunk: room again for the steps left.
      this.room(room);
      buf = this.buf;
      view = this.view;
      p = this.used;
    }
    buf[p++] = 0x0a;
    this.used = p;
    this.lines++;
  }

  /** The string path's text of a value (pythonText, or the placeholder's strftime for times). */
  private value(v: FieldValue | undefined, s: PatternStep): void {
    if (typeof v === 'string') return this.string(v, s);
    if (v === undefined || v === null) return;
    if (typeof v === 'boolean') return this.copy(v ? TRUE : FALSE);
    if (s.strftime !== undefined && v instanceof Timestamp) return this.ascii(s.strftime(v));
    this.text(pythonText(v, s.kind));
  }

  private string(v: string, s: PatternStep): void {
    const bytes =
      v.length < LONG_STRING || v.length > MAX_CACHED_LENGTH ? undefined : s.strings.through(v, utf8);
    if (bytes === undefined) return this.ascii(v);
    this.copy(bytes);
  }

  /** Text that is mostly ASCII: copied as it is read, handed to Buffer.write from the first other character. */
  private ascii(v: string): void {
    const n = v.length;
    this.room(n);
    const buf = this.buf;
    let p = this.used;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c > 0x7f) {
        this.used = p;
        return this.text(v.slice(i));
      }
      buf[p++] = c;
    }
    this.used = p;
  }
}
