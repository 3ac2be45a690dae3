/**
 * Real-time runs: simulated time is epoch seconds, and an event fires no earlier than its time on the wall
 * clock. Events already due (a start in the past) fire at once, as fast as they can: catch up, then live.
 * Shared by every generator that can stream live (events/, users/).
 */
import type { Environment } from './environment';

export interface WallClock {
  /** Epoch milliseconds now. */
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: WallClock = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PacingHooks {
  /** After each batch of due events and before every wait: flush output, draw progress, hear signals. */
  readonly onBatch?: (now: number) => void | Promise<void>;
}

/** Due events fired between two onBatch calls at most: small enough for a responsive catch-up. */
export const PACED_BATCH = 4096;

/** Runs `env` against `clock` until its queue is empty, its end is reached or it is stopped. */
export async function runPaced(
  env: Environment,
  clock: WallClock,
  hooks: PacingHooks = {},
  batch = PACED_BATCH,
): Promise<void> {
  for (;;) {
    const next = env.nextTime;
    if (next === undefined) break;
    const nowMs = clock.nowMs();
    if (next * 1000 > nowMs) {
      await hooks.onBatch?.(env.now);
      // Woken early or late by the timer, the loop looks again: nothing fires before its time.
      await clock.sleep(Math.max(1, next * 1000 - nowMs));
      continue;
    }
    for (let fired = 0; fired < batch; fired++) {
      const t = env.nextTime;
      if (t === undefined || t * 1000 > nowMs) break;
      env.step(1);
    }
    await hooks.onBatch?.(env.now);
  }
  await hooks.onBatch?.(env.now);
}
