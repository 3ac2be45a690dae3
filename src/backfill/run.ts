/**
 * backfill as a library call: pull each source metric's history, name the series, then merge them into a
 * metrics file (written atomically) and/or write them to the datastore. Every replacement is confirmed
 * before anything is written anywhere.
 */
import { VictoriaMetrics } from '../datastore/client';
import { commitDatastoreWrite, type DatastoreWriteResult, planDatastoreWrite } from '../datastore/write';
import { type CollectedSeries, collectedSize, collectedSpan } from '../metrics/collected';
import { withMetricsOutput } from '../metrics/file';
import { MetricsData, type MetricType } from '../metrics/model';
import type { ParsedMetrics } from '../metrics/parse';
import { readMetricsFileIfExists } from '../metrics/read';
import { writeSeries } from '../metrics/write';
import { BackfillDeclined } from './errors';
import { pull, type PullRequest, type SourceName } from './pull';
import type { RetryOptions } from '../util/http';
import { someQuoted } from '../util/list';

/** Keys a write would replace in one place: a metrics file or a datastore. */
export interface Replacement {
  readonly keys: readonly string[];
  readonly where: string;
}

export interface BackfillRequest extends PullRequest {
  readonly source: SourceName;
  readonly metricType: MetricType;
  readonly destFile?: string;
  /** VictoriaMetrics base URL. */
  readonly datastore?: string;
  /** Asked once with every series that would be replaced, per place (the file, the datastore); false stops. */
  readonly confirmReplace: (found: readonly Replacement[]) => Promise<boolean>;
  readonly onSent?: (points: number) => void;
  /** Pull and report, asking nothing and writing nothing (neither the file nor the datastore). */
  readonly dryRun?: boolean;
}

export interface BackfilledSeries {
  readonly key: string;
  readonly points: number;
  readonly first: number | undefined;
  readonly last: number | undefined;
}

export interface BackfillResult {
  readonly file: string | undefined;
  readonly series: readonly BackfilledSeries[];
  /** Keys replaced in the file. */
  readonly replaced: readonly string[];
  readonly datastore: DatastoreWriteResult | undefined;
}

export async function backfill(req: BackfillRequest): Promise<BackfillResult> {
  // The datastore URL is checked before anything is pulled.
  const client =
    req.datastore === undefined ? undefined : new VictoriaMetrics(req.datastore, '--datastore', retries(req));
  // A datastore that cannot be reached is found before the history is pulled, not after.
  await client?.reachable();
  const pulled = await pull(req.source, req);
  let replaced: string[] = [];
  let existing: ParsedMetrics | undefined;
  const found: Replacement[] = [];
  if (req.destFile !== undefined) {
    existing = await readMetricsFileIfExists(req.destFile);
    replaced = pulled.map((s) => s.key).filter((key) => existing?.data.has(req.metricType, key));
    found.push({ keys: replaced, where: req.destFile });
  }
  // What the datastore would replace is found before asking, so that one question covers both places.
  const items = pulled.map((series) => ({ series, start: req.start, end: req.end }));
  const writing = !req.dryRun;
  const plan =
    client &&
    writing &&
    (await planDatastoreWrite(client, req.metricType, items, async (keys, where) => {
      found.push({ keys, where });
      return true;
    }));
  if (writing && !(await req.confirmReplace(found))) throw new BackfillDeclined(declined(found));
  if (req.destFile !== undefined && writing) await mergeInto(req.destFile, req.metricType, existing, pulled);
  const datastore = plan ? await commitDatastoreWrite(plan, req.onSent) : undefined;
  return {
    file: req.destFile,
    replaced,
    datastore,
    series: pulled.map((s) => {
      const span = collectedSpan(s);
      return { key: s.key, points: collectedSize(s), first: span?.first, last: span?.last };
    }),
  };
}

/** "metrics.json.gz: left unchanged (not replacing 'a')", for each place that had something to replace. */
function declined(found: readonly Replacement[]): string {
  return found
    .filter((r) => r.keys.length > 0)
    .map((r) => `${r.where}: left unchanged (not replacing ${someQuoted(r.keys)})`)
    .join('; ');
}

function retries(req: BackfillRequest): RetryOptions {
  return {
    ...(req.backoffMs !== undefined && { backoffMs: req.backoffMs }),
    ...(req.onRetry && { onRetry: req.onRetry }),
  };
}

/** Existing series stay where they are (a replaced one takes the new points), new ones go at the end of their type. */
async function mergeInto(
  file: string,
  metricType: MetricType,
  existing: ParsedMetrics | undefined,
  pulled: readonly CollectedSeries[],
): Promise<void> {
  const data = existing?.data ?? new MetricsData();
  const byKey = new Map(pulled.map((s) => [s.key, s]));
  const types = data.metricTypes();
  if (!types.includes(metricType)) types.push(metricType);
  const format = existing?.format === 'jsonpickle' ? 'jsonpickle' : 'json';
  await withMetricsOutput(file, format, async ({ writer, pause }) => {
    const writePulled = (s: CollectedSeries): void => {
      if (s.kind === 'dicts') return writeSeries(writer, s.key, s.points);
      writer.beginSeries(s.key, 'auto');
      writer.points(s.points.times, s.points.values, s.points.size);
      writer.endSeries();
    };
    for (const type of types) {
      writer.beginType(type);
      const mine = type === metricType;
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
}
