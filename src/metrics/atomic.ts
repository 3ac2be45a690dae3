/**
 * Replaces a file atomically: everything goes to a temp file in the same folder, which is fsynced and renamed
 * over the target only when complete. A process killed at any moment leaves the old file whole.
 * A symlink is followed: the file it points to is replaced and the link stays a link.
 */
import { randomBytes } from 'node:crypto';
import { close, constants as fsConstants, fsync, openSync, unlinkSync, write } from 'node:fs';
import { lstat, open, readlink, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { ByteSink } from './encode/pool';

const writeFd = promisify(write);
const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

/** Temp files of this process not yet committed: removed by `removePendingTempFiles` on a signal. */
const pendingTemps = new Set<string>();

/** Symlinks deeper than this are left for open() to refuse (ELOOP). */
const MAX_LINKS = 40;

/** Where writing `path` really lands: symlinks followed, even one whose target does not exist yet. */
export async function followLinks(path: string): Promise<string> {
  let current = path;
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    const info = await lstat(current).catch(() => undefined);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  return current;
}

export class AtomicFile implements ByteSink {
  private done = false;

  private constructor(
    /** The file replaced on commit (the link's target when given a symlink). */
    readonly target: string,
    readonly tempPath: string,
    private readonly fd: number,
  ) {}

  static async create(path: string): Promise<AtomicFile> {
    const target = await followLinks(path);
    const tempPath = join(
      dirname(target),
      `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    const mode = await stat(target).then(
      (s) => s.mode & 0o777,
      () => 0o644,
    );
    // Opened synchronously so that the temp file is listed the moment it exists: a signal handled in between
    // would otherwise leave it behind.
    const fd = openSync(tempPath, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
    pendingTemps.add(tempPath);
    return new AtomicFile(target, tempPath, fd);
  }

  async write(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await writeFd(this.fd, chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }

  async commit(): Promise<void> {
    this.done = true;
    try {
      await fsyncFd(this.fd);
    } finally {
      await closeFd(this.fd);
    }
    await rename(this.tempPath, this.target);
    pendingTemps.delete(this.tempPath);
    await syncDirectory(dirname(this.target));
  }

  async abort(): Promise<void> {
    if (this.done) {
      // A commit that failed before its rename leaves the temp file: remove it all the same.
      if (pendingTemps.has(this.tempPath)) await this.removeTemp();
      return;
    }
    this.done = true;
    await closeFd(this.fd).catch(() => undefined);
    await this.removeTemp();
  }

  private async removeTemp(): Promise<void> {
    await unlink(this.tempPath).catch(() => undefined);
    pendingTemps.delete(this.tempPath);
  }
}

/** So the rename itself survives a power cut. Some file systems refuse fsync on a folder: that is fine. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY).catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

/** A temp file written by other means (a rotating file sink): removed on a signal until forgotten. */
export function trackTempFile(path: string): void {
  pendingTemps.add(path);
}

export function forgetTempFile(path: string): void {
  pendingTemps.delete(path);
}

/** Synchronous, for signal handlers. */
export function removePendingTempFiles(): void {
  for (const path of pendingTemps) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
  pendingTemps.clear();
}
