import { EventQueue, type Scheduled } from '../../src/engine';

/** A small deterministic generator (no Math.random: a failure must repeat). */
function lcg(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

interface Pushed {
  time: number;
  priority: number;
  item: number;
}

/** Time, then priority, then insertion: what the queue promises, as a stable sort. */
const sorted = (entries: readonly Pushed[]): number[] =>
  [...entries].sort((a, b) => a.time - b.time || a.priority - b.priority).map((e) => e.item);

describe('EventQueue order', () => {
  it.each([1, 7, 99, 2024])(
    'matches a stable sort with many ties, pushes and pops interleaved (seed %i)',
    (seed) => {
      const next = lcg(seed);
      const queue = new EventQueue<number>();
      const pending: Pushed[] = [];
      const popped: number[] = [];
      const expected: number[] = [];
      let item = 0;
      let floor = 0;
      for (let round = 0; round < 200; round++) {
        // Pushes never go before the last time popped, as in a simulation.
        for (let k = next(40); k > 0; k--) {
          const e = { time: floor + next(6) + next(4) / 4, priority: next(3) - 1, item: item++ };
          pending.push(e);
          queue.push(e.time, e.priority, e.item);
        }
        const order = sorted(pending);
        for (let k = next(30); k > 0 && queue.size > 0; k--) {
          const top = queue.peek() as Scheduled<number>;
          const e = queue.pop() as Scheduled<number>;
          expect(e).toEqual(top);
          const want = order.shift() as number;
          expected.push(want);
          popped.push(e.item);
          pending.splice(
            pending.findIndex((p) => p.item === want),
            1,
          );
          floor = e.time;
        }
      }
      for (let e = queue.pop(); e; e = queue.pop()) popped.push(e.item);
      expected.push(...sorted(pending));
      expect(popped).toEqual(expected);
      expect(queue.size).toBe(0);
    },
  );

  it('topTime, topPriority and popItem read and take the same entry as peek and pop', () => {
    const next = lcg(5);
    const a = new EventQueue<number>();
    const b = new EventQueue<number>();
    for (let i = 0; i < 3000; i++) {
      const [t, p] = [next(20), next(2)];
      a.push(t, p, i);
      b.push(t, p, i);
    }
    while (a.size > 0) {
      const top = b.pop() as Scheduled<number>;
      expect([a.topTime, a.topPriority]).toEqual([top.time, top.priority]);
      expect(a.popItem()).toBe(top.item);
    }
    expect([a.topTime, a.popItem(), b.peek()]).toEqual([Infinity, undefined, undefined]);
  });

  it('entries lists every queued entry with its keys and insertion number', () => {
    const queue = new EventQueue<string>();
    queue.push(5, 1, 'a');
    queue.push(2, 0, 'b');
    queue.push(5, 1, 'c');
    queue.pop();
    const listed = [...queue.entries()].sort((x, y) => x.seq - y.seq);
    expect(listed).toEqual([
      { time: 5, priority: 1, seq: 0, item: 'a' },
      { time: 5, priority: 1, seq: 2, item: 'c' },
    ]);
  });

  it('keeps its order past many growths', () => {
    const next = lcg(11);
    const queue = new EventQueue<number>();
    const pushed: Pushed[] = [];
    for (let i = 0; i < 100_000; i++) {
      const e = { time: next(1000), priority: next(5), item: i };
      pushed.push(e);
      queue.push(e.time, e.priority, e.item);
    }
    const popped: number[] = [];
    for (let item = queue.popItem(); item !== undefined; item = queue.popItem()) popped.push(item);
    expect(popped).toEqual(sorted(pushed));
  });
});
