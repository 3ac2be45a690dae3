/**
 * Byte batches written one after another off the main thread (libuv's pool), so that a generator formats the
 * next batch while the kernel copies the last one. Each batch is copied into a buffer the queue owns (the
 * caller reuses its own at once), and jobs run strictly in order: a job's synchronous part (opening the next
 * file of a rotation, say) runs only once the job before it has finished, so no descriptor changes under a
 * write. A failure fails every job queued after it and is thrown again by the next `push` or `idle`.
 */

/** Starts writing `bytes` (rotation and all) and calls `done` once, when they are written or failed. */
export type StartWrite = (bytes: Uint8Array, at: number, done: (err?: unknown) => void) => void;

interface Job {
  /** the queue's buffer, and the batch at its start */
  readonly whole: Buffer;
  readonly bytes: Buffer;
  readonly at: number;
  started?: () => void;
  failed?: (err: unknown) => void;
}

export class WriteQueue {
  private readonly jobs: Job[] = [];
  private busy = false;
  private failure: unknown;
  /** buffers of finished jobs, for the next ones */
  private readonly free: Buffer[] = [];
  private idleWaiters: { resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(private readonly start: StartWrite) {}

  /** True while a job runs or waits. */
  get pending(): boolean {
    return this.busy;
  }

  /**
   * Queues a copy of `lines`. Undefined when it started at once; else a promise that settles when it starts
   * (the job before it is written): a caller that waits for it keeps at most one batch in flight and one queued.
   */
  push(lines: Uint8Array, at: number): Promise<void> | undefined {
    if (this.failure !== undefined) throw this.failure;
    const whole = this.buffer(lines.length);
    whole.set(lines);
    const job: Job = { whole, bytes: whole.subarray(0, lines.length), at };
    if (!this.busy) {
      this.run(job);
      return undefined;
    }
    this.jobs.push(job);
    return new Promise<void>((resolve, reject) => {
      job.started = resolve;
      job.failed = reject;
    });
  }

  /** Settles once every queued job is written (rejects with the first failure). */
  idle(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (!this.busy) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  /**
   * A free buffer of at least `size` bytes (its own memory: never a slice of Node's shared pool). New ones
   * have a quarter to spare: batches of about one size all fit, and none is dropped for a slightly larger one
   * (dropped buffers are external memory that lingers until a garbage collection: tens of MB over a long run).
   */
  private buffer(size: number): Buffer {
    const free = this.free.pop();
    if (free !== undefined && free.length >= size) return free;
    return Buffer.allocUnsafeSlow(Math.max(size + (size >> 2), 1 << 16));
  }

  private run(job: Job): void {
    this.busy = true;
    let finished = false;
    const done = (err?: unknown): void => {
      if (finished) return;
      finished = true;
      this.finished(job, err);
    };
    try {
      this.start(job.bytes, job.at, done);
    } catch (err) {
      done(err);
    }
  }

  private finished(job: Job, err: unknown): void {
    this.busy = false;
    // Two spare buffers at most: one being filled, one being written is the steady state.
    if (this.free.length < 2) this.free.push(job.whole);
    if (err !== undefined) {
      this.failure = err;
      for (const queued of this.jobs.splice(0)) queued.failed?.(err);
      for (const waiter of this.idleWaiters.splice(0)) waiter.reject(err);
      return;
    }
    const next = this.jobs.shift();
    if (next !== undefined) {
      this.run(next);
      // (a job that failed at once was rejected first: this resolve is then ignored)
      next.started?.();
      return;
    }
    for (const waiter of this.idleWaiters.splice(0)) waiter.resolve();
  }
}
