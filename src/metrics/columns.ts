/**
 * A series held as typed-array columns instead of one object per point: a year of minute points is half a
 * million points, and a Point with a Map of three markets costs some hundred bytes where columns cost 8 per
 * number. Times in one Float64Array; a point's value is a number or a dict, told apart by its shape.
 */
import type { DictValue, Point, PointValue } from './model';

/** The shape of a point whose value is a plain number (other shapes list dict keys). */
export const NUMBER_SHAPE = 0;

export interface ColumnsParts {
  readonly times: Float64Array;
  /** Each point's value when it is a number (0 where it is a dict). */
  readonly numbers: Float64Array;
  /** Per point, an index into `shapes`; undefined when every value is a number. */
  readonly shapeOf?: Uint32Array;
  /** Per shape, the indexes into `keys` of its dict's keys in the point's order; shape 0 is a number. */
  readonly shapes?: ReadonlyArray<readonly number[]>;
  /** Dict keys, in order of first appearance. */
  readonly keys?: readonly string[];
  /** Per key, its value at each point (0 where the point lacks it). */
  readonly keyValues?: readonly Float64Array[];
}

export class SeriesColumns {
  readonly times: Float64Array;
  readonly numbers: Float64Array;
  private readonly shapeOf: Uint32Array | undefined;
  private readonly shapes: ReadonlyArray<readonly number[]>;
  readonly keys: readonly string[];
  private readonly keyValues: readonly Float64Array[];

  constructor(parts: ColumnsParts) {
    this.times = parts.times;
    this.numbers = parts.numbers;
    this.shapeOf = parts.shapeOf;
    this.shapes = parts.shapes ?? [[]];
    this.keys = parts.keys ?? [];
    this.keyValues = parts.keyValues ?? [];
  }

  get length(): number {
    return this.times.length;
  }

  timeAt(i: number): number {
    return this.times[i] as number;
  }

  /** Whether point i's value is a number (else a dict). */
  isNumber(i: number): boolean {
    return this.shapeOf === undefined || this.shapeOf[i] === NUMBER_SHAPE;
  }

  /** Whether every value is a number: then `numbers` is the values column. */
  get allNumbers(): boolean {
    return this.shapeOf === undefined || this.shapeOf.every((s) => s === NUMBER_SHAPE);
  }

  /** The index of the first point that is a dict, or -1. */
  firstDict(): number {
    return this.shapeOf === undefined ? -1 : this.shapeOf.findIndex((s) => s !== NUMBER_SHAPE);
  }

  /** Calls `visit` for each key of point i's dict in the point's order (nothing for a number). */
  forEachEntry(i: number, visit: (key: string, value: number) => void): void {
    if (this.shapeOf === undefined) return;
    for (const k of this.shapes[this.shapeOf[i] as number] as readonly number[])
      visit(this.keys[k] as string, (this.keyValues[k] as Float64Array)[i] as number);
  }

  valueAt(i: number): PointValue {
    if (this.isNumber(i)) return this.numbers[i] as number;
    const dict = new Map<string, number>();
    this.forEachEntry(i, (key, value) => dict.set(key, value));
    return dict as DictValue;
  }

  /** The index of the first point after t (binary search). */
  firstAfter(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** As Point objects (for code that wants them; the simulator reads the columns). */
  toPoints(): Point[] {
    const out = new Array<Point>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { t: this.timeAt(i), value: this.valueAt(i) };
    return out;
  }

  /** From points sorted by time. */
  static fromPoints(points: readonly Point[]): SeriesColumns {
    const builder = new ColumnsBuilder(points.length);
    for (const p of points) {
      if (typeof p.value === 'number') builder.addNumber(p.t, p.value);
      else {
        builder.startDict(p.t);
        for (const [key, value] of p.value) builder.addEntry(builder.keyIndex(key), value);
        builder.endDict();
      }
    }
    return builder.finish();
  }
}

/** A node of the trie of dict shapes: the keys so far lead to it; `id` is the shape ending here. */
interface ShapeNode {
  id: number;
  readonly next: Map<number, ShapeNode>;
}

/**
 * Builds columns a point at a time, growing them as needed. Dict points: startDict, addEntry per key (a key
 * twice in one point is refused: the caller decides what that means), endDict.
 */
export class ColumnsBuilder {
  private n = 0;
  private capacity: number;
  private times: Float64Array;
  private numbers: Float64Array;
  private shapeOf: Uint32Array | undefined;
  private readonly shapes: number[][] = [[]];
  private readonly keys: string[] = [];
  private readonly keyIndexes = new Map<string, number>();
  private keyValues: Float64Array[] = [];
  private readonly root: ShapeNode = { id: -1, next: new Map() };
  private node: ShapeNode = this.root;
  private readonly inPoint: number[] = [];

  constructor(expected = 16) {
    this.capacity = Math.max(expected, 16);
    this.times = new Float64Array(this.capacity);
    this.numbers = new Float64Array(this.capacity);
  }

  get length(): number {
    return this.n;
  }

  lastTime(): number {
    return this.n === 0 ? -Infinity : (this.times[this.n - 1] as number);
  }

  addNumber(t: number, value: number): void {
    this.grow();
    this.times[this.n] = t;
    this.numbers[this.n] = value;
    this.n++;
  }

  /** The index of a dict key, added on first sight. */
  keyIndex(key: string): number {
    let k = this.keyIndexes.get(key);
    if (k === undefined) {
      k = this.keys.length;
      this.keys.push(key);
      this.keyIndexes.set(key, k);
      this.keyValues.push(new Float64Array(this.capacity));
    }
    return k;
  }

  startDict(t: number): void {
    this.grow();
    if (this.shapeOf === undefined) this.shapeOf = new Uint32Array(this.capacity);
    this.times[this.n] = t;
    this.node = this.root;
    this.inPoint.length = 0;
  }

  /** False when the key is in this point already. */
  addEntry(k: number, value: number): boolean {
    if (this.inPoint.includes(k)) return false;
    this.inPoint.push(k);
    (this.keyValues[k] as Float64Array)[this.n] = value;
    let child = this.node.next.get(k);
    if (!child) {
      child = { id: -1, next: new Map() };
      this.node.next.set(k, child);
    }
    this.node = child;
    return true;
  }

  endDict(): void {
    if (this.node.id < 0) {
      this.node.id = this.shapes.length;
      this.shapes.push([...this.inPoint]);
    }
    (this.shapeOf as Uint32Array)[this.n] = this.node.id;
    this.n++;
  }

  finish(): SeriesColumns {
    const n = this.n;
    const cut = (a: Float64Array): Float64Array => (a.length === n ? a : a.slice(0, n));
    return new SeriesColumns({
      times: cut(this.times),
      numbers: cut(this.numbers),
      ...(this.shapeOf && {
        shapeOf: this.shapeOf.length === n ? this.shapeOf : this.shapeOf.slice(0, n),
        shapes: this.shapes,
        keys: this.keys,
        keyValues: this.keyValues.map(cut),
      }),
    });
  }

  private grow(): void {
    if (this.n < this.capacity) return;
    this.capacity *= 2;
    const wider = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(this.capacity);
      b.set(a);
      return b;
    };
    this.times = wider(this.times, (c) => new Float64Array(c));
    this.numbers = wider(this.numbers, (c) => new Float64Array(c));
    if (this.shapeOf) this.shapeOf = wider(this.shapeOf, (c) => new Uint32Array(c));
    this.keyValues = this.keyValues.map((a) => wider(a, (c) => new Float64Array(c)));
  }
}
