/**
 * v3 `templates` (`-t NAME`): Jinja2 templates rendered with nunjucks, which reads the same syntax
 * (`{{ time.strftime('%b %d %H:%M:%S') }}`, `{% if %}`, filters such as `|int`). A template's `header` is
 * rendered once, before the first record, with `env` only.
 *
 * nunjucks is not a sandbox: its compiled templates look names up in the context and its globals, and read
 * any property of any value, so `{{ s.constructor.constructor('...')() }}` would reach Function. We therefore
 * render with our own runtime in place of nunjucks' (its compiled code calls everything through the runtime
 * it is handed):
 *  - a name resolves to a template variable (`{% set %}`, loop variables, macros), a field of the record or
 *    `env`; nothing else: no globals (range, cycler, joiner), no prototype members;
 *  - `a.b` / `a[0]` read own fields of plain objects, list items and string characters only; a record time
 *    offers the Python datetime members templates use (strftime, timestamp, isoformat, year, ...);
 *  - `env.NAME` is strict (an unset name is an error, checked when the template is loaded), `env.get('NAME',
 *    'default')` is not;
 *  - the environment has no loaders, so include/import/extends find nothing; autoescape is off (the output is
 *    text, not HTML) and undefined values print as nothing, as Jinja2's default Undefined does.
 */
import type nunjucks from 'nunjucks';
import { didYouMean } from '../../util/nearest';
import { RecordFormatError } from './errors';
import { compileStrftime, pythonDatetimeText, type Strftime, wallTime } from './strftime';
import { type EventRecord, type RecordFormat, Timestamp } from './types';
import { isoText } from './values';

/** nunjucks, loaded on first use: most runs render no template and need not pay its ~30 ms of start-up. */
let loaded: typeof nunjucks | undefined;
function lib(): typeof nunjucks {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('nunjucks') as typeof nunjucks);
}

export interface TemplateSpec {
  readonly body: string;
  readonly header?: string;
}

/** A record time as templates see it: the members of a Python datetime that templates call. */
class TemplateTime {
  constructor(
    readonly ts: Timestamp,
    private readonly formats: Map<string, Strftime>,
  ) {}

  member(key: string): unknown {
    switch (key) {
      case 'strftime':
        return (format: unknown) => this.strftime(String(format));
      case 'timestamp':
        return () => this.ts.epochMs / 1000;
      case 'isoformat':
        return () => isoText(this.ts);
      case 'weekday':
        return () => wallTime(this.ts).weekday;
      case 'isoweekday':
        return () => wallTime(this.ts).weekday + 1;
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
      case 'microsecond':
        return wallTime(this.ts)[key];
      default:
        return undefined;
    }
  }

  private strftime(format: string): string {
    let compiled = this.formats.get(format);
    if (!compiled) {
      compiled = compileStrftime(format);
      // A template has a handful of formats; a bound keeps a format built from data from growing this.
      if (this.formats.size < 64) this.formats.set(format, compiled);
    }
    return compiled(this.ts);
  }

  /** `{{ time }}` prints what Python's str(datetime) prints. */
  toString(): string {
    return pythonDatetimeText(this.ts);
  }
}

/** `env` in templates: `env.NAME` (strict) and `env.get('NAME', 'default')`. */
class TemplateEnv {
  constructor(
    private readonly vars: NodeJS.ProcessEnv,
    private readonly where: string,
  ) {}

  member(key: string): unknown {
    if (key === 'get') return (name: unknown, fallback: unknown = '') => this.vars[String(name)] ?? fallback;
    const value = this.vars[key];
    if (value === undefined) throw new RecordFormatError(`${this.where}: env.${key} is not set`);
    return value;
  }

  toString(): string {
    return '';
  }
}

const isIndex = (key: unknown): boolean => /^(?:0|[1-9]\d*)$/.test(String(key));

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The only member access templates get (see the top of this file). */
function memberLookup(this: { formats: Map<string, Strftime> }, obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  const name = String(key);
  if (obj instanceof TemplateTime || obj instanceof TemplateEnv) return obj.member(name);
  // A time reached without a member lookup (a loop over a list of times) is still a time.
  if (obj instanceof Timestamp) return new TemplateTime(obj, this.formats).member(name);
  if (typeof obj === 'string') return isIndex(name) ? obj[Number(name)] : undefined;
  if (typeof obj !== 'object') return undefined;
  if (Array.isArray(obj)) return isIndex(name) ? wrap(obj[Number(name)], this.formats) : undefined;
  if (!isPlainObject(obj) || !Object.hasOwn(obj, name)) return undefined;
  return wrap((obj as Record<string, unknown>)[name], this.formats);
}

function wrap(value: unknown, formats: Map<string, Strftime>): unknown {
  return value instanceof Timestamp ? new TemplateTime(value, formats) : value;
}

/**
 * What nunjucks' compiled code calls as `context`: the record's fields and `env`, and the template's own
 * top-level variables. Blocks only make sense with extends, which has no loader here.
 */
class RecordContext {
  private vars: Map<string, unknown> | undefined;

  constructor(
    private readonly record: EventRecord | undefined,
    private readonly env: TemplateEnv,
    private readonly formats: Map<string, Strftime>,
  ) {}

  lookup(name: string): unknown {
    if (name === 'env') return this.env;
    if (this.vars?.has(name)) return this.vars.get(name);
    if (this.record && Object.hasOwn(this.record, name)) return wrap(this.record[name], this.formats);
    return undefined;
  }

  setVariable(name: string, value: unknown): void {
    (this.vars ??= new Map()).set(name, value);
  }

  getVariables(): Record<string, unknown> {
    return Object.fromEntries(this.vars ?? []);
  }

  addExport(): void {}

  addBlock(): void {
    throw new Error('blocks are not supported in event templates');
  }

  getBlock(): never {
    throw new Error('blocks are not supported in event templates');
  }

  getSuper(): never {
    throw new Error('blocks are not supported in event templates');
  }
}

/** nunjucks' runtime with name and member lookup replaced; everything else (loops, macros, filters) kept. */
function hardenedRuntime(formats: Map<string, Strftime>): nunjucks.Runtime {
  return {
    ...lib().runtime,
    memberLookup: memberLookup.bind({ formats }),
    contextOrFrameLookup: (context: unknown, frame: nunjucks.NunjucksFrame, name: string) => {
      const value = frame.lookup(name);
      return value !== undefined ? value : (context as RecordContext).lookup(name);
    },
  };
}

/** `env.NAME` read anywhere in a template (not `env.get(...)`), to check them before the run. */
function strictEnvNames(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const child of node) strictEnvNames(child, found);
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  const n = node as nunjucks.AstNode;
  if (n.typename === 'LookupVal') {
    const target = n.target as nunjucks.AstNode;
    const val = n.val as nunjucks.AstNode;
    if (
      target.typename === 'Symbol' &&
      target.value === 'env' &&
      val.typename === 'Literal' &&
      val.value !== 'get'
    )
      found.add(String(val.value));
  }
  for (const field of n.fields ?? []) strictEnvNames(n[field], found);
  return found;
}

/** nunjucks' messages span lines (`(unknown path) [Line 1, Column 4]\n  Error: ...`): one line, no path. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .replace(/^\(unknown path\)\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/(^|\s)(?:Template)?Error:\s+/g, '$1')
    .trim();
}

interface Compiled {
  readonly template: nunjucks.Template;
  readonly where: string;
}

function compile(
  source: string,
  where: string,
  environment: nunjucks.Environment,
  vars: NodeJS.ProcessEnv,
): Compiled {
  // Jinja2 drops one newline at the end of a template (keep_trailing_newline=False); the sink adds its own.
  const text = source.endsWith('\n') ? source.slice(0, -1) : source;
  try {
    for (const name of strictEnvNames(lib().parser.parse(text), new Set())) {
      if (vars[name] === undefined) throw new RecordFormatError(`${where}: env.${name} is not set`);
    }
    return { template: new (lib().Template)(text, environment, undefined, true), where };
  } catch (err) {
    if (err instanceof RecordFormatError) throw err;
    throw new RecordFormatError(`${where}: ${oneLine(err)}`);
  }
}

class TemplateFormat implements RecordFormat {
  private readonly formats = new Map<string, Strftime>();
  private readonly runtime = hardenedRuntime(this.formats);
  private readonly env: TemplateEnv;

  constructor(
    private readonly environment: nunjucks.Environment,
    private readonly body: Compiled,
    private readonly head: Compiled | undefined,
    vars: NodeJS.ProcessEnv,
  ) {
    this.env = new TemplateEnv(vars, body.where);
  }

  header(): string | undefined {
    return this.head && this.render(this.head, undefined);
  }

  line(record: EventRecord): string {
    return this.render(this.body, record);
  }

  private render(compiled: Compiled, record: EventRecord | undefined): string {
    const frame = new (lib().runtime.Frame)();
    frame.topLevel = true;
    const context = new RecordContext(record, this.env, this.formats);
    let output: string | undefined;
    let failure: unknown;
    // Synchronous: there are no async filters or loaders, so the callback has run when this returns.
    compiled.template.rootRenderFunc(this.environment, context, frame, this.runtime, (err, result) => {
      failure = err ?? undefined;
      output = result;
    });
    if (failure !== undefined) {
      const cause = (failure as { cause?: unknown }).cause;
      if (failure instanceof RecordFormatError) throw failure;
      if (cause instanceof RecordFormatError) throw cause;
      throw new RecordFormatError(`${compiled.where}: ${oneLine(failure)}`);
    }
    return output ?? '';
  }
}

/**
 * The format for template `name` of a v3 config's `templates`, compiled now so that syntax errors and unset
 * `env.NAME` are reported before the run, naming the template.
 */
export function templateFormat(
  templates: Readonly<Record<string, TemplateSpec>> | undefined,
  name: string,
  vars: NodeJS.ProcessEnv,
): () => RecordFormat {
  const names = Object.keys(templates ?? {});
  const spec = templates && Object.hasOwn(templates, name) ? templates[name] : undefined;
  if (!spec) {
    const known = names.length > 0 ? `; it has ${names.map((n) => `'${n}'`).join(', ')}` : '';
    throw new RecordFormatError(
      `template '${name}' is not in the config's templates${didYouMean(name, names)}${known}`,
    );
  }
  if (typeof spec.body !== 'string') throw new RecordFormatError(`template '${name}': body must be text`);
  if (spec.header !== undefined && typeof spec.header !== 'string')
    throw new RecordFormatError(`template '${name}': header must be text`);
  const environment = new (lib().Environment)([], { autoescape: false, throwOnUndefined: false });
  environment.globals = {};
  const body = compile(spec.body, `template '${name}'`, environment, vars);
  const head =
    spec.header === undefined
      ? undefined
      : compile(spec.header, `template '${name}' header`, environment, vars);
  return () => new TemplateFormat(environment, body, head, vars);
}
