/** A config file -> plain data: JSON or YAML (YAML 1.2 core types), then `%NAME%` from the environment. */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { describeIoError } from '../../util/io';
import { EventConfigError } from '../errors';

/**
 * `%NAME%` (two characters or more, so strftime's `%Y%m%d` is not taken for a name) in any text value,
 * except under `templates`, which read the environment themselves through `env`.
 */
const ENV_NAME = /%([A-Za-z_][A-Za-z0-9_]+)%/g;

export async function readConfigFile(file: string, env: NodeJS.ProcessEnv): Promise<unknown> {
  // Read at once: a config is small, and the promise API would load node:fs/promises (and the readline and
  // watcher modules it pulls in, ~1 ms) for this one read in a short run.
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new EventConfigError(file, '', `cannot read the config: ${describeIoError(err)}`);
  }
  return substituteEnv(parseConfigText(text, file), file, env);
}

export function parseConfigText(text: string, file: string): unknown {
  if (text.trim() === '') throw new EventConfigError(file, '', 'the file is empty');
  const json = /^\s*[[{]/.test(text);
  try {
    return json ? JSON.parse(text) : load(text, { schema: CORE_SCHEMA });
  } catch (err) {
    if (err instanceof YAMLException) {
      const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
      throw new EventConfigError(file, '', `YAML syntax error${where}: ${err.reason}`);
    }
    if (err instanceof SyntaxError) throw new EventConfigError(file, '', `JSON syntax error: ${err.message}`);
    throw err;
  }
}

export function substituteEnv(value: unknown, file: string, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_NAME, (_, name: string) => {
      const v = env[name];
      if (v === undefined)
        throw new EventConfigError(file, path, `%${name}% names an environment variable that is not set`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteEnv(v, file, env, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = path === '' ? k : `${path}.${k}`;
      out[k] = path === '' && k === 'templates' ? v : substituteEnv(v, file, env, p);
    }
    return out;
  }
  return value;
}
