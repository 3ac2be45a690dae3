/**
 * Replaces a file atomically: everything goes to a temp file in the same folder, which is fsynced and renamed
 * over the target only when complete. A process killed at any moment leaves the old file whole.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from './encode/pool';

/** Temp files of this process not yet committed: removed by `removePendingTempFiles` on a signal. */
const pendingTemps = new Set<string>();

export class AtomicFile implements ByteSink {
  private done = false;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(target: string): Promise<AtomicFile> {
    const dir = dirname(target);
    const tempPath = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const mode = await stat(target).then(
      (s) => s.mode & 0o777,
      () => 0o644,
    );
    const handle = await open(
      tempPath,
      fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL,
      mode,
    );
    pendingTemps.add(tempPath);
    return new AtomicFile(target, tempPath, handle);
  }

  async write(chunk: Buffer): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.handle.write(chunk, offset);
      offset += bytesWritten;
    }
  }

  async commit(): Promise<void> {
    this.done = true;
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tempPath, this.target);
    pendingTemps.delete(this.tempPath);
    await syncDirectory(dirname(this.target));
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
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
