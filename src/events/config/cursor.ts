/** A value inside a config together with its JSON path, so every check can name where it failed. */
import { didYouMean } from '../../util/nearest';
import { EventConfigError } from '../errors';

export class Cursor {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  fail(detail: string): never {
    throw new EventConfigError(this.file, this.path, detail);
  }

  /** The child at `key` (present or not). */
  at(key: string): Cursor {
    const path = /^[A-Za-z_][\w:-]*$/.test(key) ? key : JSON.stringify(key);
    return new Cursor(this.file, this.path === '' ? path : `${this.path}.${path}`, this.field(key));
  }

  has(key: string): boolean {
    return this.field(key) !== undefined;
  }

  private field(key: string): unknown {
    const obj = this.value;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
    return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
  }

  get absent(): boolean {
    return this.value === undefined;
  }

  /** The child at `key`, or undefined when the key is absent or null. */
  optional(key: string): Cursor | undefined {
    const child = this.at(key);
    return child.value === undefined || child.value === null ? undefined : child;
  }

  /** The child at `key`, which must be there. */
  required(key: string, what = 'is required'): Cursor {
    const child = this.at(key);
    if (child.value === undefined || child.value === null) child.fail(what);
    return child;
  }

  mapping(): Readonly<Record<string, unknown>> {
    const v = this.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      this.fail(`must be a mapping (got ${kind(v)})`);
    return v as Record<string, unknown>;
  }

  /** The items of a list, each with its path. */
  items(options: { nonEmpty?: boolean } = {}): Cursor[] {
    const v = this.value;
    if (!Array.isArray(v)) this.fail(`must be a list (got ${kind(v)})`);
    const list = v as readonly unknown[];
    if (options.nonEmpty && list.length === 0) this.fail('must not be empty');
    return list.map((item, i) => new Cursor(this.file, `${this.path}[${i}]`, item));
  }

  number(): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`must be a number (got ${kind(v)})`);
    return v as number;
  }

  integer(min = -Infinity): number {
    const n = this.number();
    if (!Number.isSafeInteger(n)) this.fail(`must be a whole number (got ${n})`);
    if (n < min) this.fail(`must be at least ${min} (got ${n})`);
    return n;
  }

  string(): string {
    const v = this.value;
    if (typeof v !== 'string') this.fail(`must be text (got ${kind(v)})`);
    return v as string;
  }

  /** A name among `choices` (case-insensitive), with a suggestion when it looks like a typo. */
  choice<T extends string>(choices: readonly T[], what: string): T {
    const raw = this.string();
    const found = choices.find((c) => c === raw.toLowerCase());
    if (found === undefined)
      this.fail(`unknown ${what} '${raw}'${didYouMean(raw, choices)} (known: ${choices.join(', ')})`);
    return found as T;
  }
}

export function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
