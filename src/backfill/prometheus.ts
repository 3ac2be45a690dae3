/** Pulling history from a Prometheus-compatible API: each source name is a PromQL query. */
import type { CollectedSeries } from '../metrics/collected';
import { queryRange } from '../sources/prometheus/client';
import { nameSeries, PromCollector } from '../sources/prometheus/collect';
import { prometheusOptions } from '../sources/prometheus/options';
import { fetchTolerating, type PullRequest, withPoints } from './pull';

export async function pullPrometheus(req: PullRequest): Promise<CollectedSeries[]> {
  const opts = prometheusOptions(req.options, req.env);
  const pulled: CollectedSeries[] = [];
  for (const [i, query] of req.srcNames.entries()) {
    const dest = req.destNames[i] ?? query;
    const collector = new PromCollector(req.start, req.end);
    await fetchTolerating(req, query, () =>
      queryRange(
        {
          query,
          start: req.start,
          end: req.end,
          url: opts.url,
          token: opts.token,
          stepSeconds: opts.stepSeconds,
          chunkPoints: opts.chunkPoints,
          maxRetries: opts.maxRetries,
          ...(req.backoffMs !== undefined && { backoffMs: req.backoffMs }),
          ...(req.onRetry && { onRetry: req.onRetry }),
          onChunk: (done, total) => req.onProgress?.(query, done, total),
          onWarning: (text) => req.onWarning(`Warning: ${text}\n`),
        },
        collector,
      ),
    );
    if (collector.skipped > 0)
      req.onWarning(
        `Warning: ${query}: skipped ${collector.skipped} NaN or infinite values (a metrics file cannot hold them)\n`,
      );
    const all = withPoints(req, query, collector.series());
    const keys = nameSeries(query, dest, all, opts.dropLabels);
    all.forEach((s, j) => pulled.push({ key: keys[j] as string, kind: 'numbers', points: s.points }));
  }
  return pulled;
}
