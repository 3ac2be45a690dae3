/**
 * A series' points as they arrive in time order: two growing Float64Arrays (16 bytes a point, no objects).
 * A point at or before the last one is a repeat (a chunk boundary, a resumed stream) and is dropped, so the
 * first value received for a timestamp is kept.
 */
export class PointBuffer implements Iterable<[number, number]> {
  times = new Float64Array(1024);
  values = new Float64Array(1024);
  size = 0;

  push(t: number, value: number): void {
    if (this.size > 0 && t <= (this.times[this.size - 1] as number)) return;
    if (this.size === this.times.length) {
      const times = new Float64Array(this.size * 2);
      const values = new Float64Array(this.size * 2);
      times.set(this.times);
      values.set(this.values);
      this.times = times;
      this.values = values;
    }
    this.times[this.size] = t;
    this.values[this.size] = value;
    this.size++;
  }

  *[Symbol.iterator](): Iterator<[number, number]> {
    for (let i = 0; i < this.size; i++) yield [this.times[i] as number, this.values[i] as number];
  }
}
