/**
 * backfill as a library call: pull each source metric's history, name the series, and merge them into a
 * metrics file (existing series replaced only after confirmation), written atomically.
 */
import { withMetricsOutput } from '../metrics/file';
import { writeSeries } from '../metrics/write';
import { PointBuffer } from '../sources/points';
import { BackfillDeclined } from './errors';
import { MetricsData, type MetricType, type Point } from '../metrics/model';
import { readMetricsFileIfExists } from '../metrics/read';
import { dictPoints, SeriesCollector, seriesKey } from '../sources/signalfx/collect';
import { runSignalFlow } from '../sources/signalfx/client';
import { signalFxOptions } from '../sources/signalfx/options';
import { buildProgram } from '../sources/signalfx/program';

export interface BackfillRequest {
  readonly srcNames: readonly string[];
  readonly destNames: readonly string[];
  readonly metricType: MetricType;
  /** Epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly destFile: string;
  readonly options: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly allowPartial: boolean;
  /** Asked with every series that would be replaced; false leaves the file untouched. */
  readonly confirmReplace: (keys: readonly string[], file: string) => Promise<boolean>;
  readonly onWarning: (text: string) => void;
  readonly onProgress?: (metric: string, done: number, total: number) => void;
  /** Backoff before the first retry (tests make it small). */
  readonly backoffMs?: number;
}

export interface BackfilledSeries {
  readonly key: string;
  readonly points: number;
  readonly first: number | undefined;
  readonly last: number | undefined;
}

export interface BackfillResult {
  readonly file: string;
  readonly series: readonly BackfilledSeries[];
  readonly replaced: readonly string[];
}

/** A pulled series: numeric points in buffers, or clusterman's dict points. */
type Pulled =
  | { readonly key: string; readonly kind: 'numbers'; readonly points: PointBuffer }
  | { readonly key: string; readonly kind: 'dicts'; readonly points: Point[] };

export async function backfill(req: BackfillRequest): Promise<BackfillResult> {
  const opts = signalFxOptions(req.options, req.env);
  const pulled: Pulled[] = [];
  for (const [i, src] of req.srcNames.entries()) {
    const dest = req.destNames[i] ?? src;
    const collector = new SeriesCollector(req.start, req.end, opts.resolutionMs);
    const program = buildProgram({
      metric: src,
      filters: opts.filters,
      ...(opts.rollup !== undefined && { rollup: opts.rollup }),
      ...(opts.extrapolation !== undefined && { extrapolation: opts.extrapolation }),
      ...(opts.maxExtrapolations !== undefined && { maxExtrapolations: opts.maxExtrapolations }),
      ...(opts.groupBy !== undefined && { groupBy: opts.groupBy }),
    });
    try {
      await runSignalFlow(
        {
          program,
          start: req.start,
          end: req.end,
          token: opts.token,
          url: opts.url,
          resolutionMs: opts.resolutionMs,
          chunkSeconds: opts.chunkSeconds,
          maxRetries: opts.maxRetries,
          ...(req.backoffMs !== undefined && { backoffMs: req.backoffMs }),
          onChunk: (done, total) => req.onProgress?.(src, done, total),
        },
        collector,
      );
    } catch (err) {
      if (!req.allowPartial) throw err;
      req.onWarning(
        `Warning: ${src}: ${(err as Error).message}; keeping the points received (--allow-partial)\n`,
      );
    }
    for (const w of collector.warnings) req.onWarning(`Warning: ${src}: ${w}\n`);
    const all = collector.series().filter((s) => s.points.size > 0);
    if (all.length === 0) req.onWarning(`Warning: ${src}: no data between the start and end times\n`);
    if (opts.dictValues) {
      if (all.length > 0) pulled.push({ key: dest, kind: 'dicts', points: dictPoints(all) });
      continue;
    }
    const single = opts.groupBy === undefined && all.length === 1;
    for (const s of all) pulled.push({ key: seriesKey(dest, s, single), kind: 'numbers', points: s.points });
  }
  return mergeInto(req, pulled);
}

/** Existing series stay where they are (a replaced one takes the new points), new ones go at the end of their type. */
async function mergeInto(req: BackfillRequest, pulled: readonly Pulled[]): Promise<BackfillResult> {
  const existing = await readMetricsFileIfExists(req.destFile);
  const data = existing?.data ?? new MetricsData();
  const replaced = pulled.map((s) => s.key).filter((key) => data.has(req.metricType, key));
  if (replaced.length > 0 && !(await req.confirmReplace(replaced, req.destFile)))
    throw new BackfillDeclined(
      `${req.destFile}: left unchanged (not replacing ${replaced.map((k) => `'${k}'`).join(', ')})`,
    );
  const byKey = new Map(pulled.map((s) => [s.key, s]));
  const types = data.metricTypes();
  if (!types.includes(req.metricType)) types.push(req.metricType);
  const format = existing?.format === 'jsonpickle' ? 'jsonpickle' : 'json';
  await withMetricsOutput(req.destFile, format, async ({ writer, pause }) => {
    const writePulled = (s: Pulled): void => {
      if (s.kind === 'dicts') return writeSeries(writer, s.key, s.points);
      writer.beginSeries(s.key, 'auto');
      writer.points(s.points.times, s.points.values, s.points.size);
      writer.endSeries();
    };
    for (const type of types) {
      writer.beginType(type);
      const mine = type === req.metricType;
      for (const s of data.series(type)) {
        const fresh = mine ? byKey.get(s.key) : undefined;
        if (fresh) writePulled(fresh);
        else writeSeries(writer, s.key, s.points);
        await pause();
      }
      if (mine) {
        for (const s of pulled) {
          if (data.has(type, s.key)) continue;
          writePulled(s);
          await pause();
        }
      }
      writer.endType();
    }
  });
  return {
    file: req.destFile,
    replaced,
    series: pulled.map((s) => {
      const n = s.kind === 'dicts' ? s.points.length : s.points.size;
      const timeAt = (i: number): number | undefined =>
        n === 0 ? undefined : s.kind === 'dicts' ? s.points[i]?.t : s.points.times[i];
      return { key: s.key, points: n, first: timeAt(0), last: timeAt(n - 1) };
    }),
  };
}
