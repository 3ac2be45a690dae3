/** Pulling history from SignalFx: one SignalFlow job per source metric, its series named per the issue. */
import type { CollectedSeries } from '../metrics/collected';
import { runSignalFlow } from '../sources/signalfx/client';
import { dictPoints, SeriesCollector, seriesKey } from '../sources/signalfx/collect';
import { signalFxOptions } from '../sources/signalfx/options';
import { buildProgram } from '../sources/signalfx/program';
import { fetchTolerating, type PullRequest, withPoints } from './pull';

export async function pullSignalFx(req: PullRequest): Promise<CollectedSeries[]> {
  const opts = signalFxOptions(req.options, req.env);
  const pulled: CollectedSeries[] = [];
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
    await fetchTolerating(req, src, () =>
      runSignalFlow(
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
          ...(req.onRetry && { onRetry: req.onRetry }),
          onChunk: (done, total) => req.onProgress?.(src, done, total),
        },
        collector,
      ),
    );
    for (const w of collector.warnings) req.onWarning(`Warning: ${src}: ${w}\n`);
    const all = withPoints(req, src, collector.series());
    if (opts.dictValues) {
      if (all.length > 0) pulled.push({ key: dest, kind: 'dicts', points: dictPoints(all) });
      continue;
    }
    const single = opts.groupBy === undefined && all.length === 1;
    for (const s of all) pulled.push({ key: seriesKey(dest, s, single), kind: 'numbers', points: s.points });
  }
  return pulled;
}
