/**
 * A binary min-heap of scheduled entries ordered by (time, priority, insertion order): two entries at the
 * same time and priority come out in the order they went in, so a run never depends on the heap's layout.
 */
export interface Scheduled<T> {
  readonly time: number;
  readonly priority: number;
  /** Insertion number, assigned by the queue. */
  readonly seq: number;
  readonly item: T;
}

const before = <T>(a: Scheduled<T>, b: Scheduled<T>): boolean =>
  a.time !== b.time ? a.time < b.time : a.priority !== b.priority ? a.priority < b.priority : a.seq < b.seq;

export class EventQueue<T> {
  private readonly heap: Scheduled<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, priority: number, item: T): void {
    const entry: Scheduled<T> = { time, priority, seq: this.nextSeq++, item };
    const heap = this.heap;
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Scheduled<T>;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Every entry, in no particular order (for saving a queue's contents). */
  entries(): readonly Scheduled<T>[] {
    return this.heap;
  }

  /** Time of the first entry (Infinity when empty): with popItem, a loop reads and takes without a new object. */
  get topTime(): number {
    return this.heap.length > 0 ? (this.heap[0] as Scheduled<T>).time : Infinity;
  }

  /** Priority of the first entry (Infinity when empty). */
  get topPriority(): number {
    return this.heap.length > 0 ? (this.heap[0] as Scheduled<T>).priority : Infinity;
  }

  /** Takes the first entry and returns its item (undefined when empty). */
  popItem(): T | undefined {
    return this.pop()?.item;
  }

  peek(): Scheduled<T> | undefined {
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && before(heap[right] as Scheduled<T>, heap[left] as Scheduled<T>) ? right : left;
      const c = heap[child] as Scheduled<T>;
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
