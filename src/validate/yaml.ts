/** Contract files: YAML 1.2 core types (times and versions stay what they look like), read as data only. */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { describeIoError } from '../util/io';
import { didYouMean } from '../util/nearest';
import { ValidateInputError } from './errors';

export function readYamlFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidateInputError(file, describeIoError(err));
  }
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
    throw new ValidateInputError(file, `YAML syntax error${where}: ${err.reason}`);
  }
}

export const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Unknown keys are typos more often than not: name them, with the nearest known key. */
export function rejectUnknownKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  file: string,
  where?: string,
): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      const path = where === undefined ? key : `${where}.${key}`;
      throw new ValidateInputError(
        file,
        `unknown key${didYouMean(key, known)}; known keys: ${known.join(', ')}`,
        path,
      );
    }
  }
}
