/** What generate-inventory and generate-telemetry share: default tables, asking before replacing, writing. */
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicFile } from '../metrics/atomic';
import { TelemetryDeclined } from '../telemetry/errors';
import { someOf } from '../util/list';
import { terminalConfirm, type Confirm } from './prompt';
import { UsageError } from './errors';

/** The tables shipped in the package's designs/telemetry/. */
export const defaultTable = (packageRoot: string, name: 'server-types' | 'locations'): string =>
  join(packageRoot, 'designs', 'telemetry', `${name}.csv`);

export const processConfirm = (): Confirm | undefined =>
  process.stdin.isTTY ? terminalConfirm({ input: process.stdin, output: process.stderr }) : undefined;

/** --directory: made when missing; a file there is bad input. */
export async function ensureDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--directory: ${dir} is a file, not a folder`);
  if (!info) await mkdir(dir, { recursive: true });
}

/** Files that exist are replaced only with --yes or a yes on the terminal; otherwise nothing is written. */
export async function confirmReplace(
  paths: readonly string[],
  yes: boolean,
  confirm: Confirm | undefined,
): Promise<void> {
  const existing = paths.filter((p) => existsSync(p));
  if (yes || existing.length === 0) return;
  const them = existing.length === 1 ? 'it' : 'them';
  const files = someOf(existing);
  if (!confirm)
    throw new TelemetryDeclined(
      `${files} already exist${existing.length === 1 ? 's' : ''}: pass --yes to replace ${them} (nothing written)`,
    );
  if (
    !(await confirm(
      `Replace ${existing.length} existing file${existing.length === 1 ? '' : 's'}: ${files}? [y/N]`,
    ))
  )
    throw new TelemetryDeclined(`not replacing ${files} (nothing written)`);
}

/** Writes each file to a temp file first and renames them all only when every one is complete. */
export async function writeAllAtomically(files: readonly { path: string; text: string }[]): Promise<void> {
  const temps: AtomicFile[] = [];
  try {
    for (const f of files) {
      const temp = await AtomicFile.create(f.path);
      temps.push(temp);
      await temp.write(Buffer.from(f.text, 'utf8'));
    }
    for (const t of temps) await t.commit();
  } catch (err) {
    for (const t of temps) await t.abort();
    throw err;
  }
}
