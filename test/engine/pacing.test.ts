import { Environment, runPaced, type WallClock } from '../../src/engine';

/** A wall clock that only moves when the run sleeps. */
function fakeClock(startMs: number): WallClock & { slept: number[] } {
  let now = startMs;
  const slept: number[] = [];
  return {
    slept,
    nowMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('runPaced', () => {
  it('fires past events at once (catch-up), then each at its wall-clock time', async () => {
    const env = new Environment({ start: 0, end: 100 });
    const clock = fakeClock(5_500);
    const fired: Array<[number, number]> = [];
    for (const t of [1, 2, 5, 6, 9])
      env.at(t, 0, `e${t}`, (e) => {
        fired.push([e.now, clock.nowMs()]);
      });
    await runPaced(env, clock);
    expect(fired).toEqual([
      [1, 5_500],
      [2, 5_500],
      [5, 5_500],
      [6, 6_000],
      [9, 9_000],
    ]);
    expect(clock.slept).toEqual([500, 3_000]);
  });

  it('calls onBatch before every wait (a live run flushes its output there) and stops when asked', async () => {
    const env = new Environment({ start: 0, end: 100 });
    const clock = fakeClock(0);
    const batches: number[] = [];
    let count = 0;
    const tick = (e: Environment): void => {
      count++;
      e.at(e.now + 1, 0, 'tick', tick);
    };
    env.at(0, 0, 'tick', tick);
    await runPaced(env, clock, {
      onBatch: (now) => {
        batches.push(now);
        if (now >= 3) env.stop();
      },
    });
    expect(count).toBe(4);
    expect(batches.slice(0, 4)).toEqual([0, 0, 1, 1]);
  });
});
