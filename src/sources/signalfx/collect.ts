/**
 * Turns SignalFlow messages (from one or more chunked or resumed requests) into series: points keyed by
 * series identity (its dimensions, not its tsId, which may differ between jobs), `null` values skipped, a
 * timestamp seen twice kept once, only start <= t < end. Warnings are collected; CHANNEL_ABORT and `error`
 * messages fail the job with their reason.
 */
import { byName, formatKey, parseKey } from '../../metrics/keys';
import { PointBuffer } from '../../metrics/buffer';
import { SignalFxJobError } from './errors';
import type { SignalFlowMessage } from './messages';

/** Properties SignalFx adds to every series; everything else in `properties` is a dimension. */
const SYSTEM_PROPERTY = /^(sf_|jobId$|computationId$)/;

/** One SignalFx series as received, before it is named (metrics/collected.ts has the named form). */
export interface SfxSeries {
  /** Dimension name -> value, sorted by name. */
  readonly dimensions: ReadonlyMap<string, string>;
  /** In time order, one per timestamp. */
  readonly points: PointBuffer;
}

export class SeriesCollector {
  private readonly byIdentity = new Map<string, SfxSeries>();
  /** tsId -> identity, for the job being read (tsIds are per job). */
  private tsIds = new Map<string, string>();
  readonly warnings: string[] = [];
  /** The last data timestamp delivered (epoch s), to resume a cut-off stream from. */
  lastTimestamp: number | undefined;
  ended = false;

  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly resolutionMs: number,
  ) {}

  /** Call before each request: tsIds of one job mean nothing in the next. */
  newJob(): void {
    this.tsIds = new Map();
    this.ended = false;
  }

  add(message: SignalFlowMessage): void {
    switch (message.type) {
      case 'metadata': {
        const dims = [...Object.entries(message.properties)]
          .filter(([k, v]) => !SYSTEM_PROPERTY.test(k) && (typeof v === 'string' || typeof v === 'number'))
          .map(([k, v]) => [k, String(v)] as [string, string])
          .sort(byName);
        const identity = JSON.stringify(dims);
        if (!this.byIdentity.has(identity))
          this.byIdentity.set(identity, { dimensions: new Map(dims), points: new PointBuffer() });
        this.tsIds.set(message.tsId, identity);
        return;
      }
      case 'data': {
        const t = Math.floor(message.logicalTimestampMs / 1000);
        this.lastTimestamp = Math.max(this.lastTimestamp ?? t, t);
        if (t < this.start || t >= this.end) return;
        for (const { tsId, value } of message.points) {
          if (value === null) continue;
          const identity = this.tsIds.get(tsId);
          if (identity === undefined) continue; // data before metadata: not per protocol; nothing to name it by
          const points = (this.byIdentity.get(identity) as SfxSeries).points;
          points.push(t, value);
        }
        return;
      }
      case 'info':
        this.info(message.code, message.contents);
        return;
      case 'control':
        if (message.event === 'END_OF_CHANNEL') this.ended = true;
        if (message.event === 'CHANNEL_ABORT')
          throw new SignalFxJobError(`SignalFx aborted the job: ${message.abortReason ?? 'no reason given'}`);
        return;
      case 'error':
        throw new SignalFxJobError(`SignalFx reported an error: ${message.reason}`);
      default:
        return;
    }
  }

  private info(code: string, contents: Readonly<Record<string, unknown>>): void {
    if (code === 'FIND_LIMITED_RESULT_SET') {
      this.warn(
        `SignalFx limited the result set: ${String(contents.matchedSize ?? '?')} series matched, ${String(contents.limitSize ?? '?')} returned`,
      );
    } else if (code === 'JOB_RUNNING_RESOLUTION') {
      const used = Number(contents.resolutionMs);
      if (Number.isFinite(used) && used > this.resolutionMs)
        this.warn(
          `SignalFx used a coarser resolution than asked: ${used / 1000} s instead of ${this.resolutionMs / 1000} s`,
        );
    }
  }

  private warn(text: string): void {
    if (!this.warnings.includes(text)) this.warnings.push(text);
  }

  series(): SfxSeries[] {
    return [...this.byIdentity.values()];
  }
}

/**
 * Output keys: with no group-by and a single series, the destination name itself; otherwise the destination
 * key with the series' dimensions merged in (sorted by name, the series' value winning).
 */
export function seriesKey(dest: string, series: SfxSeries, single: boolean): string {
  if (single) return dest;
  const { name, dimensions } = parseKey(dest);
  return formatKey(name, new Map([...dimensions, ...series.dimensions]));
}

/** clusterman's dict shape: one series, each point {"<dimension values joined by ','>": value}. */
export function dictPoints(all: readonly SfxSeries[]): Array<{ t: number; value: Map<string, number> }> {
  const byTime = new Map<number, Map<string, number>>();
  for (const s of all) {
    const label = [...s.dimensions.values()].join(',');
    for (const [t, v] of s.points) {
      let point = byTime.get(t);
      if (!point) byTime.set(t, (point = new Map()));
      point.set(label, v);
    }
  }
  return [...byTime].sort(([a], [b]) => a - b).map(([t, value]) => ({ t, value }));
}
