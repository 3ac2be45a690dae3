/**
 * Collects the records of one session in time order, and the later records it causes (payments, deliveries,
 * ratings). Ids are (user, day, session, n): the same in every run, and after a resume.
 */
import type { Rng } from '../random/rng';
import type { CatalogItem } from './catalog';
import type { CatalogRecord, LogRecord } from './records';
import { SharedProps } from './shared-props';
import type { UserState } from './user';
import { US } from './user';

export type SessionRecord = LogRecord | CatalogRecord;

/**
 * A props text made when it is written, from parts the session shares (a cart's and a checkout's: hundreds to
 * thousands of characters, each its own). A 100,000-user day holds ~200 MB of such texts in running sessions
 * as text; as recipes, a few dozen bytes each.
 */
export interface PropsRecipe {
  text(): string;
}

/**
 * The text as one piece: JSON.stringify and templates build a string as a tree of short parts (a 150-character
 * props text is a few of them, well over its own length in bytes). Reading a character joins the tree, and
 * the garbage collector then drops the tree for the joined text.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

export const isLog = (r: SessionRecord): r is LogRecord => (r as LogRecord).type !== undefined;

/**
 * A log record of a session. Its id is made when asked for (ndjson, http, a checkpoint), not per record:
 * csv never reads it, and a session holds its records until they are due.
 */
export class SessionLog implements LogRecord {
  constructor(
    readonly ts: number,
    readonly type: string,
    readonly block: string,
    readonly props: string,
    readonly ol: boolean,
    readonly user: number,
    readonly up: number,
    readonly dn: number,
    readonly key: string,
    /** n >= 0: `<key>-<n>`; a later record's m as -1 - m: `<key>-d<m>` */
    readonly n: number,
    /** `props` when many records share it, with its csv bytes */
    readonly shared: SharedProps | undefined = undefined,
    /** how to make `props` (then '' until the session is packed: packed.ts keeps the recipe, not the text) */
    readonly recipe: PropsRecipe | undefined = undefined,
  ) {}

  get id(): string {
    return this.n >= 0 ? `${this.key}-${this.n}` : `${this.key}-d${-1 - this.n}`;
  }
}

/** A catalog record of a session (an item the user sees for the first time); its id `<key>-<n>` made when asked for. */
export class SessionCatalog implements CatalogRecord {
  constructor(
    readonly ts: number,
    readonly subject: string,
    readonly data: string,
    readonly key: string,
    readonly n: number,
    /** `data` with its csv bytes (a shop item's row is written again at every purchase of it) */
    readonly shared: SharedProps | undefined = undefined,
  ) {}

  get id(): string {
    return `${this.key}-${this.n}`;
  }
}

/** A record as plain data, id included (for JSON: a SessionLog's id is a getter). */
export function plainRecord(r: SessionRecord): SessionRecord {
  if (r instanceof SessionCatalog) return { ts: r.ts, subject: r.subject, data: r.data, id: r.id };
  if (!(r instanceof SessionLog)) return r;
  const { ts, type, block, ol, id, user, up, dn } = r;
  return { ts, type, block, props: r.recipe ? r.recipe.text() : r.props, ol, id, user, up, dn };
}

/** A catalog item's row data with its csv bytes, made at its first row. */
const catalogData = new WeakMap<CatalogItem, SharedProps>();

export class SessionBuilder {
  /** now, epoch µs */
  t: number;
  readonly records: SessionRecord[] = [];
  readonly later: LogRecord[] = [];
  private n = 0;
  private m = 0;

  constructor(
    readonly rng: Rng,
    readonly user: UserState,
    readonly key: string,
    readonly ol: boolean,
    start: number,
  ) {
    this.t = start;
  }

  /** Moves time on by `seconds` (fractions kept to the microsecond). */
  wait(seconds: number): void {
    this.t += Math.round(seconds * US);
  }

  log(type: string, block: string, props: unknown, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, JSON.stringify(props), ol, this.n++));
  }

  /** `log` with the props already as JSON text (hot records build it from cached parts). */
  logJson(type: string, block: string, props: string, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, props, ol, this.n++));
  }

  /** `logJson` with a text many records share (its csv bytes go with it). */
  logShared(type: string, block: string, props: SharedProps, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, props.text, ol, this.n++, props));
  }

  /** A record whose props are made only when written (see PropsRecipe). */
  logRecipe(type: string, block: string, recipe: PropsRecipe, ol = this.ol): void {
    this.records.push(this.make(this.t, type, block, '', ol, this.n++, undefined, recipe));
  }

  catalog(item: CatalogItem): void {
    let data = catalogData.get(item);
    if (!data) catalogData.set(item, (data = new SharedProps(item.data)));
    this.records.push(new SessionCatalog(this.t, item.subject, item.data, this.key, this.n++, data));
  }

  /** A record at `ts`, after the session (a payment, a delivery, a rating). */
  schedule(ts: number, type: string, block: string, props: unknown, ol = this.ol): void {
    // Flat: a later record waits for hours or days, its text as a tree of parts would cost more.
    this.later.push(this.make(ts, type, block, flat(JSON.stringify(props)), ol, -1 - this.m++));
  }

  private make(
    ts: number,
    type: string,
    block: string,
    props: string,
    ol: boolean,
    n: number,
    shared?: SharedProps,
    recipe?: PropsRecipe,
  ): LogRecord {
    const rng = this.rng;
    const up = 1000 + rng.randbelow(99_000);
    const dn = 1000 + rng.randbelow(99_000);
    return new SessionLog(ts, type, block, props, ol, this.user.no, up, dn, this.key, n, shared, recipe);
  }
}
