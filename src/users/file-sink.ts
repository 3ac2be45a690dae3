/**
 * Stopgap until records/sinks' openFileSink lands on this branch: an append-only file with a committed
 * length, truncate-on-resume and daily rotation (`logs.csv` -> `logs-2020-01-31.csv`), behind LineSink.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { FileSinkOptions, LineSink, SinkPosition } from '../records/sinks/types';
import { SinkError } from '../records/sinks/errors';

export function openFileSinkStopgap(options: FileSinkOptions): LineSink {
  const daily = options.rotation?.kind === 'daily';
  const dir = dirname(options.path);
  const ext = extname(options.path);
  const stem = basename(options.path, ext);
  const nameFor = (at: number): string =>
    daily ? `${stem}-${new Date(at).toISOString().slice(0, 10)}${ext}` : basename(options.path);
  let fd: number | undefined;
  let file: string | null = null;
  let bytes = 0;
  let committedPos: SinkPosition = { kind: 'file', file: null, bytes: 0 };
  let chunks: string[] = [];

  const open = (name: string): void => {
    if (fd !== undefined) closeSync(fd);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, name);
    fd = openSync(path, 'a');
    file = name;
    bytes = statSync(path).size;
    if (bytes === 0 && options.header) bytes += writeSync(fd, options.header);
  };
  const push = (): void => {
    if (chunks.length === 0 || fd === undefined) return;
    bytes += writeSync(fd, chunks.join(''));
    chunks = [];
  };
  return {
    name: options.path,
    resumable: true,
    closed: false,
    write(lines, at) {
      const name = nameFor(at);
      if (name !== file) {
        push();
        open(name);
      }
      chunks.push(lines);
      if (chunks.length > 64) push();
      return undefined;
    },
    async flush() {
      push();
      if (fd !== undefined) fsyncSync(fd);
      committedPos = { kind: 'file', file, bytes };
    },
    committed: () => committedPos,
    async truncateTo(position) {
      if (position.kind !== 'file')
        throw new SinkError(`${options.path}: the saved position is not a file's`);
      const sibling = (n: string) =>
        n === basename(options.path) || (n.startsWith(`${stem}-`) && n.endsWith(ext));
      const later = existsSync(dir)
        ? readdirSync(dir).filter((n) => sibling(n) && (position.file === null || n > position.file))
        : [];
      for (const n of later) rmSync(join(dir, n), { force: true });
      if (position.file !== null) {
        const path = join(dir, position.file);
        const size = existsSync(path) ? statSync(path).size : -1;
        if (size < position.bytes)
          throw new SinkError(
            `${path} is shorter than its saved length (${position.bytes} bytes): it changed since the checkpoint`,
          );
        const f = openSync(path, 'r+');
        ftruncateSync(f, position.bytes);
        closeSync(f);
        open(position.file);
      }
      committedPos = position;
    },
    async close() {
      push();
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
