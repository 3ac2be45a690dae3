/** The example designs shipped in the package's designs/ folder, each with a one-line description. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface ShippedDesign {
  /** The file name without `.yaml`: what `clusterman designs <name>` takes. */
  readonly name: string;
  readonly path: string;
  readonly description: string;
}

export async function shippedDesigns(dir: string): Promise<ShippedDesign[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      return {
        name: basename(file, '.yaml'),
        path,
        description: describeDesign(await readFile(path, 'utf8')),
      };
    }),
  );
}

/**
 * The first sentence of the file's first comment (an editor's `yaml-language-server` line skipped), up to its
 * colon if it has one: the comments open with a summary and go on with details.
 */
export function describeDesign(text: string): string {
  const paragraph: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*#\s?(.*)$/.exec(line);
    if (!m) break;
    const comment = (m[1] as string).trim();
    if (comment.startsWith('yaml-language-server:')) continue;
    if (comment === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    paragraph.push(comment);
  }
  const joined = paragraph.join(' ');
  const end = /[.:](\s|$)/.exec(joined);
  return end ? joined.slice(0, end.index) : joined;
}
