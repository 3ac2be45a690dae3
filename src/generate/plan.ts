/**
 * Everything decided before the first draw: where each function's sources come from, which generated series
 * must stay in memory for later metrics, how many points the design makes, and which existing series it
 * replaces. Every input error surfaces here, so a bad design never leaves half a run behind.
 */
import type { Design, MetricSpec } from '../design/types';
import { type MetricsData, type MetricType, type Point } from '../metrics/model';
import { GenerateError } from './errors';

/** A source is an earlier metric of this design, or a series loaded from a file. */
export type SourceRef =
  | { readonly from: 'design'; readonly index: number }
  | { readonly from: 'file'; readonly file: string; readonly points: readonly Point[] };

export interface LoadedFile {
  readonly file: string;
  readonly data: MetricsData;
}

export interface Plan {
  /** Per spec (same order as the design): alias -> source, for function values. */
  readonly sources: ReadonlyArray<ReadonlyMap<string, SourceRef>>;
  /** Indexes of specs whose points later specs read. */
  readonly retained: ReadonlySet<number>;
  /** Per spec: exact point count when known in advance, else an estimate (random gaps) or undefined. */
  readonly estimates: ReadonlyArray<number | undefined>;
  /** Existing series of the output file that the design replaces, in design order. */
  readonly replaces: ReadonlyArray<{ readonly type: MetricType; readonly key: string }>;
}

export function planGeneration(
  design: Design,
  output: LoadedFile | undefined,
  history: readonly LoadedFile[],
  maxPoints: number,
): Plan {
  const sources = design.specs.map((spec, index) => resolveSources(design, spec, index, output, history));
  const retained = new Set<number>();
  for (const refs of sources)
    for (const ref of refs.values()) if (ref.from === 'design') retained.add(ref.index);

  const estimates: Array<number | undefined> = [];
  let known = 0;
  design.specs.forEach((spec, i) => {
    const n = estimatePoints(spec, sources[i] as ReadonlyMap<string, SourceRef>, estimates);
    estimates.push(n);
    known += n ?? 0;
    if (known > maxPoints) {
      throw new GenerateError(
        `${design.file}: the design makes about ${Math.round(known).toLocaleString('en-US')} points by metric '${spec.key}' (${spec.type}), more than --max-points ${maxPoints.toLocaleString('en-US')}`,
      );
    }
  });

  const replaces = output
    ? design.specs.filter((s) => output.data.has(s.type, s.key)).map((s) => ({ type: s.type, key: s.key }))
    : [];
  return { sources, retained, estimates, replaces };
}

function resolveSources(
  design: Design,
  spec: MetricSpec,
  index: number,
  output: LoadedFile | undefined,
  history: readonly LoadedFile[],
): Map<string, SourceRef> {
  const refs = new Map<string, SourceRef>();
  if (spec.values.kind !== 'function') return refs;
  for (const [alias, key] of spec.values.sources) {
    const ref = findSource(design, spec, index, key, output, history);
    if (!ref) {
      const field =
        spec.values.sources.size === 1 && alias === 'x' ? 'values.metric' : `values.metrics.${alias}`;
      const where = [
        'earlier metrics of this design',
        ...history.map((h) => h.file),
        output ? output.file : undefined,
      ].filter(Boolean);
      throw new GenerateError(
        `${design.file}: metric '${spec.key}' (${spec.type}): ${field}: unknown source metric '${key}' (looked in ${where.join(', ')}; add --history <file> to read another file)`,
      );
    }
    refs.set(alias, ref);
  }
  return refs;
}

/** Earlier metrics of the design first, then --history files (the last given wins), then the output file. */
function findSource(
  design: Design,
  spec: MetricSpec,
  index: number,
  key: string,
  output: LoadedFile | undefined,
  history: readonly LoadedFile[],
): SourceRef | undefined {
  const earlier = design.specs
    .slice(0, index)
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.key === key);
  if (earlier.length > 0) {
    const same = earlier.find(({ s }) => s.type === spec.type) ?? earlier[0];
    return { from: 'design', index: (same as { i: number }).i };
  }
  for (const file of [...[...history].reverse(), ...(output ? [output] : [])]) {
    const types = file.data.typesOf(key);
    if (types.length === 0) continue;
    const type = types.includes(spec.type) ? spec.type : (types[0] as MetricType);
    return { from: 'file', file: file.file, points: file.data.get(type, key) as readonly Point[] };
  }
  return undefined;
}

function estimatePoints(
  spec: MetricSpec,
  refs: ReadonlyMap<string, SourceRef>,
  earlier: ReadonlyArray<number | undefined>,
): number | undefined {
  const span = spec.end - spec.start;
  switch (spec.frequency.kind) {
    case 'regular':
      return Math.ceil(span / spec.frequency.seconds);
    case 'random': {
      const mean = spec.frequency.draw.mean;
      // A gap is at least 1 s; with a known mean it is about max(1, mean + 0.5) s.
      return mean === undefined ? undefined : Math.ceil(span / Math.max(1, mean + 0.5));
    }
    case 'historical': {
      const first = refs.values().next().value as SourceRef;
      if (first.from === 'design') return earlier[first.index];
      return first.points.filter((p) => p.t >= spec.start && p.t < spec.end).length;
    }
  }
}
