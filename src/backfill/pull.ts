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
}

/** Each source loads its HTTP client only when used. */
export async function pull(source: SourceName, req: PullRequest): Promise<CollectedSeries[]> {
  if (source === 'signalfx') return (await import('./signalfx')).pullSignalFx(req);
  return (await import('./prometheus')).pullPrometheus(req);
}
