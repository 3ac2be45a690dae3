/**
 * The one-way arrows between src/ folders (../shared/design/architecture.md, with the additions listed in
 * README "Where things live"): every import across folders must follow an arrow below, and the folders form no
 * cycle. A new dependency is a decision: add the arrow here (and to the README) on purpose, not by accident.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from './support/paths';

const SRC = join(ROOT, 'src');

/** Folder -> the folders it may import. `util` (small helpers, no domain) and `types` (declarations) are open to all. */
const ARROWS: Record<string, readonly string[]> = {
  cli: ['*'],
  time: [],
  random: [],
  expr: [],
  design: ['time', 'random', 'expr', 'metrics'],
  generate: ['design', 'random', 'expr', 'metrics', 'time'],
  metrics: [],
  sources: ['metrics', 'time'],
  backfill: ['sources', 'datastore', 'metrics', 'time'],
  datastore: ['metrics', 'time'],
  engine: [],
  simulator: ['engine', 'metrics', 'random', 'time', 'design'],
  report: ['simulator', 'metrics', 'time'],
  records: ['metrics', 'time'],
  store: [],
  events: ['engine', 'random', 'time', 'records'],
  users: ['engine', 'random', 'time', 'records', 'store', 'design'],
  telemetry: ['random', 'expr', 'records', 'metrics', 'time'],
  validate: ['metrics', 'records', 'time'],
  util: [],
  types: [],
};
const OPEN_TO_ALL = new Set(['util', 'types']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const topFolder = (path: string): string => relative(SRC, path).split(sep)[0] ?? '';

/** Every cross-folder import as [from folder, to folder, importing file]. */
function crossImports(): [string, string, string][] {
  const edges: [string, string, string][] = [];
  for (const file of sourceFiles(SRC)) {
    const from = topFolder(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\(?)\s*'(\.[^']*)'/g)) {
      const target = resolve(dirname(file), m[1] ?? '');
      if (!target.startsWith(SRC + sep)) continue;
      const to = topFolder(target);
      if (to !== from) edges.push([from, to, relative(ROOT, file)]);
    }
  }
  return edges;
}

describe('src/ folders', () => {
  const edges = crossImports();

  it('are all on the map', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((f) => !(f in ARROWS))).toEqual([]);
  });

  it('import only along the arrows', () => {
    const wrong = edges
      .filter(
        ([from, to]) => !OPEN_TO_ALL.has(to) && !ARROWS[from]?.includes('*') && !ARROWS[from]?.includes(to),
      )
      .map(([from, to, file]) => `${from} -> ${to} (${file})`);
    expect(wrong).toEqual([]);
  });

  it('form no cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const [from, to] of edges) {
      if (from === 'cli') continue; // the top: nothing imports it
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it('nothing below cli imports cli, and commands/ import only src/cli', () => {
    expect(edges.filter(([, to]) => to === 'cli').map(([, , file]) => file)).toEqual([]);
    const commands = sourceFiles(join(ROOT, 'commands'));
    const reach = commands.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s*'(\.[^']*)'/g)]
        .map((m) => relative(ROOT, resolve(dirname(file), m[1] ?? '')))
        .filter((target) => target.startsWith('src') && !target.startsWith(join('src', 'cli')))
        .map((target) => `${relative(ROOT, file)} -> ${target}`),
    );
    expect(reach).toEqual([]);
  });
});
