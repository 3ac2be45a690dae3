/**
 * What the simulation's event queue holds, and the priorities that order entries at one instant. Kept apart
 * from the loop so that the day step (day-plan.ts) and the snapshot can name runners and entries without
 * reaching into the loop; the loop's hot path only reads these shapes, it adds no call per record.
 */
import type { SessionRecord } from './builder';
import type { Session } from './session';
import type { SessionAt } from './snapshot';
import { DAY_US, type SessionOwned, type UserState } from './user';

/** A user on the queue: its next session start, or the next record of its running session. */
export interface Runner {
  readonly kind: 'user';
  state: UserState;
  session: Session | null;
  next: number;
  at: SessionAt | null;
  /** the session-owned fields as they were when the running session began */
  pre: SessionOwned | null;
  gen: number;
}

/** A planned session start; stale (ignored) once the runner's `gen` has moved on. */
export interface StartEntry {
  readonly kind: 'start';
  readonly runner: Runner;
  readonly gen: number;
}
export interface LaterEntry {
  readonly kind: 'later';
  readonly record: SessionRecord;
}
/** A registration: its two records are rebuilt from the seed when due (the state keeps only the user number). */
export interface RegisterEntry {
  readonly kind: 'register';
  readonly no: number;
}
export interface DayEntry {
  readonly kind: 'day';
}
/** A resumed user's running session, drawn again when its next record is due; records before `from` were written. */
export interface RedrawEntry {
  readonly kind: 'redraw';
  readonly runner: Runner;
  readonly from: number;
}
export type Entry = Runner | StartEntry | LaterEntry | RegisterEntry | DayEntry | RedrawEntry;

export const DAY: DayEntry = { kind: 'day' };

// Ties at one instant: the starting catalog rows (laterPriority(-1)), the day (0), then by user number, a
// user's session records before its later records, so the output never depends on insertion order.
export const userPriority = (no: number): number => 2 + no * 4;
export const laterPriority = (no: number): number => 3 + no * 4;

/** The first day boundary after `start` that is not before `now`. */
export function nextDay(start: number, now: number): number {
  const d = Math.ceil(now / DAY_US) * DAY_US;
  return d > start ? d : d + DAY_US;
}
