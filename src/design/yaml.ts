/** YAML -> plain data. YAML 1.2 core types (so timestamps stay strings we parse ourselves) plus merge keys. */
import { CORE_SCHEMA, load, mergeTag, YAMLException } from 'js-yaml';
import { DesignError } from './errors';

const SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/** Why a duplicated key inside `{...}` usually is not one: clusterman's keys hold commas. */
const FLOW_COMMA_HINT =
  "; inside {...} a comma ends an entry, so keys and values with commas (like 'cpus_allocated|cluster=a,pool=b') must be quoted or written in block style";

export function parseYaml(text: string, file: string): unknown {
  if (text.replace(/^\s*#.*$/gm, '').trim() === '') throw new DesignError(file, 'the file is empty');
  try {
    return load(text, { schema: SCHEMA });
  } catch (err) {
    if (err instanceof YAMLException) {
      const where = err.mark ? ` at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : '';
      const hint =
        err.reason === 'duplicated mapping key' && err.mark && insideFlowMapping(text, err.mark.position)
          ? FLOW_COMMA_HINT
          : '';
      throw new DesignError(file, `YAML syntax error${where}: ${err.reason}${hint}`);
    }
    throw err;
  }
}

/** Is `position` inside an unclosed `{` (quoted text and comments skipped)? */
function insideFlowMapping(text: string, position: number): boolean {
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < position && i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < position && text[i] !== '\n') i++;
    } else if (c === '{' || c === '[') open.push(c);
    else if ((c === '}' || c === ']') && open.length > 0) open.pop();
  }
  return open.includes('{');
}
