/**
 * The population over simulated time, on src/engine's event queue: a day event (population, engagement,
 * plans), one entry per user (its next session start, or the next record of its running session), and the
 * later records of past sessions (payments, deliveries, ratings). Records leave in time order, ties broken
 * by (kind, user number), so the output never depends on where a run stopped: `runUntil(T)` writes exactly
 * the records before T, and a snapshot at T restores a simulation that writes the rest as one run would.
 *
 * This file is the record loop and the session lifecycle (start, draw, end): the hot path, kept in one class
 * with direct calls. The day step is in day-plan.ts, the queue's entry shapes and priorities in
 * queue-entries.ts, saving and restoring in snapshot.ts.
 */
import { EventQueue } from '../engine/queue';
import { type Catalogs, buildCatalogs, ITEM_TYPES } from './catalog';
import { isLog, type SessionRecord } from './builder';
import { type Context, makeContext, profileOf } from './context';
import { DayPlanner, type DaySchedule } from './day-plan';
import { Stream, streamRng } from './draw';
import { DAY, type Entry, laterPriority, nextDay, type Runner, userPriority } from './queue-entries';
import type { CatalogRecord, LogRecord } from './records';
import type { Kind, PackedRecords } from './packed';
import { runSession, type Session } from './session';
import { createUser, DAY_US, sessionOwned, US, type UserState } from './user';
import type { UsersConfig } from './types';
import { restoreState, type SavedState, type SessionAt, snapshotState, type SavedUser } from './snapshot';

/** Where records go; `waiting` is set while the loop must wait before writing more. */
export interface RecordOutput {
  log(record: LogRecord, user: UserState): void;
  /** `log` of a session's log record i, of that kind, read from the packed arrays */
  logPacked(records: PackedRecords, i: number, kind: Kind, user: UserState): void;
  catalog(record: CatalogRecord): void;
  readonly waiting: Promise<void> | undefined;
}

export class Simulation implements DaySchedule {
  readonly ctx: Context;
  private readonly queue = new EventQueue<Entry>();
  readonly runners: Runner[] = [];
  /** all records before `now` are written, none at or after it */
  now: number;
  readonly start: number;
  /** the population and its daily plans (day-plan.ts) */
  private readonly days: DayPlanner;
  /** log records written per type (`counts` adds the tallies below in first) */
  private readonly typeCounts: Record<string, number>;
  /**
   * Packed log records written per kind number since `counts` was last read (-1: none yet), and the kinds tallied: a number
   * in an array per record instead of a store keyed by the type's text.
   */
  private readonly tally: number[] = [];
  private readonly tallied: Kind[] = [];
  catalogRows = 0;
  private lastFired = -Infinity;
  /** the limit of the running runUntil */
  private limit = -Infinity;
  private out: RecordOutput;

  private constructor(
    config: UsersConfig,
    seed: bigint,
    catalogs: Catalogs,
    out: RecordOutput,
    start: number,
    now: number,
    current: number,
    counts: Record<string, number>,
  ) {
    this.ctx = makeContext(seed, config, catalogs);
    this.out = out;
    this.start = start;
    this.now = now;
    this.typeCounts = counts;
    this.days = new DayPlanner(this.ctx, start, current, this.runners, this);
  }

  /** A new simulation at the config's start: catalogs topped up, the initial users registered. */
  static create(config: UsersConfig, seed: bigint, out: RecordOutput): Simulation {
    const start = config.global.start_ts * US;
    const counts = Object.fromEntries(ITEM_TYPES.map((t) => [t, config.catalogs[t].target_count]));
    const sim = new Simulation(
      config,
      seed,
      buildCatalogs(seed, config, counts),
      out,
      start,
      start,
      config.population.initial_count,
      {},
    );
    for (const type of ITEM_TYPES)
      sim.ctx.catalogs[type].forEach((item, i) =>
        sim.pushLater({ ts: start, subject: item.subject, data: item.data, id: `c-${type}-${i}` }, -1),
      );
    const rng = streamRng(seed, Stream.Population, Math.floor(start / DAY_US), 1);
    sim.days.addUsers(rng, config.population.initial_count, start);
    sim.queue.push(nextDay(start, start), 0, DAY);
    return sim;
  }

  /** The simulation saved in `saved`, writing to `out` from `saved.now` on. */
  static restore(config: UsersConfig, saved: SavedState, out: RecordOutput): Simulation {
    const seed = BigInt(saved.seed);
    const sim = new Simulation(
      config,
      seed,
      buildCatalogs(seed, config, saved.catalogs),
      out,
      saved.start,
      saved.now,
      saved.current,
      saved.counts,
    );
    sim.catalogRows = saved.catalogRows;
    restoreState(
      sim,
      saved,
      (p, r) => sim.queue.push(r.ts, p, { kind: 'later', record: r }),
      (ts, no) => sim.pushRegistration(ts, no),
    );
    // States saved before `nextDay` was kept never had the day at `now` planned.
    sim.queue.push(saved.nextDay ?? nextDay(sim.start, sim.now), 0, DAY);
    return sim;
  }

  get seed(): bigint {
    return this.ctx.seed;
  }

  /** Log records written per type, keyed in the order their first records were written. */
  get counts(): Record<string, number> {
    const counts = this.typeCounts;
    for (const kind of this.tallied) {
      counts[kind.type] = (counts[kind.type] as number) + (this.tally[kind.no] as number);
      this.tally[kind.no] = 0;
    }
    return counts;
  }

  /** the population target */
  get current(): number {
    return this.days.current;
  }

  /** Fires everything before `limit` (epoch µs); yields to the event loop every `sliceMs` and stops early on `stop()`. */
  async runUntil(limit: number, onSlice?: (now: number) => boolean): Promise<void> {
    let n = 0;
    let sliceStart = performance.now();
    // The clock is read every 32 entries, and once a slice has run its time at every entry up to the next
    // instant boundary. A resumed run's first entries are mostly session redraws (~1 ms each) whose records
    // follow at the same instant: read every 256 entries, the check often fell inside an instant and the
    // first slice (the first records out) ran for a second or more.
    let ending = false;
    this.limit = limit;
    for (;;) {
      const time = this.queue.topTime;
      if (this.queue.size === 0 || time >= limit) break;
      if (ending || (++n & 31) === 0) {
        const waiting = this.out.waiting;
        if (waiting) await waiting;
        ending = performance.now() - sliceStart > 50;
        if (ending && time > this.lastFired) {
          ending = false;
          // Only between two instants: everything before time is written, nothing at it.
          this.now = time;
          if (onSlice && !onSlice(time)) return;
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
          continue;
        }
      }
      const item = this.queue.popItem() as Entry;
      this.lastFired = time;
      this.fire(item, time);
    }
    if (this.out.waiting) await this.out.waiting;
    this.now = Math.max(this.now, limit);
  }

  /**
   * The state at `now`. A run stopped exactly at a day boundary first plans that day (its day event is the
   * first entry there and writes no record, so this is where an uninterrupted run stands too): the saved
   * state holds the day's plans, and a resumed run writes its first records without planning every user.
   */
  snapshot(): SavedState {
    const top = this.queue.peek();
    if (top !== undefined && top.time === this.now && top.item === DAY && this.now > this.lastFired) {
      this.queue.popItem();
      this.lastFired = this.now;
      this.fire(DAY, this.now);
    }
    return snapshotState(this, this.queue.entries());
  }

  private fire(entry: Entry, time: number): void {
    switch (entry.kind) {
      case 'user':
        return this.nextRecord(entry);
      case 'start':
        if (entry.gen === entry.runner.gen) this.beginSession(entry.runner, time);
        return;
      case 'later':
        return this.emit(entry.record, undefined);
      case 'register':
        return this.register(entry.no);
      case 'day':
        this.days.newDay(time);
        this.queue.push(time + DAY_US, 0, DAY);
        return;
      case 'redraw':
        return this.runSessionFrom(entry.runner, entry.from);
    }
  }

  private emit(record: SessionRecord, user: UserState | undefined): void {
    if (isLog(record)) {
      this.typeCounts[record.type] = (this.typeCounts[record.type] ?? 0) + 1;
      this.out.log(record, user ?? (this.runners[record.user] as Runner).state);
    } else {
      this.catalogRows++;
      this.out.catalog(record);
    }
  }

  /** A session's record i: a log record goes out from the packed arrays, without an object made for it. */
  private emitPacked(records: PackedRecords, i: number, user: UserState): void {
    const kind = records.logKind(i);
    if (kind === undefined) this.emit(records.record(i), user);
    else {
      const tally = this.tally[kind.no];
      if (tally === undefined || tally < 0) this.firstOfKind(kind);
      else this.tally[kind.no] = tally + 1;
      this.out.logPacked(records, i, kind, user);
    }
    records.release(i);
  }

  /** A kind's first packed record: its type keyed in now, as the first record of a type always was. */
  private firstOfKind(kind: Kind): void {
    // -1: a kind not tallied yet (0 is one tallied, and read since).
    while (this.tally.length <= kind.no) this.tally.push(-1);
    this.typeCounts[kind.type] ??= 0;
    this.tallied.push(kind);
    this.tally[kind.no] = 1;
  }

  /**
   * Writes the runner's next record, and the ones after it that would come straight back out of the queue
   * (before its top by time, then priority, and before the run's limit): the same order, without a push and
   * pop per record. A burst is bounded so that runUntil still checks for waiting sinks often enough.
   */
  private nextRecord(r: Runner): void {
    const records = (r.session as Session).records;
    const priority = userPriority(r.state.no);
    this.emitPacked(records, r.next++, r.state);
    for (let burst = 0; r.next < records.length; burst++) {
      const ts = records.time(r.next);
      const topTime = this.queue.topTime; // Infinity when the queue is empty
      const first = ts < topTime || (ts === topTime && priority < this.queue.topPriority);
      if (!first || ts >= this.limit || burst >= 64) {
        this.queue.push(ts, priority, r);
        return;
      }
      this.lastFired = ts;
      this.emitPacked(records, r.next++, r.state);
    }
    this.endSession(r);
  }

  private endSession(r: Runner): void {
    r.session = null;
    r.at = null;
    r.pre = null;
    this.queueStart(r);
  }

  /** Queues the runner's next planned start (a new `gen` makes any start queued before it stale). */
  queueStart(r: Runner): void {
    r.gen++;
    const next = r.state.starts[0];
    if (next !== undefined && r.at === null)
      this.queue.push(next, userPriority(r.state.no), { kind: 'start', runner: r, gen: r.gen });
  }

  private beginSession(r: Runner, time: number): void {
    const u = r.state;
    if (!u.active) {
      u.starts = [];
      return;
    }
    if (time < u.busy) {
      // One session at a time: a start inside the last one waits for it to end.
      u.starts[0] = u.busy + 60 * US;
      u.starts.sort((a, b) => a - b);
      this.queueStart(r);
      return;
    }
    u.starts.shift();
    r.at = { start: time, day: u.day, index: u.sessions++, se: u.se, pe: u.pe };
    r.pre = sessionOwned(u);
    this.runSessionFrom(r, -Infinity);
  }

  /** Draws the running session `r.at` and queues its records from `from` on (a resume skips those written). */
  runSessionFrom(r: Runner, from: number): void {
    const u = r.state;
    const at = r.at as SessionAt;
    const [se, pe] = [u.se, u.pe];
    u.se = at.se;
    u.pe = at.pe;
    const session = runSession(this.ctx, profileOf(this.ctx, u.profile), u, at.start, at.day, at.index);
    u.se = se;
    u.pe = pe;
    u.busy = session.end;
    for (const record of session.later) if (record.ts >= from) this.pushLater(record, u.no);
    let next = 0;
    while (next < session.records.length && session.records.time(next) < from) next++;
    r.session = session;
    r.next = next;
    if (next < session.records.length) this.queue.push(session.records.time(next), userPriority(u.no), r);
    else this.endSession(r);
  }

  /** Draws `r.at` again at `due`, before its records there (same priority), queueing those from `from` on. */
  queueRedraw(r: Runner, due: number, from: number): void {
    this.queue.push(due, userPriority(r.state.no), { kind: 'redraw', runner: r, from });
  }

  pushRegistration(reg: number, no: number): void {
    this.queue.push(reg, laterPriority(no), { kind: 'register', no });
  }

  private register(no: number): void {
    const u = (this.runners[no] as Runner).state;
    const { data } = createUser(this.ctx.seed, no, profileOf(this.ctx, u.profile).config, u.reg);
    this.emit({ ts: u.reg, subject: 'user', data, id: `${no}-r0` }, u);
    const props = '{"action":"register"}';
    this.emit(
      {
        ts: u.reg,
        type: 'identify',
        block: 'core',
        props,
        ol: true,
        id: `${no}-r1`,
        user: no,
        up: 1000,
        dn: 1000,
      },
      u,
    );
  }

  pushLater(record: SessionRecord, no: number): void {
    this.queue.push(record.ts, laterPriority(no), { kind: 'later', record });
  }

  /** A user joins the loop (a restore adds the saved users this way); the day planner counts it. */
  addRunner(state: UserState): Runner {
    return this.days.addRunner(state);
  }

  /** Users active and churned per profile, for summaries. */
  populationCounts(): Record<string, { active: number; churned: number }> {
    return this.days.populationCounts();
  }

  pendingLater(): { deliveries: number; cancellations: number } {
    let deliveries = 0;
    let cancellations = 0;
    for (const r of this.runners) {
      // A session not drawn again yet: its later records are not queued.
      if (r.at === null || r.session !== null || r.at.pending === undefined) continue;
      deliveries += r.at.pending[0];
      cancellations += r.at.pending[1];
    }
    for (const e of this.queue.entries()) {
      if (e.item.kind !== 'later' || !isLog(e.item.record)) continue;
      if (e.item.record.type === 'delivery') deliveries++;
      else if (e.item.record.type === 'cancel_checkout') cancellations++;
    }
    return { deliveries, cancellations };
  }
}

export type { SavedState, SavedUser };
