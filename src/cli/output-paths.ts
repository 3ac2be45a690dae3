/**
 * Output paths are checked before any work: a run that would fail only at the end, after minutes of
 * simulating or pulling, fails at once instead, with one line naming the flag and the path.
 */
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, extname, join, parse } from 'node:path';
import { followLinks } from '../metrics/atomic';
import { UsageError } from './errors';

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

/**
 * Throws a UsageError unless `path` can be replaced atomically: it must not be a folder or another
 * non-file, and its folder must exist and be writable (the temp file is made there). Symlinks are followed.
 * `ifFolder` says what to do instead when it is a folder.
 */
export async function checkOutputPath(flag: string, path: string, ifFolder: string): Promise<void> {
  const fail = (detail: string): never => {
    throw new UsageError(`${flag}: ${path}${detail}`);
  };
  const target = await followLinks(path);
  const shown = target === path ? '' : ` (via the link to ${target})`;
  const info = await stat(target).catch((err: unknown) => {
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return undefined;
    return fail(` cannot be reached${shown} (${code(err) ?? String(err)})`);
  });
  if (info?.isDirectory()) fail(` is a folder${shown}: ${ifFolder}`);
  if (info && !info.isFile())
    fail(` is not a regular file${shown}${flag === '--output' ? ' (use - for stdout)' : ''}`);
  const folder = dirname(target);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent) {
    const file = await fileAncestor(folder);
    fail(file ? ` is under ${file}, which is a file, not a folder` : `: folder ${folder} does not exist`);
  }
  if (!parent?.isDirectory()) fail(` is under ${folder}, which is a file, not a folder`);
  await access(folder, fsConstants.W_OK).catch(() =>
    fail(` cannot be written: permission denied in ${folder}`),
  );
}

/** The nearest ancestor of `dir` that exists and is a file, if any (the path runs "through" a file). */
async function fileAncestor(dir: string): Promise<string | undefined> {
  const root = parse(dir).root;
  for (let d = dir; d !== root; d = dirname(d)) {
    const info = await stat(d).catch(() => undefined);
    if (info) return info.isDirectory() ? undefined : d;
  }
  return undefined;
}

/** The advice for a folder given where a file was meant. */
export const fileInFolder = (path: string, name: string): string =>
  `give a file name, e.g. ${join(path, name)}`;

/** Metrics files are always gzipped: a name that says otherwise earns a warning (the file is written anyway). */
export function gzipNameWarning(flag: string, path: string): string | undefined {
  if (extname(path).toLowerCase() === '.gz') return undefined;
  return `Warning: ${flag} ${path} does not end in .gz, but the file is gzipped JSON (e.g. ${path.replace(/\.json$/i, '')}.json.gz)\n`;
}
