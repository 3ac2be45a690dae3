/**
 * Turns jobs into gzip members on every core and writes them strictly in order. Concatenated members are one
 * valid gzip file (RFC 1952); zlib, Python's gzip and gunzip read them whole.
 *
 * Jobs go to lanes: worker threads, which both format and compress, and the main thread's own lane, which
 * formats between draws and compresses on libuv's thread pool. Each job goes to the lane with the fewest
 * queued. A document that fits in one job never starts a thread. When the compiled worker is not available
 * (tests running the TypeScript sources), the main lane does everything. The bytes are the same either way.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { constants, gzip } from 'node:zlib';
import { recycleRunArrays } from './arrays';
import { formatJob } from './format';
import { type Job, runArrays } from './job';
import { gzipOptions } from './zlib';

export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
}

export interface CompressOptions {
  readonly level?: number;
  /**
   * Worker threads besides the main thread, which formats and compresses (on libuv's pool) a share of the
   * jobs too; 0 does everything that way. Default: one per extra core, at most 7.
   */
  readonly threads?: number;
}

export interface WorkRequest {
  readonly id: number;
  readonly level: number;
  readonly job: Job;
}

export type WorkReply =
  | { readonly id: number; readonly member: Uint8Array; readonly runs: readonly Float64Array[] }
  | { readonly id: number; readonly error: string };

const WORKER_FILE = join(__dirname, 'worker.js');

/** One worker per core besides the main thread's, which compresses too (on libuv's pool), at most 7. */
function defaultThreads(): number {
  return existsSync(WORKER_FILE) ? Math.min(7, availableParallelism() - 1) : 0;
}

interface Pending {
  resolve(member: Buffer): void;
  reject(err: Error): void;
}

/**
 * Worker threads, started on first use (or all at once by `warm`); each job goes to the thread with the
 * fewest jobs queued. Idle threads do not keep the process alive.
 */
class WorkerPool {
  private readonly workers: Array<{ worker: Worker; queued: number }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(readonly size: number) {}

  warm(): void {
    while (this.workers.length < this.size) this.start();
  }

  /** Jobs queued on the least busy thread (0 for a thread not started yet). */
  get shortestQueue(): number {
    if (this.workers.length < this.size) return 0;
    return Math.min(...this.workers.map((w) => w.queued));
  }

  run(job: Job, level: number): Promise<Buffer> {
    if (this.workers.length < this.size) this.start();
    if (this.pending.size === 0) this.workers.forEach(({ worker }) => worker.ref());
    const slot = this.workers.reduce((a, b) => (b.queued < a.queued ? b : a));
    const id = this.nextId++;
    slot.queued++;
    const request: WorkRequest = { id, level, job };
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (member) => {
          slot.queued--;
          resolve(member);
        },
        reject: (err) => {
          slot.queued--;
          reject(err);
        },
      });
      // The doubles move to the worker without a copy; the writer never touches a run it has handed over.
      slot.worker.postMessage(
        request,
        runArrays(job).map((a) => a.buffer as ArrayBuffer),
      );
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
    this.workers.length = 0;
  }

  private start(): void {
    const worker = new Worker(WORKER_FILE);
    worker.on('message', (reply: WorkReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) this.workers.forEach((w) => w.worker.unref());
      if ('error' in reply) {
        waiter?.reject(new Error(reply.error));
        return;
      }
      recycleRunArrays(...reply.runs);
      waiter?.resolve(Buffer.from(reply.member.buffer, reply.member.byteOffset, reply.member.byteLength));
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      if (code !== 0) this.failAll(new Error(`a compression thread exited with code ${code}`));
    });
    // After the listeners: adding a 'message' listener refs the thread again, and an idle thread must never
    // keep the process alive (a command that fails before writing would hang).
    worker.unref();
    this.workers.push({ worker, queued: 0 });
  }

  private failAll(err: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}

let warmPool: WorkerPool | undefined;

/**
 * Starts the compression threads now, so that they boot on the other cores while the main thread is still
 * loading the CLI. The next MemberCompressor adopts them. Does nothing where there are no worker files.
 */
export function warmCompressionPool(threads = defaultThreads()): void {
  if (threads === 0 || warmPool) return;
  warmPool = new WorkerPool(threads);
  warmPool.warm();
}

function inThread(job: Job, level: number): Promise<Buffer> {
  const text = formatJob(job);
  recycleRunArrays(...runArrays(job));
  return new Promise<Buffer>((resolve, reject) => {
    gzip(text, gzipOptions(level), (err, out) => (err ? reject(err) : resolve(out)));
  });
}

export class MemberCompressor {
  private readonly level: number;
  private readonly pool: WorkerPool | undefined;
  private readonly maxInFlight: number;
  /** The first job waits for a second one: a one-job document never starts a thread. */
  private held: Job | undefined;
  private started = false;
  private inFlight = 0;
  /** Jobs of the main thread's own lane not yet compressed. */
  private mainQueued = 0;
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly sink: ByteSink,
    options: CompressOptions = {},
  ) {
    this.level = options.level ?? constants.Z_DEFAULT_COMPRESSION;
    const threads = options.threads ?? warmPool?.size ?? defaultThreads();
    if (warmPool && warmPool.size === threads) {
      // Threads already running: nothing to save by holding the first job back.
      this.pool = warmPool;
      this.started = true;
    } else {
      this.pool = threads > 0 ? new WorkerPool(threads) : undefined;
    }
    if (this.pool === warmPool) warmPool = undefined;
    // Enough queued work to keep every lane busy while the main thread waits for the disk.
    this.maxInFlight = 2 * (threads + 1) + 1;
  }

  submit(job: Job): void {
    if (!this.started) {
      if (this.held === undefined) {
        this.held = job;
        return;
      }
      this.started = true;
      this.dispatch(this.held, this.pool);
      this.held = undefined;
    }
    this.dispatch(job, this.pool);
  }

  get congested(): boolean {
    return this.inFlight >= this.maxInFlight;
  }

  async drain(): Promise<void> {
    while (this.inFlight >= this.maxInFlight && this.failure === undefined) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Waits for every member to be written. */
  async end(): Promise<void> {
    if (this.held !== undefined) this.dispatch(this.held, undefined);
    this.held = undefined;
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Stops the threads; safe to call more than once, and after a failure. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private dispatch(job: Job, pool: WorkerPool | undefined): void {
    this.inFlight++;
    let member: Promise<Buffer>;
    if (pool && pool.shortestQueue <= this.mainQueued) {
      member = pool.run(job, this.level);
    } else {
      // The main thread's lane: formatted here, compressed on libuv's pool.
      this.mainQueued++;
      member = inThread(job, this.level).finally(() => this.mainQueued--);
    }
    // A rejection is reported through the tail, in order; this keeps Node from calling it unhandled meanwhile.
    member.catch(() => undefined);
    this.tail = this.tail
      .then(() => member)
      .then((bytes) => (this.failure === undefined ? this.sink.write(bytes) : undefined))
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        this.inFlight--;
        this.waiters.splice(0).forEach((wake) => wake());
      });
  }
}
