/**
 * v2 pattern files (`-f`): one line of text per record with `{{field}}`, `{{a.b}}` (nested objects) and
 * `{{time|%d/%b/%Y:%H:%M:%S %z}}` placeholders and `%NAME%` environment variables. The file is parsed once,
 * as the reference reads it (surrounding whitespace stripped, backslash escapes decoded, `%NAME%` replaced),
 * into a list of literal and field parts; rendering a record only concatenates. Nothing is evaluated.
 *
 * Where the reference misreads its own syntax we do what its documentation means:
 *  - `%NAME%` is looked for in the literal text only, so a strftime format such as `%Y-%m-%dT%H` inside a
 *    placeholder is never taken for an environment variable;
 *  - a field name is trimmed on both sides (`{{ time }}` is `time`, not `time `);
 *  - a name no emitter has, an unclosed `{{`, an empty name or an unknown strftime directive is an error when
 *    the pattern is loaded, naming the file;
 *  - non-ASCII text is kept as it is (the reference's escape decoding mangles it).
 */
import { didYouMean } from '../../util/nearest';
import { RecordFormatError } from './errors';
import { compileStrftime, type Strftime } from './strftime';
import type { EmitterSchema, EventRecord, FieldKind, FieldValue, RecordFormat, RecordSchema } from './types';
import { Timestamp } from './types';
import { pythonText } from './values';

export interface FieldPart {
  /** The name as written, for messages. */
  readonly name: string;
  /** `a.b.c` -> ['a', 'b', 'c']. */
  readonly path: readonly string[];
  readonly strftime: Strftime | undefined;
}

export type Part = string | FieldPart;

export interface CompiledPattern {
  readonly file: string;
  readonly parts: readonly Part[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python's string escapes (`\t`, `\"`, `\x41`, `\u00e9`, `\101`); an unknown escape stays as written. */
export function decodeEscapes(text: string): string {
  return text.replace(
    /\\(?:([\\'"abfnrtv])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3}))/g,
    (whole, simple?: string, x?: string, u?: string, big?: string, octal?: string) => {
      if (simple !== undefined) return SIMPLE_ESCAPES[simple] as string;
      const code = parseInt(x ?? u ?? big ?? (octal as string), octal !== undefined ? 8 : 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Line and column (1-based) of an offset, for messages. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function substituteEnv(literal: string, file: string, env: NodeJS.ProcessEnv): string {
  return literal.replace(/%(\w+)%/g, (_whole, name: string) => {
    const value = env[name];
    if (value === undefined) {
      throw new RecordFormatError(
        `pattern file ${file}: environment variable ${name} is not set (the pattern uses %${name}%)`,
      );
    }
    return value;
  });
}

/** Parses a pattern file's text once. `file` names it in messages; `env` fills `%NAME%`. */
export function compilePattern(source: string, file: string, env: NodeJS.ProcessEnv): CompiledPattern {
  const text = decodeEscapes(source.trim());
  const parts: Part[] = [];
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('{{', pos);
    const literalEnd = open < 0 ? text.length : open;
    if (literalEnd > pos) parts.push(substituteEnv(text.slice(pos, literalEnd), file, env));
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) {
      throw new RecordFormatError(
        `pattern file ${file}: '{{' at ${position(text, open)} is never closed with '}}'`,
      );
    }
    parts.push(fieldPart(text.slice(open + 2, close), file, text, open));
    pos = close + 2;
  }
  // Adjacent literals (an env value next to text) are joined so that rendering concatenates less.
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string') merged[merged.length - 1] = last + part;
    else merged.push(part);
  }
  return { file, parts: merged };
}

function fieldPart(inner: string, file: string, text: string, offset: number): FieldPart {
  const bar = inner.indexOf('|');
  const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  if (name === '' || name.split('.').some((segment) => segment === '')) {
    throw new RecordFormatError(
      `pattern file ${file}: placeholder '{{${inner}}}' at ${position(text, offset)} has no field name`,
    );
  }
  let strftime: Strftime | undefined;
  if (bar >= 0) {
    try {
      strftime = compileStrftime(inner.slice(bar + 1));
    } catch (err) {
      if (!(err instanceof RecordFormatError)) throw err;
      throw new RecordFormatError(`pattern file ${file}: {{${inner}}}: ${err.message}`);
    }
  }
  return { name, path: name.split('.'), strftime };
}

/** Every field name an emitter of the config can put in a record. */
function knownFields(schema: RecordSchema): Set<string> {
  return new Set(schema.emitters.flatMap((e) => e.fields.map((f) => f.name)));
}

function lookup(record: EventRecord, path: readonly string[]): FieldValue | undefined {
  let value: FieldValue | undefined = record[path[0] as string];
  for (let i = 1; i < path.length; i++) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Timestamp)
      return undefined;
    value = (value as Record<string, FieldValue>)[path[i] as string];
  }
  return value;
}

class PatternFormat implements RecordFormat {
  /** Per emitter, the kind of each part's top-level field (floats print as Python floats). */
  private readonly kinds = new Map<EmitterSchema, (FieldKind | undefined)[]>();

  constructor(private readonly parts: readonly Part[]) {}

  header(): undefined {
    return undefined;
  }

  line(record: EventRecord, emitter: EmitterSchema): string {
    let kinds = this.kinds.get(emitter);
    if (!kinds) {
      const byName = new Map(emitter.fields.map((f) => [f.name, f.kind]));
      kinds = this.parts.map((p) =>
        typeof p === 'string' || p.path.length > 1 ? undefined : byName.get(p.name),
      );
      this.kinds.set(emitter, kinds);
    }
    let out = '';
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i] as Part;
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const value = part.path.length === 1 ? record[part.name] : lookup(record, part.path);
      // A strftime format applies to times only; on other values it is ignored, as in the reference.
      out += part.strftime && value instanceof Timestamp ? part.strftime(value) : pythonText(value, kinds[i]);
    }
    return out;
  }
}

/**
 * The format for a compiled pattern. Placeholders are checked against the config's emitters here: a name
 * no emitter has is a typo, reported with the closest name.
 */
export function patternFormat(pattern: CompiledPattern): (schema: RecordSchema) => RecordFormat {
  return (schema) => {
    const known = knownFields(schema);
    for (const part of pattern.parts) {
      if (typeof part === 'string' || known.has(part.path[0] as string)) continue;
      throw new RecordFormatError(
        `pattern file ${pattern.file}: {{${part.name}}}: no emitter has a field '${part.path[0]}'${didYouMean(part.path[0] as string, known)}`,
      );
    }
    return new PatternFormat(pattern.parts);
  };
}
