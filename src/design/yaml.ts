/** YAML -> plain data. YAML 1.2 core types (so timestamps stay strings we parse ourselves) plus merge keys. */
import { CORE_SCHEMA, load, mergeTag, YAMLException } from 'js-yaml';
import { DesignError } from './errors';

const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

export function parseYaml(text: string, file: string): unknown {
  if (text.replace(/^\s*#.*$/gm, '').trim() === '') throw new DesignError(file, 'the file is empty');
  try {
    return load(text, { schema: SCHEMA });
  } catch (err) {
    if (err instanceof YAMLException) {
      const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
      throw new DesignError(file, `YAML syntax error${where}: ${err.reason}`);
    }
    throw err;
  }
}
