/**
 * The whole simulation as plain JSON at an instant T: every user (a user in a session is saved as it was when
 * the session began, with the session's key, and the session is drawn again on resume, its records before T
 * skipped), the later records still to come, the population target and the catalog sizes. Nothing else is
 * needed: the future is drawn from the seed.
 */
import type { Scheduled } from '../engine/queue';
import { isLog, plainRecord, type SessionRecord } from './builder';
import type { Session } from './session';
import type { Runner } from './queue-entries';
import type { Simulation } from './simulation';
import type { UserState } from './user';

export const STATE_VERSION = 1;

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

export interface SavedState {
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
    runner.pre = {
      shop: s.shop && structuredClone(s.shop),
      scores: { ...s.scores },
      milestones: { ...s.milestones },
      level: s.level,
      busy: s.busy,
    };
    if (at.due === undefined) sim.runSessionFrom(runner, saved.now);
    else sim.queueRedraw(runner, at.due, saved.now);
  }
  for (const { p, r } of saved.later) push(p, r);
  for (const [ts, no] of saved.registrations) register(ts, no);
  void isLog;
}

/** The last state's size: the next, about as big, is written into one buffer allocated once. */
let lastStateBytes = 0;

/**
 * `Buffer.from(JSON.stringify(state))`, the same bytes, made a megabyte at a time: a 100,000-user state is
 * over 100 MB of JSON, and the whole text as one string beside its bytes raised every checkpoint's peak.
 * The pieces go straight into one buffer sized from the last state (pieces as buffers, then joined, held
 * the state twice at the final checkpoint); it grows by copying only when the state outgrew the estimate.
 */
export function stateBytes(state: SavedState, pieceChars = 1 << 20): Buffer {
  const { users, later, registrations, ...head } = state;
  let buf = Buffer.allocUnsafe(Math.max(1 << 16, Math.ceil(lastStateBytes * 1.125)));
  let used = 0;
  let text = JSON.stringify(head).slice(0, -1);
  const write = (): void => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit; the exact length is counted only when that may not fit.
    if (used + 3 * text.length > buf.length) {
      const need = used + Buffer.byteLength(text);
      if (need > buf.length) {
        const grown = Buffer.allocUnsafe(Math.max(need, Math.ceil(buf.length * 1.5)));
        buf.copy(grown, 0, 0, used);
        buf = grown;
      }
    }
    used += buf.write(text, used);
    text = '';
  };
  const add = (piece: string): void => {
    text += piece;
    if (text.length >= pieceChars) write();
  };
  const list = (name: string, items: readonly unknown[]): void => {
    add(`,"${name}":[`);
    items.forEach((item, i) => add((i === 0 ? '' : ',') + JSON.stringify(item)));
    add(']');
  };
  list('users', users);
  list('later', later);
  list('registrations', registrations);
  add('}');
  write();
  lastStateBytes = used;
  return buf.subarray(0, used);
}
