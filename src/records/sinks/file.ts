/**
 * Append-only files with a committed position. Lines gather in a buffer and are written with plain
 * synchronous writes of ~1 MiB (no promise per line, nothing queued behind the event loop); a flush writes the
 * rest and fsyncs, and only then is the position committed. A resume truncates the file to the committed
 * length and removes the files of this output begun after it, so that the run continues from exactly there.
 * `.gz` outputs compress each buffer as one gzip member (a multi-member file every gzip reader reads whole);
 * they cannot be cut back, so they are not resumable.
 * Other modes (generate-events): `truncate` begins every file empty and writes it in place (live readers may
 * follow it); `replace` writes every file under a temp name beside it and renames it into place once it is
 * finished (the next period begins, or the run ends), so a file under its own name is always complete; `abort`
 * or a signal (metrics/atomic's temp-file list) removes the unfinished one.
 */
import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { constants as zlibConstants, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { forgetTempFile, trackTempFile } from '../../metrics/atomic';
import { describeIoError } from '../../util/io';
import { BackgroundWriter } from './background';
import { ByteBuffer } from './bytes';
import { giveBackSlab } from './slabs';
import { SinkError } from './errors';
import { fileName, namePattern, orderKey, periodOf, sequenceOf, type NamePattern } from './rotation';
import type { FileMode, FileSinkOptions, GivenBytes, LineSink, Rotation, SinkPosition } from './types';

const DEFAULT_BUFFER_BYTES = 1024 * 1024;

export function openFileSink(options: FileSinkOptions): FileSink {
  return new FileSink(options);
}

export class FileSink implements LineSink {
  readonly name: string;
  readonly resumable: boolean;
  readonly closed = false;
  private readonly dir: string;
  private readonly pattern: NamePattern;
  private readonly rotation: Rotation;
  private readonly header: string;
  private readonly bufferBytes: number;
  private readonly gzip: boolean;
  private readonly mode: FileMode;
  /** `replace` mode: the temp file the current one is written to. */
  private temp: string | undefined;

  /** The file being written: its name in `dir`, its descriptor, its length on disk. */
  private current: string | null = null;
  private fd: number | undefined;
  private fileBytes = 0;
  /** The day or hour of the current file (time rotation); its sequence number (size rotation). */
  private period: number | undefined;
  /** Lines not yet written, as bytes. */
  private readonly pending = new ByteBuffer();
  private position: SinkPosition = { kind: 'file', file: null, bytes: 0 };
  private started = false;
  /** `background` appended files: writes, fsyncs and closes done in libuv's thread pool, in order */
  private readonly writer: BackgroundWriter | undefined;

  constructor(options: FileSinkOptions) {
    this.name = options.path;
    this.dir = dirname(options.path);
    this.rotation = options.rotation ?? { kind: 'none' };
    this.pattern = namePattern(options.path, this.rotation);
    this.header = options.header ?? '';
    this.bufferBytes = options.bufferBytes ?? DEFAULT_BUFFER_BYTES;
    this.gzip = options.path.toLowerCase().endsWith('.gz');
    this.mode = options.mode ?? 'append';
    this.resumable = !this.gzip && this.mode === 'append';
    if (options.background && this.resumable) this.writer = new BackgroundWriter();
    if (this.rotation.kind === 'size' && !(this.rotation.maxBytes > 0))
      throw new SinkError(`${this.name}: rotation size must be more than 0 bytes`);
  }

  write(lines: string, at: number): Promise<void> | undefined {
    this.started = true;
    this.enterPeriod(at);
    const rotation = this.rotation;
    if (rotation.kind === 'size') {
      const bytes = Buffer.byteLength(lines);
      const used = this.fileBytes + this.pending.length;
      // A line longer than the limit still goes somewhere: into a file of its own.
      if (used + bytes > rotation.maxBytes && used > Buffer.byteLength(this.header)) {
        const next = (this.period ?? 1) + 1;
        this.switchTo(fileName(this.pattern, next), next);
      }
    }
    this.pending.append(lines);
    if (this.pending.length >= this.bufferBytes) this.drain();
    // A background file asks its caller to wait while a batch is still being written (else undefined).
    return this.writer?.room();
  }

  writeLine(line: string, at: number): Promise<void> | undefined {
    if (this.rotation.kind !== 'none') return this.write(`${line}\n`, at);
    this.started = true;
    if (this.current === null) this.switchTo(fileName(this.pattern, 1), 1);
    this.pending.appendLine(line);
    if (this.pending.length >= this.bufferBytes) this.drain();
    // A background file asks its caller to wait while a batch is still being written (else undefined).
    return this.writer?.room();
  }

  /**
   * Lines as UTF-8 bytes, written straight to the file (after any pending text, so order holds) without a
   * string in between. Gzip and size rotation take the text path, which already counts and compresses.
   * Bytes `given` for good are written from where they lie in the background, and their buffer goes back to
   * slabs.ts once written (a formatter takes it again from there).
   */
  writeBytes(lines: Uint8Array, at: number, given?: GivenBytes): Promise<void> | undefined {
    if (this.gzip || this.rotation.kind === 'size')
      return this.write(Buffer.from(lines.buffer, lines.byteOffset, lines.length).toString('utf8'), at);
    this.started = true;
    this.enterPeriod(at);
    this.drain();
    const fd = this.fd as number;
    if (this.writer) {
      this.writer.write(fd, this.path(), lines, given !== undefined);
      this.fileBytes += lines.length;
      return this.writer.room();
    }
    this.io(() => {
      for (let offset = 0; offset < lines.length;)
        offset += writeSync(fd, lines, offset, lines.length - offset);
    });
    this.fileBytes += lines.length;
    if (given) giveBackSlab(lines);
    return undefined;
  }

  async flush(): Promise<void> {
    this.drain();
    const position: SinkPosition = { kind: 'file', file: this.current, bytes: this.fileBytes };
    if (this.writer) {
      // Committed only once every byte before it is written and fsynced.
      if (this.fd !== undefined) this.writer.sync(this.fd, this.path());
      await this.writer.idle();
    } else if (this.fd !== undefined) this.io(() => fsyncSync(this.fd as number));
    this.position = position;
  }

  committed(): SinkPosition {
    if (!this.resumable) throw this.notResumable();
    return this.position;
  }

  async truncateTo(position: SinkPosition): Promise<void> {
    if (!this.resumable) throw this.notResumable();
    if (this.started) throw new Error(`${this.name}: truncateTo after a write`);
    if (position.kind !== 'file') throw new SinkError(`${this.name}: the saved position is not a file's`);
    const names = this.existing();
    const keep = position.file === null ? undefined : orderKey(this.pattern, position.file);
    if (position.file !== null && keep === undefined)
      throw new SinkError(
        `${this.name}: the saved file '${position.file}' is not one of this output's names`,
      );
    if (position.file !== null) {
      const path = join(this.dir, position.file);
      const size = this.io(
        () => statSync(path).size,
        path,
        () => 0,
      );
      if (size < position.bytes)
        throw new SinkError(
          `${path} is shorter (${size} bytes) than at the last checkpoint (${position.bytes} bytes): was it changed? Reset the run to start over`,
        );
      this.open(position.file, this.periodOfName(position.file));
      this.io(() => ftruncateSync(this.fd as number, position.bytes), path);
      this.fileBytes = position.bytes;
    }
    // Files that sort after the committed one were begun after the checkpoint.
    for (const name of names) {
      const order = orderKey(this.pattern, name) as string;
      if (keep === undefined || order > keep)
        this.io(() => unlinkSync(join(this.dir, name)), join(this.dir, name));
    }
    this.position = { ...position };
  }

  async close(): Promise<void> {
    await this.flush();
    this.closeFile();
    await this.writer?.idle();
  }

  /** Ends without finishing: a `replace` file being written is removed (its old version, if any, stays). */
  async abort(): Promise<void> {
    this.pending.clear();
    // Nothing may still be writing to the descriptor closed here (its number could be reused at once).
    await this.writer?.idle().catch(() => undefined);
    const temp = this.temp;
    this.temp = undefined;
    if (this.fd !== undefined) {
      const fd = this.fd;
      this.fd = undefined;
      try {
        closeSync(fd);
      } catch {
        // closing is all that is left to do
      }
    }
    if (temp === undefined) return;
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    forgetTempFile(temp);
  }

  /** Files of this output in its folder, in order. */
  private existing(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SinkError(`${this.dir}: ${describeIoError(err)}`);
    }
    return names
      .filter((name) => orderKey(this.pattern, name) !== undefined)
      .sort((a, b) =>
        (orderKey(this.pattern, a) as string) < (orderKey(this.pattern, b) as string) ? -1 : 1,
      );
  }

  private periodOfName(name: string): number | undefined {
    if (this.rotation.kind === 'size') return sequenceOf(this.pattern, name);
    // Time rotation: the next write computes its period and finds the same name, or begins the next file.
    return undefined;
  }

  /** Writes what is pending to the current file, then begins `name`. */
  /** Opens the file a line at `at` belongs in: its day or hour's under time rotation, else the first. */
  private enterPeriod(at: number): void {
    const rotation = this.rotation;
    if (rotation.kind === 'daily' || rotation.kind === 'hourly') {
      const period = periodOf(rotation, at);
      if (period !== this.period) this.switchTo(fileName(this.pattern, period), period);
    } else if (this.current === null) {
      this.switchTo(fileName(this.pattern, 1), 1);
    }
  }

  private switchTo(name: string, period: number): void {
    if (name === this.current && this.fd !== undefined) {
      this.period = period;
      return;
    }
    this.drain();
    if (this.fd !== undefined) {
      if (this.writer) this.writer.sync(this.fd, this.path());
      else this.io(() => fsyncSync(this.fd as number));
    }
    this.closeFile();
    this.open(name, period);
  }

  private open(name: string, period: number | undefined): void {
    const path = join(this.dir, name);
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'not a folder' : describeIoError(err);
      throw new SinkError(`${this.dir}: ${why}`);
    }
    const { O_WRONLY, O_CREAT, O_APPEND, O_TRUNC, O_EXCL } = fsConstants;
    if (this.mode === 'replace') {
      const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      this.fd = this.io(() => openSync(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644), path);
      // Listed the moment it exists: a signal removes it.
      trackTempFile(temp);
      this.temp = temp;
    } else {
      const flags = O_WRONLY | O_CREAT | (this.mode === 'truncate' ? O_TRUNC : O_APPEND);
      this.fd = this.io(() => openSync(path, flags, 0o644), path);
    }
    this.fileBytes = this.io(() => fstatSync(this.fd as number).size, path);
    this.current = name;
    this.period = period;
    // A file begun now (not one continued) starts with the header.
    if (this.fileBytes === 0 && this.header !== '') {
      // Nothing is pending here: what the previous file had was written before it closed.
      this.pending.append(this.header);
    }
  }

  private drain(): void {
    if (this.pending.length === 0 || this.fd === undefined) return;
    const chunks = this.pending.take();
    const parts = this.gzip
      ? [gzipSync(Buffer.concat(chunks), { level: zlibConstants.Z_DEFAULT_COMPRESSION })]
      : chunks;
    const fd = this.fd;
    const path = join(this.dir, this.current as string);
    if (this.writer) {
      // The chunks are the sink's alone (ByteBuffer.take gives them up): written as they are.
      for (const bytes of parts) {
        this.writer.write(fd, path, bytes, true);
        this.fileBytes += bytes.length;
      }
      return;
    }
    this.io(() => {
      for (const bytes of parts) {
        for (let offset = 0; offset < bytes.length;)
          offset += writeSync(fd, bytes, offset, bytes.length - offset);
        this.fileBytes += bytes.length;
      }
    }, path);
  }

  /** Closes the current file; a `replace` file is complete now and takes its name. */
  private closeFile(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    if (this.writer) return this.writer.close(fd, this.path());
    this.io(() => closeSync(fd));
    const temp = this.temp;
    if (temp === undefined) return;
    this.temp = undefined;
    const path = join(this.dir, this.current as string);
    this.io(() => renameSync(temp, path), path);
    forgetTempFile(temp);
  }

  /** The current file's path (the pattern's before the first). */
  private path(): string {
    return this.current === null ? this.name : join(this.dir, this.current);
  }

  /** File-system calls with their errors in one line naming the file. */
  private io<T>(
    call: () => T,
    path = this.current === null ? this.name : join(this.dir, this.current),
    onMissing?: () => T,
  ): T {
    try {
      return call();
    } catch (err) {
      if (onMissing && (err as NodeJS.ErrnoException).code === 'ENOENT') return onMissing();
      throw new SinkError(`${path}: ${describeIoError(err)}`);
    }
  }

  private notResumable(): SinkError {
    if (!this.gzip) return new SinkError(`${this.name}: only appended files can be resumed`);
    return new SinkError(
      `${this.name}: compressed (.gz) outputs cannot be resumed; write it uncompressed to resume`,
    );
  }
}
