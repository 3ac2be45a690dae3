/**
 * A binary min-heap of scheduled entries ordered by (time, priority, insertion order): two entries at the
 * same time and priority come out in the order they went in, so a run never depends on the heap's layout.
 *
 * The keys live in typed arrays beside the items, not in an object per entry: a queue of a million entries
 * is then a few flat arrays the collector never walks, and a sift compares numbers without loading objects.
 * `peek`, `pop` and `entries` still hand out `Scheduled` objects, made when asked for; hot loops read the
 * top with `topTime`/`topPriority` and take it with `popItem`.
 */
export interface Scheduled<T> {
  readonly time: number;
  readonly priority: number;
  /** Insertion number, assigned by the queue. */
  readonly seq: number;
  readonly item: T;
}

const INITIAL = 64;

/** Whether keys a come out before keys b: by time, then priority, then insertion. */
const precedes = (ta: number, pa: number, sa: number, tb: number, pb: number, sb: number): boolean =>
  ta !== tb ? ta < tb : pa !== pb ? pa < pb : sa < sb;

export class EventQueue<T> {
  private times = new Float64Array(INITIAL);
  private priorities = new Float64Array(INITIAL);
  /** insertion numbers; a double holds them exactly well past any run's count */
  private seqs = new Float64Array(INITIAL);
  private items: (T | undefined)[] = [];
  private length = 0;
  private nextSeq = 0;

  get size(): number {
    return this.length;
  }

  /** Time of the first entry (Infinity when empty). */
  get topTime(): number {
    return this.length > 0 ? (this.times[0] as number) : Infinity;
  }

  /** Priority of the first entry (Infinity when empty). */
  get topPriority(): number {
    return this.length > 0 ? (this.priorities[0] as number) : Infinity;
  }

  push(time: number, priority: number, item: T): void {
    const seq = this.nextSeq++;
    if (this.length === this.times.length) this.grow();
    const times = this.times;
    const priorities = this.priorities;
    const seqs = this.seqs;
    const items = this.items;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (!precedes(time, priority, seq, pt, priorities[parent] as number, seqs[parent] as number)) break;
      times[i] = pt;
      priorities[i] = priorities[parent] as number;
      seqs[i] = seqs[parent] as number;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    priorities[i] = priority;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Every entry, in no particular order (for saving a queue's contents). */
  entries(): readonly Scheduled<T>[] {
    const out: Scheduled<T>[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.at(i));
    return out;
  }

  peek(): Scheduled<T> | undefined {
    return this.length > 0 ? this.at(0) : undefined;
  }

  pop(): Scheduled<T> | undefined {
    if (this.length === 0) return undefined;
    const top = this.at(0);
    this.removeTop();
    return top;
  }

  /** Takes the first entry and returns its item (undefined when empty); read its keys first with topTime/topPriority. */
  popItem(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[0];
    this.removeTop();
    return item;
  }

  private at(i: number): Scheduled<T> {
    return {
      time: this.times[i] as number,
      priority: this.priorities[i] as number,
      seq: this.seqs[i] as number,
      item: this.items[i] as T,
    };
  }

  /** Moves the last entry to the root and sifts it down. */
  private removeTop(): void {
    const n = --this.length;
    const times = this.times;
    const priorities = this.priorities;
    const seqs = this.seqs;
    const items = this.items;
    const time = times[n] as number;
    const priority = priorities[n] as number;
    const seq = seqs[n] as number;
    const item = items[n];
    items[n] = undefined; // let the collector have it
    if (n === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.before(right, child)) child = right;
      const ct = times[child] as number;
      const cp = priorities[child] as number;
      if (!precedes(ct, cp, seqs[child] as number, time, priority, seq)) break;
      times[i] = ct;
      priorities[i] = cp;
      seqs[i] = seqs[child] as number;
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    priorities[i] = priority;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Whether entry a comes out before entry b. */
  private before(a: number, b: number): boolean {
    const { times, priorities, seqs } = this;
    return precedes(
      times[a] as number,
      priorities[a] as number,
      seqs[a] as number,
      times[b] as number,
      priorities[b] as number,
      seqs[b] as number,
    );
  }

  private grow(): void {
    const size = 2 * this.times.length;
    const widen = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.times = widen(this.times);
    this.priorities = widen(this.priorities);
    this.seqs = widen(this.seqs);
  }
}
