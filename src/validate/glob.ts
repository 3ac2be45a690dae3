/** File globs of contracts (`data-*.csv`, `data/part-??.parquet`): `*`, `?` and `[...]` in the last part. */
import { readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';

export function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Files of `dir` matching the glob (its folder part taken literally), sorted by name. */
export async function globFiles(dir: string, pattern: string): Promise<string[]> {
  const folder = posix.dirname(pattern);
  const re = globRegExp(posix.basename(pattern));
  const where = join(dir, folder);
  const entries = await readdir(where, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && re.test(e.name))
    .map((e) => join(where, e.name))
    .sort();
}
