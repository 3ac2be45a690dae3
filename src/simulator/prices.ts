/**
 * A market's price over time: piecewise constant, in USD per hour, changing at each point of a spot-price
 * series. Before the first point the price is 0 (clusterman's rule: a market with no price yet costs nothing).
 */
export class PriceSeries {
  /** Change times (epoch s, strictly increasing) and the price from each until the next. */
  private constructor(
    private readonly times: Float64Array,
    private readonly prices: Float64Array,
  ) {}

  /** From points sorted by time; `multiplier` is --discount. */
  static fromPoints(points: ReadonlyArray<{ t: number; price: number }>, multiplier = 1): PriceSeries {
    const times = new Float64Array(points.length);
    const prices = new Float64Array(points.length);
    points.forEach((p, i) => {
      if (i > 0 && !(p.t > (points[i - 1] as { t: number }).t))
        throw new RangeError(`price points must be in increasing time order (at ${p.t})`);
      times[i] = p.t;
      prices[i] = p.price * multiplier;
    });
    return new PriceSeries(times, prices);
  }

  /** From change times (increasing) and the prices from each; `multiplier` is --discount. */
  static fromSteps(times: Float64Array, prices: Float64Array, multiplier = 1): PriceSeries {
    for (let i = 1; i < times.length; i++)
      if (!((times[i] as number) > (times[i - 1] as number)))
        throw new RangeError(`price points must be in increasing time order (at ${times[i]})`);
    return new PriceSeries(
      times,
      prices.map((p) => p * multiplier),
    );
  }

  static constant(price: number): PriceSeries {
    return new PriceSeries(Float64Array.of(-Infinity), Float64Array.of(price));
  }

  /** Index of the last change at or before t, or -1. */
  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The first change strictly after t, or Infinity. */
  nextChangeAfter(t: number): number {
    const next = this.indexAt(t) + 1;
    return next < this.times.length ? (this.times[next] as number) : Infinity;
  }

  /** How many change times the series has. */
  get length(): number {
    return this.times.length;
  }

  /** The i-th change time. */
  timeAt(i: number): number {
    return this.times[i] as number;
  }

  /** The price in effect at t (a change exactly at t applies). */
  at(t: number): number {
    const i = this.indexAt(t);
    return i < 0 ? 0 : (this.prices[i] as number);
  }

  /**
   * Calls `visit(from, to, price)` for each stretch of constant price covering [from, to), in order.
   * Stretches are cut only where the price series has a point.
   */
  forEachStretch(from: number, to: number, visit: (from: number, to: number, price: number) => void): void {
    if (!(to > from)) return;
    let i = this.indexAt(from);
    let start = from;
    for (;;) {
      const nextChange = i + 1 < this.times.length ? (this.times[i + 1] as number) : Infinity;
      const end = Math.min(nextChange, to);
      visit(start, end, i < 0 ? 0 : (this.prices[i] as number));
      if (end >= to) return;
      start = end;
      i++;
    }
  }
}
