/** Metric keys: `name|dim1=v1,dim2=v2`, dimensions sorted by name (clusterman's convention). */

export interface ParsedKey {
  readonly name: string;
  readonly dimensions: ReadonlyMap<string, string>;
}

/** Orders [name, value] entries by name, in code-unit order (Python's sorted(), which clusterman uses). */
export const byName = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0;

/** One string per set of dimensions (or labels), whatever their order: for grouping series. */
export function dimensionsId(dimensions: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(dimensions).sort(byName));
}

export function parseKey(key: string): ParsedKey {
  const bar = key.indexOf('|');
  if (bar < 0) return { name: key, dimensions: new Map() };
  const dimensions = new Map<string, string>();
  for (const part of key.slice(bar + 1).split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) dimensions.set(part, '');
    else dimensions.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return { name: key.slice(0, bar), dimensions };
}

export function formatKey(
  name: string,
  dimensions: ReadonlyMap<string, string> | Record<string, string>,
): string {
  const entries = dimensions instanceof Map ? [...dimensions] : Object.entries(dimensions);
  if (entries.length === 0) return name;
  entries.sort(byName);
  return `${name}|${entries.map(([k, v]) => `${k}=${v}`).join(',')}`;
}
