/**
 * The day step: once a simulated day, the population target moves, each active user's engagement steps (and
 * may churn), churned users may come back, the oldest may be pruned, new users fill the gap to the target, and
 * every active user gets the day's session starts. Kept out of the record loop: it runs once a user-day, not
 * once a record, and it reaches the queue only through the `DaySchedule` the simulation gives it.
 */
import { type Context, profileOf } from './context';
import { reseedStream, Stream, streamRng } from './draw';
import {
  CHURN_LEVEL,
  engagedToday,
  sessionCount,
  sessionStarts,
  stepEngagement,
  weekdayOf,
} from './engagement';
import { chooseProfile, stepPopulation } from './population';
import type { Runner } from './queue-entries';
import { createUser, DAY_US, US, type UserState } from './user';

/** How the day step puts its plans on the simulation's queue. */
export interface DaySchedule {
  queueStart(r: Runner): void;
  pushRegistration(reg: number, no: number): void;
}

export class DayPlanner {
  /** the population target */
  current: number;
  private readonly activeByProfile = new Map<string, number>();
  /** the generator of each user-day's stream in turn (a plan draws from it and lets it go) */
  private readonly dayRng = streamRng(0n, Stream.UserDay);

  constructor(
    private readonly ctx: Context,
    /** the simulation's start (epoch µs): no session is planned before it */
    private readonly start: number,
    current: number,
    /** the simulation's users, shared with it (indexed by user number) */
    private readonly runners: Runner[],
    private readonly schedule: DaySchedule,
  ) {
    this.current = current;
  }

  addRunner(state: UserState): Runner {
    const r: Runner = { kind: 'user', state, session: null, next: 0, at: null, pre: null, gen: 0 };
    this.runners.push(r);
    if (state.active)
      this.activeByProfile.set(state.profile, (this.activeByProfile.get(state.profile) ?? 0) + 1);
    return r;
  }

  /** Registers `count` new users at `at` (spread over the day with randomise_registration_times). */
  addUsers(rng: ReturnType<typeof streamRng>, count: number, at: number): void {
    const { config } = this.ctx;
    const day = Math.floor(at / DAY_US);
    for (let i = 0; i < count; i++) {
      const profile = chooseProfile(
        rng,
        config.profiles,
        this.activeByProfile,
        this.current,
        config.global.manage_population_counts_per_profile,
      );
      const reg = config.global.randomise_registration_times
        ? Math.max(at, day * DAY_US + Math.floor(rng.random() * DAY_US))
        : at;
      const no = this.runners.length;
      const { user } = createUser(this.ctx.seed, no, profile, reg);
      const r = this.addRunner(user);
      this.schedule.pushRegistration(reg, no);
      this.plan(r, day, false);
    }
  }

  /** The day beginning at `time`; the caller queues the next one after this (the queue order depends on it). */
  newDay(time: number): void {
    const { config } = this.ctx;
    const day = Math.floor(time / DAY_US);
    const rng = streamRng(this.ctx.seed, Stream.Population, day);
    this.current = stepPopulation(rng, this.current, config.population);
    for (const r of this.runners) if (r.state.active) this.plan(r, day, true);
    this.resurrect(day);
    this.prune();
    const active = this.activeCount();
    if (active < this.current) this.addUsers(rng, this.current - active, time);
  }

  /** Users active and churned per profile, for summaries. */
  populationCounts(): Record<string, { active: number; churned: number }> {
    const out: Record<string, { active: number; churned: number }> = {};
    for (const p of this.ctx.config.profiles) out[p.name] = { active: 0, churned: 0 };
    for (const r of this.runners) {
      const c = (out[r.state.profile] ??= { active: 0, churned: 0 });
      if (r.state.active) c.active++;
      else c.churned++;
    }
    return out;
  }

  private activeCount(): number {
    let active = 0;
    for (const n of this.activeByProfile.values()) active += n;
    return active;
  }

  private churn(r: Runner): void {
    r.state.active = false;
    r.state.starts = [];
    this.activeByProfile.set(r.state.profile, (this.activeByProfile.get(r.state.profile) ?? 1) - 1);
    this.ctx.traits.delete(r.state.no);
  }

  /** A user's day: its engagement steps (not on its first day), then whether and when it holds sessions. */
  private plan(r: Runner, day: number, step: boolean): void {
    const u = r.state;
    const tables = profileOf(this.ctx, u.profile);
    const p = tables.config;
    const rng = reseedStream(this.dayRng, this.ctx.seed, Stream.UserDay, u.no, day);
    if (step) {
      u.se = stepEngagement(rng, u.se, p.session_engagement);
      if (p.user_type === 'purchase_engagement') u.pe = stepEngagement(rng, u.pe, p.purchase_engagement);
      if (u.se < CHURN_LEVEL && p.user_type !== 'event_per_period') {
        this.churn(r);
        return;
      }
    }
    u.day = day;
    u.sessions = 0;
    let starts: number[] = [];
    const from = Math.max(u.reg, this.start);
    if (p.user_type === 'event_per_period') {
      starts = Array.from({ length: 24 }, (_, h) => day * DAY_US + h * 3600 * US);
      // A user registered inside an hour begins right away, not at the next hour.
      if (Math.floor(from / DAY_US) === day && from % (3600 * US) !== 0) starts.push(from);
      starts.sort((a, b) => a - b);
    } else if (engagedToday(rng, u.se, p.session_day_of_week_probabilities, weekdayOf(day)))
      starts = sessionStarts(rng, p, day, sessionCount(rng, p, u.se));
    // Sessions drawn for a day but not begun by its end (a long session before them) are dropped.
    u.starts = starts.filter((s) => s >= from);
    if (r.at === null) this.schedule.queueStart(r);
  }

  /** Each churned user comes back with probability 1 - (1 - p)^24 a day (p per user-hour), engagement 1. */
  private resurrect(day: number): void {
    const p = this.ctx.config.population.resurrection_probability;
    if (p <= 0) return;
    const daily = 1 - (1 - p) ** 24;
    const rng = streamRng(this.ctx.seed, Stream.Resurrection, day);
    for (const r of this.runners) {
      if (r.state.active || rng.random() >= daily) continue;
      r.state.active = true;
      r.state.se = 1;
      this.activeByProfile.set(r.state.profile, (this.activeByProfile.get(r.state.profile) ?? 0) + 1);
      this.plan(r, day, false);
    }
  }

  /** With prune_oldest_registered_users: one user a day above target_max_count x (1 + volatility) leaves. */
  private prune(): void {
    const c = this.ctx.config.population;
    if (!c.prune_oldest_registered_users) return;
    if (this.activeCount() <= c.target_max_count * (1 + c.volatility)) return;
    const oldest = this.runners.find((r) => r.state.active);
    if (oldest) this.churn(oldest);
  }
}
