/**
 * One field's encoded long strings, kept while they repeat (an enum's URLs, user agents): a repeated value
 * is one lookup and a block copy instead of encoding it again. A field whose values rarely repeat (random
 * strings) stops being cached after a trial, and what is kept is bounded in entries and bytes, so values
 * that never repeat cannot fill the memory.
 */

/** Lookups after which a field whose values hit less than half the time stops being cached. */
const TRIAL = 2000;
const MAX_ENTRIES = 10_000;
const MAX_BYTES = 1 << 20;

export class RepeatCache<V extends { readonly length: number }> {
  private values: Map<string, V> | undefined = new Map();
  private lookups = 0;
  private hits = 0;
  private bytes = 0;

  /** Whether values are still being kept (false once the trial showed they rarely repeat). */
  get active(): boolean {
    return this.values !== undefined;
  }

  /** The value kept for `text`, if any, without counting a lookup (see hit). */
  find(text: string): V | undefined {
    return this.values?.get(text);
  }

  /** Counts a lookup that `find` answered and the caller used. */
  hit(): void {
    this.lookups++;
    this.hits++;
  }

  /**
   * `text` encoded: kept from before, or made by `encode` and kept while the trial and the bounds allow;
   * undefined once the field stopped being cached (the caller encodes it its own way).
   */
  through(text: string, encode: (text: string) => V): V | undefined {
    const values = this.values;
    if (values === undefined) return undefined;
    this.lookups++;
    let value = values.get(text);
    if (value !== undefined) {
      this.hits++;
      return value;
    }
    value = encode(text);
    if (this.lookups >= TRIAL && this.hits < TRIAL / 2) this.values = undefined;
    else if (values.size < MAX_ENTRIES && this.bytes + value.length <= MAX_BYTES) {
      values.set(text, value);
      this.bytes += value.length;
    }
    return value;
  }
}
