/**
 * A drawn session's long texts (a cart's and a checkout's props: hundreds to thousands of characters, each
 * its own) kept as ASCII bytes in one buffer outside the JS heap until their records are written. At 100,000
 * users they are ~80 % of the text that running sessions hold (~175 MB): on the heap every full collection
 * marks them and the heap grows by a multiple of them; as bytes they cost their length once.
 */

/** Shorter texts stay strings: most are shared between records and sessions (items, modules, the frame). */
export const LONG_TEXT = 256;

/** What stands in a record's text slot once its text has moved here. */
export const MOVED = '\u0000moved';

export class LongTexts {
  private constructor(
    /** the records whose text moved, ascending */
    private readonly records: Uint32Array,
    /** per such record, its text's number */
    private readonly which: Uint32Array,
    /** per text, where it starts in `bytes` (and one more: the end of the last) */
    readonly starts: Uint32Array,
    /** the texts' ASCII, one after another (a csv writer copies from here: no string made per record) */
    readonly bytes: Buffer,
  ) {}

  /** Moves the long ASCII texts out of `texts` (MOVED in their place); null when there are none. */
  static take(texts: (string | object)[]): LongTexts | null {
    const numbers = new Map<string, number>();
    const unique: string[] = [];
    const records: number[] = [];
    const which: number[] = [];
    let size = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      // Shared texts and recipes (objects) stay where they are. One byte per character only for ASCII: any other character takes two or more in UTF-8.
      if (typeof text !== 'string' || text.length < LONG_TEXT || Buffer.byteLength(text) !== text.length)
        continue;
      let k = numbers.get(text);
      if (k === undefined) {
        k = unique.push(text) - 1;
        numbers.set(text, k);
        size += text.length;
      }
      records.push(i);
      which.push(k);
      texts[i] = MOVED;
    }
    if (records.length === 0) return null;
    // Its own memory, not a slice of Node's shared pool: a slice would keep the whole pool alive.
    const bytes = Buffer.allocUnsafeSlow(size);
    const starts = new Uint32Array(unique.length + 1);
    let at = 0;
    unique.forEach((text, k) => {
      starts[k] = at;
      at += bytes.write(text, at, 'latin1');
    });
    starts[unique.length] = at;
    return new LongTexts(Uint32Array.from(records), Uint32Array.from(which), starts, bytes);
  }

  /** The text of record i (one whose slot holds MOVED). */
  text(i: number): string {
    const k = this.numberOf(i);
    return this.bytes.toString('latin1', this.starts[k], this.starts[k + 1]);
  }

  /** The number of record i's text (its bytes are `bytes` from `starts[k]` to `starts[k + 1]`). */
  numberOf(i: number): number {
    const records = this.records;
    let lo = 0;
    let hi = records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((records[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    return this.which[lo] as number;
  }
}
