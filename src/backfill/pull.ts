/** What every backfill source is asked for, and the registry of sources by name. */
import type { CollectedSeries } from '../metrics/collected';

export const SOURCES = ['signalfx', 'prometheus'] as const;
export type SourceName = (typeof SOURCES)[number];

export interface PullRequest {
  readonly srcNames: readonly string[];
  readonly destNames: readonly string[];
  /** Epoch seconds, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly options: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly allowPartial: boolean;
  readonly onWarning: (text: string) => void;
  readonly onProgress?: (metric: string, done: number, total: number) => void;
  /** Backoff before the first retry (tests make it small). */
  readonly backoffMs?: number;
  /** Told each retry of a request, as a line for stderr. */
  readonly onRetry?: (line: string) => void;
}

/** Runs one source metric's fetch; with --allow-partial a failure is a warning and what arrived stays. */
export async function fetchTolerating(
  req: PullRequest,
  name: string,
  fetch: () => Promise<void>,
): Promise<void> {
  try {
    await fetch();
  } catch (err) {
    if (!req.allowPartial) throw err;
    req.onWarning(
      `Warning: ${name}: ${(err as Error).message}; keeping the points received (--allow-partial)\n`,
    );
  }
}

/** The series that received points; a source metric with none gets a warning. */
export function withPoints<S extends { readonly points: { readonly size: number } }>(
  req: PullRequest,
  name: string,
  series: readonly S[],
): S[] {
  const kept = series.filter((s) => s.points.size > 0);
  if (kept.length === 0) req.onWarning(`Warning: ${name}: no data between the start and end times\n`);
  return kept;
}

/** Each source loads its HTTP client only when used. */
export async function pull(source: SourceName, req: PullRequest): Promise<CollectedSeries[]> {
  if (source === 'signalfx') return (await import('./signalfx')).pullSignalFx(req);
  return (await import('./prometheus')).pullPrometheus(req);
}
