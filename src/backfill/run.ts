/**
 * backfill as a library call: pull each source metric's history, name the series, and merge them into a
 * metrics file (existing series replaced only after confirmation), written atomically.
 */
import { writeMetricsFile } from '../metrics/file';
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

export async function backfill(req: BackfillRequest): Promise<BackfillResult> {
  const opts = signalFxOptions(req.options, req.env);
  const pulled: Array<{ key: string; points: Point[] }> = [];
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
      if (all.length > 0) pulled.push({ key: dest, points: dictPoints(all) });
      continue;
    }
    const single = opts.groupBy === undefined && all.length === 1;
    for (const s of all) {
      const points = [...s.points].sort(([a], [b]) => a - b).map(([t, value]) => ({ t, value }));
      pulled.push({ key: seriesKey(dest, s, single), points });
    }
  }
  return mergeInto(req, pulled);
}

async function mergeInto(
  req: BackfillRequest,
  pulled: Array<{ key: string; points: Point[] }>,
): Promise<BackfillResult> {
  const existing = await readMetricsFileIfExists(req.destFile);
  const data = existing?.data ?? new MetricsData();
  const replaced = pulled.map((s) => s.key).filter((key) => data.has(req.metricType, key));
  if (replaced.length > 0 && !(await req.confirmReplace(replaced, req.destFile)))
    throw new BackfillDeclined(
      `${req.destFile}: left unchanged (not replacing ${replaced.map((k) => `'${k}'`).join(', ')})`,
    );
  for (const s of pulled) data.set(req.metricType, s.key, s.points);
  const format = existing?.format === 'jsonpickle' ? 'jsonpickle' : 'json';
  await writeMetricsFile(req.destFile, data, format);
  return {
    file: req.destFile,
    replaced,
    series: pulled.map((s) => ({
      key: s.key,
      points: s.points.length,
      first: s.points[0]?.t,
      last: s.points[s.points.length - 1]?.t,
    })),
  };
}
