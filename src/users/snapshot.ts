/**
 * The whole simulation as plain JSON at an instant T: every user (a user in a session is saved as it was when
 * the session began, with the session's key, and the session is drawn again on resume, its records before T
 * skipped), the later records still to come, the population target and the catalog sizes. Nothing else is
 * needed: the future is drawn from the seed.
 */
import type { Scheduled } from '../engine/queue';
import { plainRecord, type SessionRecord } from './builder';
import type { Session } from './session';
import type { Runner } from './queue-entries';
import type { Simulation } from './simulation';
import { STATE_VERSION } from './state-file';
import { sessionOwned, type UserState } from './user';

/** A running session: where it began and the levels it began with. */
export interface SessionAt {
  readonly start: number;
  readonly day: number;
  readonly index: number;
  readonly se: number;
  readonly pe: number;
  /**
   * When its first record still to write is due (epoch µs): a resume draws the session again only then, not
   * all sessions at once. Absent in states saved before it: those sessions are drawn at restore.
   */
  readonly due?: number;
  /** deliveries and cancellations among its later records still to come (counted before it is drawn again) */
  readonly pending?: readonly [number, number];
}

export interface SavedUser {
  readonly s: UserState;
  readonly at?: SessionAt;
}

/** The state as a simulation saves and restores it (state-file.ts writes and reads its text). */
export interface SavedState {
  /** of the text it was read from (1 or 2), or the one it will be written in */
  readonly version: number;
  /** decimal: seeds may pass 2^53 */
  readonly seed: string;
  /** epoch µs */
  readonly start: number;
  readonly now: number;
  readonly current: number;
  readonly catalogs: Readonly<Record<string, number>>;
  readonly counts: Record<string, number>;
  readonly catalogRows: number;
  readonly users: readonly SavedUser[];
  /** later records with their queue priority, in queue order */
  readonly later: readonly { readonly p: number; readonly r: SessionRecord }[];
  /** registrations still to come: [epoch µs, user number] */
  readonly registrations: readonly (readonly [number, number])[];
  /** when the next day begins (epoch µs; absent in version 1: the first day boundary not before `now`) */
  readonly nextDay?: number;
}

type Entry = { readonly kind: string; readonly record?: SessionRecord; readonly no?: number };

export function snapshotState(sim: Simulation, entries: readonly Scheduled<Entry>[]): SavedState {
  const running = new Set<string>();
  const users: SavedUser[] = sim.runners.map((r) => {
    if (r.at === null || r.pre === null) return { s: r.state };
    running.add(`${r.state.no}-${r.at.day}-${r.at.index}`);
    return { s: { ...r.state, ...r.pre }, at: r.session === null ? r.at : sessionAt(r, sim.now) };
  });
  const later = entries
    .filter((e) => e.item.kind === 'later')
    .filter((e) => {
      const id = (e.item.record as SessionRecord).id;
      const cut = id.lastIndexOf('-d');
      return cut < 0 || !running.has(id.slice(0, cut));
    })
    .sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq)
    .map((e) => ({ p: e.priority, r: plainRecord(e.item.record as SessionRecord) }));
  const registrations = entries
    .filter((e) => e.item.kind === 'register')
    .sort((a, b) => a.time - b.time || a.priority - b.priority)
    .map((e) => [e.time, e.item.no as number] as const);
  const day = entries.find((e) => e.item.kind === 'day');
  const catalogs: Record<string, number> = {};
  for (const [type, items] of Object.entries(sim.ctx.catalogs)) catalogs[type] = items.length;
  return {
    version: STATE_VERSION,
    seed: sim.seed.toString(),
    start: sim.start,
    now: sim.now,
    current: sim.current,
    catalogs,
    counts: { ...sim.counts },
    catalogRows: sim.catalogRows,
    users,
    later,
    registrations,
    ...(day === undefined ? {} : { nextDay: day.time }),
  };
}

/** `r.at` with when the rest of its drawn session is due and what of it is pending. */
function sessionAt(r: Runner, now: number): SessionAt {
  const session = r.session as Session;
  let due = Infinity;
  if (r.next < session.records.length) due = session.records.time(r.next);
  let deliveries = 0;
  let cancellations = 0;
  for (const record of session.later) {
    if (record.ts < now) continue;
    if (record.ts < due) due = record.ts;
    if (record.type === 'delivery') deliveries++;
    else if (record.type === 'cancel_checkout') cancellations++;
  }
  const { start, day, index, se, pe } = r.at as SessionAt;
  const pending: [number, number] = [deliveries, cancellations];
  // Nothing left to come (JSON would save Infinity as null): restore then draws the session at once.
  if (due === Infinity) return { start, day, index, se, pe, pending };
  return { start, day, index, se, pe, due, pending };
}

/** Puts the users back, draws their running sessions again from `saved.now` on, and re-queues the later records. */
export function restoreState(
  sim: Simulation,
  saved: SavedState,
  push: (p: number, r: SessionRecord) => void,
  register: (ts: number, no: number) => void,
): void {
  for (const { s, at } of saved.users) {
    const runner: Runner = sim.addRunner(s);
    if (at === undefined) {
      sim.queueStart(runner);
      continue;
    }
    runner.at = at;
    runner.pre = sessionOwned(s);
    if (at.due === undefined) sim.runSessionFrom(runner, saved.now);
    else sim.queueRedraw(runner, at.due, saved.now);
  }
  for (const { p, r } of saved.later) push(p, r);
  for (const [ts, no] of saved.registrations) register(ts, no);
}
