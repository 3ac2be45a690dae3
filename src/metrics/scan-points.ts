/**
 * Reads a series' list of points straight from the file's bytes into columns, with no object per point. Only
 * the plain `json` format is read so: `[[t, v], ...]` with whole-number-or-float times in increasing order
 * and values numbers or objects of numbers. Anything else (another format, a point out of order, a malformed
 * byte) throws NotPlain, and the caller reads the file the ordinary way, which sorts, checks and words errors.
 */
import { ColumnsBuilder, type SeriesColumns } from './columns';

export class NotPlain extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
/** An array index as a key: JSON.parse would order it before the others, so such dicts take the slow path. */
const INDEX_LIKE = /^(?:0|[1-9]\d*)$/;

const notPlain = (why: string): never => {
  throw new NotPlain(why);
};

/** The points of the list spanning bytes [start, end), as columns. */
export function scanPoints(b: Buffer, start: number, end: number): SeriesColumns {
  return new PointScanner(b, end).list(start);
}

class PointScanner {
  private i = 0;
  private readonly builder: ColumnsBuilder;
  /** Dict keys seen, as their raw bytes, with their index in the builder: most keys repeat every point. */
  private readonly seenKeys: Array<{ raw: Buffer; index: number }> = [];

  constructor(
    private readonly b: Buffer,
    private readonly end: number,
  ) {
    this.builder = new ColumnsBuilder(1024);
  }

  list(start: number): SeriesColumns {
    this.i = start;
    this.expect(OPEN_LIST);
    if (this.peek() === CLOSE_LIST) {
      this.i++;
    } else {
      for (;;) {
        this.point();
        const c = this.peek();
        this.i++;
        if (c === CLOSE_LIST) break;
        if (c !== COMMA) notPlain('a comma is missing');
      }
    }
    if (this.skipSpace() !== this.end) notPlain('data after the list');
    return this.builder.finish();
  }

  private point(): void {
    this.expect(OPEN_LIST);
    this.skipSpace();
    const t = this.number();
    if (!Number.isFinite(t)) notPlain('a time out of range');
    if (!(t > this.builder.lastTime())) notPlain('out of time order');
    this.expect(COMMA);
    if (this.peek() === OPEN_OBJECT) this.dict(t);
    else this.builder.addNumber(t, this.number());
    this.expect(CLOSE_LIST);
  }

  private dict(t: number): void {
    const builder = this.builder;
    this.i++;
    builder.startDict(t);
    if (this.peek() === CLOSE_OBJECT) this.i++;
    else {
      for (;;) {
        this.skipSpace();
        const k = this.key();
        this.expect(COLON);
        this.skipSpace();
        if (!builder.addEntry(k, this.number())) notPlain('a key twice in one point');
        const c = this.peek();
        this.i++;
        if (c === CLOSE_OBJECT) break;
        if (c !== COMMA) notPlain('a comma is missing');
      }
    }
    builder.endDict();
  }

  /** The builder's index of the key at i (a string), known by its bytes when seen before. */
  private key(): number {
    const b = this.b;
    const start = this.i;
    if (b[start] !== QUOTE) notPlain('a key is missing');
    let j = start + 1;
    let escaped = false;
    for (; j < this.end && b[j] !== QUOTE; j++) {
      if ((b[j] as number) < 0x20) notPlain('a control character in a key');
      if (b[j] === BACKSLASH) {
        escaped = true;
        j++;
      }
    }
    if (j >= this.end) notPlain('unterminated key');
    this.i = j + 1;
    const length = j + 1 - start;
    for (const seen of this.seenKeys) {
      if (seen.raw.length === length && b.compare(seen.raw, 0, length, start, j + 1) === 0) return seen.index;
    }
    const text = b.toString('utf8', start, j + 1);
    const key = escaped ? (JSON.parse(text) as string) : text.slice(1, -1);
    if (INDEX_LIKE.test(key)) notPlain('a key JSON.parse would put first');
    const index = this.builder.keyIndex(key);
    this.seenKeys.push({ raw: Buffer.from(b.subarray(start, j + 1)), index });
    return index;
  }

  /** A JSON number at i. Whole numbers of up to 15 digits are summed here; others go to Number(). */
  private number(): number {
    const b = this.b;
    const start = this.i;
    let j = start;
    const negative = b[j] === MINUS;
    if (negative) j++;
    const digitsFrom = j;
    let whole = 0;
    while (j < this.end && (b[j] as number) >= ZERO && (b[j] as number) <= NINE) {
      whole = whole * 10 + ((b[j] as number) - ZERO);
      j++;
    }
    const digits = j - digitsFrom;
    if (digits === 0 || (digits > 1 && b[digitsFrom] === ZERO)) notPlain('not a number');
    let plainInteger = true;
    if (b[j] === DOT) {
      plainInteger = false;
      j = this.digits(j + 1);
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      plainInteger = false;
      j++;
      if (b[j] === PLUS || b[j] === MINUS) j++;
      j = this.digits(j);
    }
    this.i = j;
    if (plainInteger && digits <= 15) return negative ? -whole : whole;
    return Number(b.toString('latin1', start, j));
  }

  /** The end of one or more digits from j. */
  private digits(j: number): number {
    const from = j;
    while (j < this.end && (this.b[j] as number) >= ZERO && (this.b[j] as number) <= NINE) j++;
    if (j === from) notPlain('not a number');
    return j;
  }

  private expect(c: number): void {
    if (this.peek() !== c) notPlain(`expected '${String.fromCharCode(c)}'`);
    this.i++;
  }

  /** The next byte that is not a space (i is moved onto it). */
  private peek(): number | undefined {
    const i = this.skipSpace();
    return i < this.end ? this.b[i] : undefined;
  }

  private skipSpace(): number {
    const b = this.b;
    let i = this.i;
    while (i < this.end) {
      const c = b[i];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      i++;
    }
    this.i = i;
    return i;
  }
}
