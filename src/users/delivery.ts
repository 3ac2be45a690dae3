/**
 * When an order arrives: business hours (08:00-20:00 UTC) on weekdays. Non-urgent: about a day plus a
 * half-normal delay of up to `delivery_delay_max_days`, snapped into business hours; urgent: 1-5 hours, moved
 * into the next business hours if it falls outside. Unlike the reference (bug 4), a delivery always comes at
 * least an hour after its checkout.
 */
import type { Rng } from '../random/rng';
import { weekdayOf } from './engagement';
import { DAY_US, US } from './user';

const HOUR_US = 3600 * US;
const OPEN = 8 * HOUR_US;
const CLOSE = 20 * HOUR_US;

/** Is `t` (epoch µs) inside business hours on a weekday? */
export function inBusinessHours(t: number): boolean {
  const day = Math.floor(t / DAY_US);
  const time = t - day * DAY_US;
  return weekdayOf(day) < 5 && time >= OPEN && time < CLOSE;
}

/** The first weekday at or after `day`. */
function weekdayFrom(day: number): number {
  let d = day;
  while (weekdayOf(d) >= 5) d++;
  return d;
}

export function deliveryTime(rng: Rng, checkout: number, urgent: boolean, maxDays: number): number {
  const earliest = checkout + HOUR_US;
  if (urgent) {
    const t = checkout + Math.round((1 + 4 * rng.random()) * HOUR_US);
    if (inBusinessHours(t)) return t;
    const day = Math.floor(t / DAY_US);
    const next = weekdayFrom(t - day * DAY_US < OPEN ? day : day + 1);
    return next * DAY_US + OPEN + Math.round(rng.random() * 4 * HOUR_US);
  }
  const delayDays = 1 + maxDays * Math.abs(rng.gauss(0, 0.1)) - Math.abs(rng.gauss(0, 0.2));
  let t = checkout + Math.round(delayDays * DAY_US);
  let day = Math.floor(t / DAY_US);
  if (t - day * DAY_US >= CLOSE) day++;
  day = weekdayFrom(day);
  t = day * DAY_US + OPEN + Math.floor(rng.random() * (CLOSE - OPEN));
  while (t < earliest) {
    day = weekdayFrom(day + 1);
    t = day * DAY_US + OPEN + Math.floor(rng.random() * (CLOSE - OPEN));
  }
  return t;
}
