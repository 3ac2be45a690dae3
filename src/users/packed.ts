/**
 * A session's records, packed into typed arrays. A session runs for hours of simulated time, and 100,000 users
 * hold millions of records waiting to be due: as objects (a header, ten fields, a boxed time) each costs well
 * over 100 bytes and lives long enough to be promoted and marked again and again; packed, about 30 bytes.
 * A record is made again as an object only when it is written.
 */
import { flat, type PropsRecipe, type SessionRecord, SessionCatalog, SessionLog } from './builder';
import { LongTexts, MOVED } from './long-texts';
import { SharedProps } from './shared-props';

/** What a record shares with many others: its type, block and online flag, or a catalog row's subject. */
export interface Kind {
  /** its index among all kinds (writers keep what they make of a kind by it) */
  readonly no: number;
  readonly type: string;
  readonly block: string;
  readonly ol: boolean;
  /** a catalog row, of this subject */
  readonly catalog: boolean;
  readonly subject: string;
}

/** Every kind seen in the process (a few dozen at most: types x blocks x online, and catalog subjects). */
const kinds: Kind[] = [];
/** log kinds by type, then block: [offline, online] */
const logKinds = new Map<string, Map<string, [number, number]>>();
const catalogKinds = new Map<string, number>();

/** Looked up per record packed, so without building a key text. */
function logKind(type: string, block: string, ol: boolean): number {
  let byBlock = logKinds.get(type);
  if (!byBlock) logKinds.set(type, (byBlock = new Map()));
  let pair = byBlock.get(block);
  if (!pair) {
    pair = [
      kinds.push({ no: kinds.length, type, block, ol: false, catalog: false, subject: '' }) - 1,
      kinds.push({ no: kinds.length, type, block, ol: true, catalog: false, subject: '' }) - 1,
    ];
    byBlock.set(block, pair);
  }
  return pair[ol ? 1 : 0];
}

/** The kind of log records of this type, block and online flag (records that are not packed use it too). */
export function logKindOf(type: string, block: string, ol: boolean): Kind {
  return kinds[logKind(type, block, ol)] as Kind;
}

function catalogKind(subject: string): number {
  let k = catalogKinds.get(subject);
  if (k === undefined) {
    k = kinds.push({ no: kinds.length, type: '', block: '', ol: false, catalog: true, subject }) - 1;
    catalogKinds.set(subject, k);
  }
  return k;
}

export class PackedRecords {
  readonly length: number;
  private readonly times: Float64Array;
  /** up, dn and the id's number, three per record */
  private readonly numbers: Int32Array;
  private readonly kindOf: Uint16Array;
  /** index into `keys` (a session writes under its key and the frame's and background's) */
  private readonly keyOf: Uint8Array;
  private readonly keys: string[] = [];
  /** props (log) or data (catalog), shared with other records where the models share them, or made when written */
  private readonly texts: (string | SharedProps | PropsRecipe)[];
  /** the long texts (MOVED in `texts`), as bytes */
  private readonly long: LongTexts | null;
  private readonly user: number;
  /** records that are not a session's own (none today): kept whole */
  private readonly loose = new Map<number, SessionRecord>();

  constructor(records: readonly SessionRecord[], user: number) {
    const n = records.length;
    this.length = n;
    this.user = user;
    this.times = new Float64Array(n);
    this.numbers = new Int32Array(3 * n);
    this.kindOf = new Uint16Array(n);
    this.keyOf = new Uint8Array(n);
    this.texts = new Array<string | SharedProps | PropsRecipe>(n);
    for (let i = 0; i < n; i++) {
      const r = records[i] as SessionRecord;
      this.times[i] = r.ts;
      if (r instanceof SessionLog && r.user === user) {
        this.kindOf[i] = logKind(r.type, r.block, r.ol);
        this.keyOf[i] = this.keyIndex(r.key);
        this.texts[i] = r.shared ?? r.recipe ?? flat(r.props);
        this.numbers[3 * i] = r.up;
        this.numbers[3 * i + 1] = r.dn;
        this.numbers[3 * i + 2] = r.n;
      } else if (r instanceof SessionCatalog) {
        this.kindOf[i] = catalogKind(r.subject);
        this.keyOf[i] = this.keyIndex(r.key);
        this.texts[i] = r.shared ?? flat(r.data);
        this.numbers[3 * i + 2] = r.n;
      } else {
        this.texts[i] = '';
        this.loose.set(i, r);
      }
    }
    this.long = LongTexts.take(this.texts);
  }

  private keyIndex(key: string): number {
    let k = this.keys.indexOf(key);
    if (k < 0) k = this.keys.push(key) - 1;
    if (k > 255) throw new Error('a session writes under at most 256 keys');
    return k;
  }

  /** The time of record i (epoch µs). */
  time(i: number): number {
    return this.times[i] as number;
  }

  /**
   * The kind of record i when it is a log record of the session's user, for a writer that reads its fields
   * here (no object per record); undefined for the others, which go through `record`.
   */
  logKind(i: number): Kind | undefined {
    if (this.loose.size !== 0 && this.loose.has(i)) return undefined;
    const kind = kinds[this.kindOf[i] as number] as Kind;
    return kind.catalog ? undefined : kind;
  }

  up(i: number): number {
    return this.numbers[3 * i] as number;
  }

  dn(i: number): number {
    return this.numbers[3 * i + 1] as number;
  }

  /** Record i's props (log) or data (catalog). */
  text(i: number): string | SharedProps {
    const text = this.texts[i] as string | SharedProps | PropsRecipe;
    if (typeof text === 'string') return text === MOVED ? (this.long as LongTexts).text(i) : text;
    return text instanceof SharedProps ? text : text.text();
  }

  /** The long texts that hold record i's text as bytes, or null when its text is here (`text`). */
  longTexts(i: number): LongTexts | null {
    return this.texts[i] === MOVED ? this.long : null;
  }

  /** Record i is written: its text is let go (the session holds the records after it until it ends). */
  release(i: number): void {
    this.texts[i] = '';
  }

  /** Record i as an object, as the session drew it. */
  record(i: number): SessionRecord {
    const loose = this.loose.size === 0 ? undefined : this.loose.get(i);
    if (loose !== undefined) return loose;
    const kind = kinds[this.kindOf[i] as number] as Kind;
    const key = this.keys[this.keyOf[i] as number] as string;
    const nums = this.numbers;
    const text = this.text(i);
    const shared = typeof text === 'string' ? undefined : text;
    if (kind.catalog)
      return new SessionCatalog(
        this.times[i] as number,
        kind.subject,
        shared ? shared.text : (text as string),
        key,
        nums[3 * i + 2] as number,
        shared,
      );
    return new SessionLog(
      this.times[i] as number,
      kind.type,
      kind.block,
      shared ? shared.text : (text as string),
      kind.ol,
      this.user,
      nums[3 * i] as number,
      nums[3 * i + 1] as number,
      key,
      nums[3 * i + 2] as number,
      shared,
    );
  }
}
