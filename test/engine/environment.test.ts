import { Environment, EventQueue, type FiredEvent } from '../../src/engine';
import { EVENTS_PER_LOOK } from '../../src/engine/environment';

describe('EventQueue', () => {
  it('pops by time, then priority, then insertion order, like a stable sort', () => {
    const queue = new EventQueue<number>();
    const entries: Array<{ time: number; priority: number; item: number }> = [];
    let x = 12345;
    const next = (n: number): number => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    for (let i = 0; i < 5000; i++) {
      const e = { time: next(50), priority: next(3), item: i };
      entries.push(e);
      queue.push(e.time, e.priority, e.item);
    }
    const expected = [...entries]
      .sort((a, b) => a.time - b.time || a.priority - b.priority)
      .map((e) => e.item);
    const popped: number[] = [];
    for (let e = queue.pop(); e; e = queue.pop()) popped.push(e.item);
    expect(popped).toEqual(expected);
    expect(queue.size).toBe(0);
  });
});

function recorder(start = 0, end = 100): { env: Environment; log: FiredEvent[] } {
  const log: FiredEvent[] = [];
  return { env: new Environment({ start, end, onEvent: (e) => log.push(e) }), log };
}

describe('Environment', () => {
  it('fires events in (time, priority, insertion) order and moves the clock to each', () => {
    const { env, log } = recorder();
    const seen: Array<[string, number]> = [];
    const ev = (name: string) => (e: Environment) => seen.push([name, e.now]);
    env.at(10, 2, 'price', ev('price'));
    env.at(10, 1, 'size', ev('size'));
    env.at(5, 0, 'first', ev('first'));
    env.at(10, 1, 'size-again', ev('size-again'));
    env.run();
    expect(seen).toEqual([
      ['first', 5],
      ['size', 10],
      ['size-again', 10],
      ['price', 10],
    ]);
    expect(log.map((e) => [e.id, e.name])).toEqual([
      [0, 'first'],
      [1, 'size'],
      [2, 'size-again'],
      [3, 'price'],
    ]);
    expect(env.processed).toBe(4);
    expect(env.now).toBe(100);
  });

  it('ignores events in the past or at or after the end', () => {
    const { env, log } = recorder(0, 100);
    expect(env.at(100, 0, 'at end', () => undefined)).toBe(false);
    expect(env.at(250, 0, 'after end', () => undefined)).toBe(false);
    env.at(50, 0, 'middle', (e) => {
      expect(e.at(49, 0, 'past', () => undefined)).toBe(false);
      expect(e.at(50, 0, 'now', () => undefined)).toBe(true);
    });
    env.run();
    expect(log.map((e) => e.name)).toEqual(['middle', 'now']);
  });

  it('runs generator processes: each timeout resumes the process later, until the end', () => {
    const { env, log } = recorder(1000, 1200);
    const ticks: number[] = [];
    env.process(
      'autoscale',
      (function* () {
        for (;;) {
          ticks.push(env.now);
          yield env.timeout(60, 1);
        }
      })(),
    );
    env.run();
    expect(ticks).toEqual([1000, 1060, 1120, 1180]);
    expect(log.every((e) => e.name === 'autoscale')).toBe(true);
  });

  it('reports an event detail after it fired, and stops when asked', () => {
    const { env, log } = recorder();
    let size = 0;
    env.schedule(1, 1, {
      name: 'ClusterSizeChange',
      fire: () => {
        size = 4;
      },
      detail: () => ` new size: ${size}`,
    });
    env.at(2, 0, 'halt', (e) => e.stop());
    env.at(3, 0, 'never', () => undefined);
    env.run();
    expect(log.map((e) => `${e.name}${e.detail}`)).toEqual(['ClusterSizeChange new size: 4', 'halt']);
    expect(env.now).toBe(2);
  });

  it('refuses an end that is not after the start, and negative timeouts', () => {
    expect(() => new Environment({ start: 10, end: 10 })).toThrow(/after the start/);
    expect(() => new Environment({ start: 0, end: 1 }).timeout(-1)).toThrow(/negative/);
  });

  it('runInSlices fires the same events as run, reporting the simulated time between slices', async () => {
    const end = 5000;
    const schedule = (env: Environment): void => {
      env.process(
        'tick',
        (function* () {
          for (;;) yield env.timeout(7);
        })(),
      );
      for (let t = 0; t < end; t += 13) env.at(t, 1, 'price', () => undefined);
    };
    const whole = recorder(0, end);
    schedule(whole.env);
    whole.env.run();
    const sliced = recorder(0, end);
    schedule(sliced.env);
    const seen: number[] = [];
    // No minimum slice time: a report at every look at the clock.
    await sliced.env.runInSlices((now) => seen.push(now), 0);
    expect(sliced.log).toEqual(whole.log);
    expect(sliced.env.now).toBe(end);
    // One report per EVENTS_PER_LOOK events, then the end; never going back in time.
    expect(whole.log.length).toBeGreaterThan(5 * EVENTS_PER_LOOK);
    expect(seen).toHaveLength(Math.floor(whole.log.length / EVENTS_PER_LOOK) + 1);
    expect(seen.at(-1)).toBe(end);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(whole.log[EVENTS_PER_LOOK - 1]?.time);
  });
});
