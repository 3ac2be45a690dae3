/**
 * The discrete-event core: a clock that jumps from event to event, a queue ordered by (time, priority,
 * insertion order), and processes written as generators (SimPy's shape). It knows nothing of clusters or
 * metrics; the simulator gives events names and actions.
 */
import { EventQueue } from './queue';

/** Something that happens at one instant. `detail` is appended to its log line (e.g. ` new size: 4`). */
export interface SimEvent {
  readonly name: string;
  fire(env: Environment): void;
  detail?(): string;
}

/** What an observer sees of each event that fires, in order. */
export interface FiredEvent {
  readonly id: number;
  readonly time: number;
  readonly name: string;
  readonly detail: string;
}

/** A process yields these to wait: `yield env.timeout(60)`. */
export interface Timeout {
  readonly kind: 'timeout';
  readonly delay: number;
  readonly priority: number;
}

export type Process = Generator<Timeout, void, void>;

export interface EnvironmentOptions {
  /** Simulated time (epoch seconds) the clock starts at. */
  readonly start: number;
  /** Events at or after this time never fire. */
  readonly end: number;
  readonly onEvent?: (event: FiredEvent) => void;
  /**
   * Hears the clock move forward, before the first event of each new time fires (and once more when the run
   * reaches its end): what observers that fold the run as it goes need to settle everything before that time.
   */
  readonly onAdvance?: (now: number) => void;
}

/** How often runInSlices looks at the wall clock: rarely enough to cost nothing, often enough for 50 ms. */
export const EVENTS_PER_LOOK = 128;

export class Environment {
  private readonly queue = new EventQueue<SimEvent>();
  private clock: number;
  private fired = 0;
  private stopped = false;
  readonly start: number;
  readonly end: number;
  private readonly onEvent: ((event: FiredEvent) => void) | undefined;
  private readonly onAdvance: ((now: number) => void) | undefined;

  constructor(options: EnvironmentOptions) {
    if (!(options.end > options.start)) throw new RangeError('the end must be after the start');
    this.start = options.start;
    this.end = options.end;
    this.clock = options.start;
    this.onEvent = options.onEvent;
    this.onAdvance = options.onAdvance;
  }

  get now(): number {
    return this.clock;
  }

  /** Events fired so far. */
  get processed(): number {
    return this.fired;
  }

  /** Schedules `event` at `time`; false (and nothing scheduled) when that is in the past or at/after the end. */
  schedule(time: number, priority: number, event: SimEvent): boolean {
    if (!Number.isFinite(time) || time < this.clock || time >= this.end) return false;
    this.queue.push(time, priority, event);
    return true;
  }

  /** An event made of a name and an action. */
  at(time: number, priority: number, name: string, action: (env: Environment) => void): boolean {
    return this.schedule(time, priority, { name, fire: action });
  }

  timeout(delay: number, priority = 0): Timeout {
    if (!(delay >= 0)) throw new RangeError(`a timeout must not be negative (got ${delay})`);
    return { kind: 'timeout', delay, priority };
  }

  /** Starts a process now: it runs until its first yield, then resumes after each timeout it yields. */
  process(name: string, body: Process, priority = 0): void {
    const step = (): void => {
      const next = body.next();
      if (next.done) return;
      const { delay, priority: p } = next.value;
      this.schedule(this.clock + delay, p, { name, fire: step });
    };
    this.schedule(this.clock, priority, { name, fire: step });
  }

  /** Ends the run after the event being fired. */
  stop(): void {
    this.stopped = true;
  }

  /** When the next event is due, or undefined when none is queued (or the run was stopped). */
  get nextTime(): number | undefined {
    return this.stopped || this.queue.size === 0 ? undefined : this.queue.topTime;
  }

  /** Whether `stop` was called. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Fires up to `count` events and returns whether more may follow: for drivers that interleave the run with
   * their own work (flushing output, pacing against the wall clock; see pacing.ts).
   */
  step(count: number): boolean {
    return this.fireSome(count);
  }

  /** Fires events in order until the queue is empty, the end is reached or `stop` is called. */
  run(): void {
    while (this.fireSome(Infinity));
    this.finishRun();
  }

  private finishRun(): void {
    if (this.stopped) return;
    this.clock = this.end;
    this.onAdvance?.(this.end);
  }

  /**
   * Like run(), but hands control back once at least `sliceMs` of wall time passed (looked at every
   * EVENTS_PER_LOOK events): `onSlice` hears the simulated time reached and the event loop gets a turn, so
   * timers draw and signals are heard during a long run. Same events, same order, same result as run().
   */
  async runInSlices(onSlice: (now: number) => void, sliceMs = 50): Promise<void> {
    let sliceStart = performance.now();
    while (this.fireSome(EVENTS_PER_LOOK)) {
      if (performance.now() - sliceStart < sliceMs) continue;
      onSlice(this.clock);
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    this.finishRun();
    onSlice(this.clock);
  }

  /** Fires up to `count` events; true when more may follow. */
  private fireSome(count: number): boolean {
    for (let n = 0; n < count; n++) {
      if (this.stopped) return false;
      // The entry itself (no object is made per fired event), not topTime and popItem: two fewer small
      // hot functions for the optimising compiler to compile on their own while a short run warms up.
      const top = this.queue.pop();
      if (top === undefined) return false;
      const time = top.time;
      const event = top.item;
      if (time > this.clock) this.onAdvance?.(time);
      this.clock = time;
      const id = this.fired++;
      event.fire(this);
      this.onEvent?.({ id, time, name: event.name, detail: event.detail?.() ?? '' });
    }
    return !this.stopped;
  }
}
