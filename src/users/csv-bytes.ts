/**
 * The csv lines of records.ts (logCsv, catalogCsv) formatted straight into a reused byte buffer: no line
 * string, no escaped copy of the JSON, no batch string. The bytes are the same as those functions' UTF-8.
 * Fixed ASCII (types, blocks, subject types, digits, the time) is copied byte by byte; text that comes from a
 * config or a draw (user ids, JSON) goes through `utf8Write`.
 */
import { type Kind, logKindOf, type PackedRecords } from './packed';
import type { CatalogRecord, LogRecord } from './records';
import { SharedProps } from './shared-props';
import { LongTexts } from './long-texts';
import { ascii, writeInt } from '../util/digits';
import { takeSlab } from '../records/sinks/slabs';
import type { UserState } from './user';

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const ZERO = 48;
const COLON = 58;
const DOT = 46;
const IP = ',0.0.0.0,';

/** Node's own encoders (Buffer.prototype, not in @types/node): `write` without its argument checks. */
type Bytes = Buffer & {
  utf8Write(text: string, offset: number): number;
  latin1Write(text: string, offset: number): number;
};
const allocate = (size: number): Bytes => Buffer.allocUnsafe(size) as Bytes;
const slab = (size: number): Bytes => takeSlab(size) as Bytes;

/** A log kind's fixed columns as bytes: `True,` or `False,`; `,type,0.0.0.0,`; `,block,`. */
interface KindBytes {
  readonly ol: Uint8Array;
  readonly type: Uint8Array;
  readonly block: Uint8Array;
}

function kindBytes(type: string, block: string, ol: boolean): KindBytes {
  return {
    ol: Buffer.from(ol ? 'True,' : 'False,', 'latin1'),
    type: Buffer.from(`,${type}${IP}`, 'latin1'),
    block: Buffer.from(`,${block},`, 'latin1'),
  };
}

export class CsvBytes {
  buf: Bytes;
  /** bytes in use */
  length = 0;
  private day = Number.NaN;
  /** `YYYY-MM-DDT` of `day` */
  private dayText = '';
  /** the second of `secondBytes` */
  private second = Number.NaN;
  /** `YYYY-MM-DDTHH:MM:SS.` of `second` (records come in time order: a few lines share it) */
  private readonly secondBytes = new Uint8Array(20);
  /**
   * Per user number: `u_id,d_id,android,` as bytes. Fixed parts of a line are copied with one `set` each: on
   * this kind of machine a JS loop costs about 5 ns a byte, a copy under 30 ns.
   */
  private readonly prefixes: Uint8Array[] = [];
  /** per kind number (packed.ts numbers the kinds of every log record) */
  private readonly kinds: KindBytes[] = [];

  constructor(private readonly capacity: number) {
    this.buf = slab(capacity);
  }

  /** Begins again in another buffer: the bytes so far were handed over for good (a sink writes them). */
  renew(): void {
    this.buf = slab(this.capacity);
    this.length = 0;
  }

  /** `u_id,d_id,os,ol,ts,type,ip,up,dn,block,props` + CRLF, as logCsv. */
  log(r: LogRecord, user: UserState): void {
    const kind = this.kindBytes(logKindOf(r.type, r.block, r.ol));
    this.line(user, kind, r.ts, r.up, r.dn, r.shared ?? r.props);
  }

  /** `log` of a session's record i, read from the packed arrays. */
  logPacked(records: PackedRecords, i: number, kind: Kind, user: UserState): void {
    const bytes = this.kindBytes(kind);
    const long = records.longTexts(i);
    if (long === null) this.line(user, bytes, records.time(i), records.up(i), records.dn(i), records.text(i));
    else this.line(user, bytes, records.time(i), records.up(i), records.dn(i), long, long.numberOf(i));
  }

  private kindBytes(kind: Kind): KindBytes {
    return (this.kinds[kind.no] ??= kindBytes(kind.type, kind.block, kind.ol));
  }

  private line(
    user: UserState,
    kind: KindBytes,
    ts: number,
    up: number,
    dn: number,
    props: string | SharedProps | LongTexts,
    /** a long text's number */
    k = 0,
  ): void {
    const prefix = (this.prefixes[user.no] ??= Buffer.from(`${user.id},${user.did},android,`, 'utf8'));
    // A field takes at most 6 bytes per character (3 of UTF-8, doubled quotes); a long text, ASCII, 2 a byte.
    const field =
      typeof props === 'string'
        ? 6 * props.length
        : props instanceof SharedProps
          ? props.csv.length
          : 2 * ((props.starts[k + 1] as number) - (props.starts[k] as number)) + 2;
    this.reserve(prefix.length + kind.type.length + kind.block.length + field + 64);
    const buf = this.buf;
    let pos = this.length;
    buf.set(prefix, pos);
    pos += prefix.length;
    buf.set(kind.ol, pos);
    pos += kind.ol.length;
    pos = this.time(pos, ts);
    buf.set(kind.type, pos);
    pos += kind.type.length;
    pos = writeInt(buf, pos, up);
    buf[pos++] = COMMA;
    pos = writeInt(buf, pos, dn);
    buf.set(kind.block, pos);
    pos += kind.block.length;
    pos =
      props instanceof LongTexts
        ? this.copyField(pos, props.bytes, props.starts[k] as number, props.starts[k + 1] as number)
        : this.text(pos, props);
    buf[pos++] = CR;
    buf[pos++] = LF;
    this.length = pos;
  }

  /** `ts,subject_type,data` + CRLF, as catalogCsv. */
  catalog(r: CatalogRecord): void {
    this.reserve(3 * r.subject.length + 6 * r.data.length + 64);
    const buf = this.buf;
    let pos = this.time(this.length, r.ts);
    buf[pos++] = COMMA;
    pos += buf.utf8Write(r.subject, pos);
    buf[pos++] = COMMA;
    pos = this.text(pos, r.shared ?? r.data);
    buf[pos++] = CR;
    buf[pos++] = LF;
    this.length = pos;
  }

  /**
   * `2020-01-01T00:00:00.000000Z` (isoMicros): the date and clock are made once per second (no Date or string
   * per record), the microseconds are written as digits.
   */
  private time(pos: number, us: number): number {
    const second = Math.floor(us / 1e6);
    if (second !== this.second) this.setSecond(second);
    const buf = this.buf;
    buf.set(this.secondBytes, pos);
    pos += 20;
    let frac = us - second * 1e6;
    for (let i = 5; i >= 0; i--) {
      const tenth = Math.floor(frac / 10);
      buf[pos + i] = ZERO + frac - 10 * tenth;
      frac = tenth;
    }
    pos += 6;
    buf[pos++] = 90; // Z
    return pos;
  }

  /** `secondBytes` for `second`; the date's text is kept per UTC day. */
  private setSecond(second: number): void {
    this.second = second;
    const day = Math.floor(second / 86400);
    if (day !== this.day) {
      this.day = day;
      this.dayText = new Date(day * 86400000).toISOString().slice(0, 11);
    }
    const bytes = this.secondBytes;
    let pos = ascii(bytes, 0, this.dayText);
    const clock = second - day * 86400;
    const hour = Math.floor(clock / 3600);
    const minute = Math.floor(clock / 60) - hour * 60;
    pos = twoDigits(bytes, pos, hour);
    bytes[pos++] = COLON;
    pos = twoDigits(bytes, pos, minute);
    bytes[pos++] = COLON;
    pos = twoDigits(bytes, pos, clock - hour * 3600 - minute * 60);
    bytes[pos] = DOT;
  }

  /** A props or data field: a shared text's csv bytes copied whole, any other text escaped here. */
  private text(pos: number, text: string | SharedProps): number {
    if (typeof text === 'string') return this.field(pos, text);
    this.buf.set(text.csv, pos);
    return pos + text.csv.length;
  }

  /**
   * Python csv's QUOTE_MINIMAL (csvField). Node encodes the text at once, ahead of where the field goes; one
   * pass then copies it into place after an opening quote, doubling quotes on the way. A props JSON always
   * has quotes, so this is the common case; a field with none is shifted back over the quote, and quoted only
   * when it holds a comma or a line break. One pass over bytes, not two (count, then spread backwards).
   */
  private field(start: number, text: string): number {
    const buf = this.buf;
    // At most 3 bytes per character: the copy, which writes at most one doubled quote per byte read, never
    // reaches bytes it has yet to read (line() reserves 6 bytes per character).
    const from = start + 1 + 3 * text.length;
    return this.copyField(start, buf, from, from + buf.utf8Write(text, from));
  }

  /**
   * `src` from `from` to `end` as a csv field at `start`: copied after an opening quote with quotes doubled,
   * then closed; or, with no quote, comma or line break in it, shifted back over the opening quote.
   */
  private copyField(start: number, src: Uint8Array, from: number, end: number): number {
    const buf = this.buf;
    let w = start + 1;
    for (let r = from; r < end; r++) {
      const c = src[r] as number;
      buf[w++] = c;
      if (c === QUOTE) buf[w++] = QUOTE;
    }
    if (w - (start + 1) === end - from) {
      let special = false;
      for (let r = start + 1; r < w && !special; r++) {
        const c = buf[r] as number;
        special = c === COMMA || c === LF || c === CR;
      }
      if (!special) {
        buf.copyWithin(start, start + 1, w);
        return w - 1;
      }
    }
    buf[start] = QUOTE;
    buf[w++] = QUOTE;
    return w;
  }

  /** Room for `bytes` more (a line longer than the buffer grows it). */
  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buf.length) return;
    const grown = allocate(Math.max(2 * this.buf.length, this.length + bytes));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }
}

/** 0 <= n < 100 as two digits. */
function twoDigits(buf: Uint8Array, pos: number, n: number): number {
  const tens = Math.floor(n / 10);
  buf[pos] = ZERO + tens;
  buf[pos + 1] = ZERO + n - 10 * tens;
  return pos + 2;
}
