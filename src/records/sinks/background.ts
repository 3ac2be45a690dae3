/**
 * A file sink's writes done by libuv's thread pool, so that a generator formats its next batch on the main
 * thread while the kernel copies the last one (the machine's second core does the copy).
 * Jobs (write, fsync, close) run one at a time, strictly in order: two appends in flight at once could land
 * in either order. A batch handed over for good is written from where it lies; any other is copied into a
 * slab (slabs.ts), and every slab goes back there once written.
 */
import { close, closeSync, fdatasync, fsync, write } from 'node:fs';
import { describeIoError } from '../../util/io';
import { SinkError } from './errors';
import { giveBackSlab, takeSlab } from './slabs';

/**
 * Batches written or waiting before the caller is asked to wait: one. Writing a batch into the page cache
 * takes well under a millisecond, formatting the next one ~10 ms, so the caller hardly ever waits, and no
 * more slabs exist than that needs.
 */
const BACKLOG = 1;
/**
 * Bytes written between early syncs. The kernel holds GBs of written pages back (here 10 % of the RAM before
 * it begins writing them out), so a checkpoint's fsync would wait for the disk to take all of them: an
 * fdatasync started beside the writes every so often lets the disk take them while the run goes on.
 */
const EARLY_SYNC = 64 * 1024 * 1024;

type Job =
  | { readonly kind: 'write'; readonly fd: number; readonly path: string; readonly bytes: Uint8Array }
  | { readonly kind: 'fsync' | 'close'; readonly fd: number; readonly path: string };

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class BackgroundWriter {
  private readonly jobs: Job[] = [];
  private running = false;
  /** writes queued or running */
  private writes = 0;
  private failure: SinkError | undefined;
  private idleWaiters: Waiter[] = [];
  private roomWaiters: (() => void)[] = [];
  /** bytes written since the last early sync began */
  private unsynced = 0;
  /** the early sync running beside the jobs: its descriptor, and a close that waits for it */
  private early: { readonly fd: number; closing?: () => void } | undefined;

  /**
   * Queues `bytes`, appended to `fd` after every job before it: as they are when `given` (the caller never
   * touches them again), else a copy.
   */
  write(fd: number, path: string, bytes: Uint8Array, given = false): void {
    this.check();
    if (bytes.length === 0) return;
    let kept = bytes;
    if (!given) {
      const slab = takeSlab(bytes.length);
      slab.set(bytes);
      kept = slab.subarray(0, bytes.length);
    }
    this.writes++;
    this.queue({ kind: 'write', fd, path, bytes: kept });
  }

  /** Queues an fsync of `fd` (after the writes before it). */
  sync(fd: number, path: string): void {
    this.check();
    this.queue({ kind: 'fsync', fd, path });
  }

  /** Queues the close of `fd`; after a failure it is closed at once (nothing more is written to it). */
  close(fd: number, path: string): void {
    if (this.failure !== undefined) return closeQuietly(fd);
    this.queue({ kind: 'close', fd, path });
  }

  /** Undefined while the caller may go on; else resolves once a batch is written (BACKLOG are pending). */
  room(): Promise<void> | undefined {
    if (this.writes < BACKLOG) return undefined;
    return new Promise<void>((resolve) => this.roomWaiters.push(resolve));
  }

  /** Settles once every queued job is done; rejects with the first failure (naming the file). */
  idle(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (!this.running && this.early === undefined) return Promise.resolve();
    return new Promise<void>((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private queue(job: Job): void {
    this.jobs.push(job);
    if (!this.running) this.next();
  }

  private next(): void {
    const job = this.jobs.shift();
    if (job === undefined) {
      this.running = false;
      this.settled();
      return;
    }
    this.running = true;
    if (job.kind === 'write') return this.writeFrom(job, 0);
    const done = (err: NodeJS.ErrnoException | null): void => (err ? this.fail(job, err) : this.next());
    if (job.kind === 'fsync') fsync(job.fd, done);
    // A descriptor being synced early is closed after (its number could otherwise be reused under the sync).
    else if (this.early?.fd === job.fd) this.early.closing = () => close(job.fd, done);
    else close(job.fd, done);
  }

  /** Idle waiters resolve once no job and no early sync runs. */
  private settled(): void {
    if (this.running || this.early !== undefined) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter.resolve();
  }

  /** Starts an fdatasync of `fd` beside the jobs; its failure fails the writer (a later fsync may not report it). */
  private syncEarly(fd: number, path: string): void {
    const early: { readonly fd: number; closing?: () => void } = { fd };
    this.early = early;
    fdatasync(fd, (err) => {
      this.early = undefined;
      if (err && this.failure === undefined) {
        this.failure = new SinkError(`${path}: ${describeIoError(err)}`);
        for (const waiter of this.idleWaiters.splice(0)) waiter.reject(this.failure);
      }
      if (early.closing) early.closing();
      else this.settled();
    });
  }

  /** Writes the rest of a write job's bytes (a write may take fewer than it was given). */
  private writeFrom(job: Job & { kind: 'write' }, offset: number): void {
    const bytes = job.bytes;
    write(job.fd, bytes, offset, bytes.length - offset, null, (err, written) => {
      if (err) return this.fail(job, err);
      if (offset + written < bytes.length) return this.writeFrom(job, offset + written);
      this.writes--;
      this.unsynced += bytes.length;
      if (this.unsynced >= EARLY_SYNC && this.early === undefined) {
        this.unsynced = 0;
        this.syncEarly(job.fd, job.path);
      }
      giveBackSlab(bytes);
      if (this.writes < BACKLOG) for (const resolve of this.roomWaiters.splice(0)) resolve();
      this.next();
    });
  }

  /** A job failed: the ones after it are dropped, every waiter hears of it. */
  private fail(job: Job, err: NodeJS.ErrnoException): void {
    this.failure = new SinkError(`${job.path}: ${describeIoError(err)}`);
    this.running = false;
    this.writes = 0;
    // Descriptors the sink let go of; the failed job's own, if still the sink's, is the sink's to close.
    for (const later of this.jobs.splice(0)) if (later.kind === 'close') closeQuietly(later.fd);
    for (const waiter of this.idleWaiters.splice(0)) waiter.reject(this.failure);
    // A caller waiting for room goes on: its next write or flush throws the failure.
    for (const resolve of this.roomWaiters.splice(0)) resolve();
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closing is all that is left to do
  }
}
