/**
 * Hidden engagement and the day plan. Each day a user's levels step once (in the order session, purchase, from
 * the same stream: the reference let the purchase step overwrite the session one, its bug 10), then the day is
 * engaged with probability 0.8 + 0.2 x level (after the day-of-week weight), and an engaged day gets its
 * session starts by hourly weights.
 */
import type { Rng } from '../random/rng';
import { cumulative, floatIn, pickWeighted, roundHalfEven } from './draw';
import type { EngagementConfig, ProfileConfig } from './types';
import { DAY_US, US } from './user';

/** Below this a level is 0 for good: the user has churned. */
export const CHURN_LEVEL = 1e-4;

/** One daily step of a level. */
export function stepEngagement(rng: Rng, level: number, c: EngagementConfig): number {
  if (level < CHURN_LEVEL) return 0;
  if (rng.random() >= c.change_probability) return level;
  const delta = floatIn(rng, c.change_min, c.change_max);
  const up = rng.random() * (c.boost_probability + c.decay_probability) < c.boost_probability;
  return Math.min(1, Math.max(0, level + (up ? delta : -delta)));
}

/** Whether the user is engaged on a day of week `weekday` (Mon = 0). */
export function engagedToday(rng: Rng, level: number, dow: readonly number[], weekday: number): boolean {
  const w = dow[weekday] as number;
  if (w < 1 && rng.random() > w) return false;
  return rng.random() <= 0.8 + 0.2 * level;
}

/** Sessions of an engaged day: round(min + (max - min) U s) with s = 1 - f (1 - level) (f: the count factor). */
export function sessionCount(rng: Rng, p: ProfileConfig, level: number): number {
  const scale = 1 - p.session_engagement_count_factor * (1 - level);
  return Math.max(
    p.session_min_count,
    roundHalfEven(p.session_min_count + (p.session_max_count - p.session_min_count) * rng.random() * scale),
  );
}

const hourlyCache = new WeakMap<readonly number[], number[]>();

/** Session starts of a day (epoch µs, ascending): hours by weight, with replacement, then a uniform second. */
export function sessionStarts(rng: Rng, p: ProfileConfig, day: number, count: number): number[] {
  let cum = hourlyCache.get(p.session_hourly_start_probabilities);
  if (!cum) {
    cum = cumulative(p.session_hourly_start_probabilities);
    hourlyCache.set(p.session_hourly_start_probabilities, cum);
  }
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const hour = pickWeighted(rng, cum);
    starts.push(day * DAY_US + hour * 3600 * US + Math.floor(rng.random() * 3600 * US));
  }
  return starts.sort((a, b) => a - b);
}

/** Epoch day -> weekday, Monday = 0 (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 3) % 7) + 7) % 7;
