/** The data drop's README.md: YAML front matter naming the customer, the inventory and the data files. */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { describeIoError } from '../../util/io';
import { globRegExp } from '../glob';
import type { Check } from '../report';
import { isRecord } from '../yaml';

const FIELDS = ['glcp_customer_id', 'devices', 'data', 'update'] as const;

export function checkReadme(dir: string, dataFiles: readonly string[], check: Check): void {
  const file = join(dir, 'README.md');
  const fail = (message: string, line?: number) => check.fail({ file, ...(line ? { line } : {}), message });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(describeIoError(err));
  }
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return fail('no YAML front matter (a block between --- lines at the top)', 1);
  let doc: unknown;
  try {
    doc = load(m[1] as string, { schema: CORE_SCHEMA });
  } catch (err) {
    return fail(`front matter is not YAML: ${(err as Error).message.split('\n')[0]}`, 2);
  }
  if (!isRecord(doc)) return fail('front matter must be a mapping of fields', 2);
  const lineOf = (key: string) => {
    const i = (m[1] as string).split(/\r?\n/).findIndex((l) => l.startsWith(`${key}:`));
    return i < 0 ? undefined : i + 2;
  };
  for (const key of FIELDS) {
    if (doc[key] === undefined || doc[key] === null || doc[key] === '') fail(`front matter has no ${key}`);
  }
  const id = doc.glcp_customer_id;
  if (id !== undefined && !(typeof id === 'string' && /^[0-9a-f]{32}$/.test(id))) {
    fail(`glcp_customer_id ${JSON.stringify(id)} is not 32 lowercase hex digits`, lineOf('glcp_customer_id'));
  }
  const devices = doc.devices;
  if (typeof devices === 'string' && devices !== '' && !existsSync(join(dir, devices))) {
    fail(`devices: ${devices} does not exist`, lineOf('devices'));
  }
  const data = doc.data;
  if (typeof data === 'string' && data !== '') {
    const re = globRegExp(data);
    const names = dataFiles.map((f) => relative(dir, f));
    const unmatched = names.filter((n) => !re.test(n));
    if (unmatched.length > 0) {
      fail(
        `data: ${data} does not match ${unmatched
          .slice(0, 3)
          .map((n) => basename(n))
          .join(', ')}${unmatched.length > 3 ? ', ...' : ''}`,
        lineOf('data'),
      );
    } else if (names.length === 0) fail(`data: ${data} matches no file`, lineOf('data'));
  }
}
