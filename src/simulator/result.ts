/**
 * A simulation's result as series (clusterman's seven report types) and totals, saved as gzipped JSON by
 * --simulation-result-file and combined point by point by --compare.
 *
 * File: {"clusterman_simulation_result": 1, "name", "start", "end", "totals": {...}, "counts": {...},
 *        "series": {"cpus": [[t, v], ...], ...}} where each series holds from its point until the next.
 */
import { describeIoError } from '../util/io';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { AtomicFile } from '../metrics/atomic';
import type { Totals } from './accounting';
import { SimulationInputError } from './errors';
import type { Resource } from './resources';
import type { SimulationResult } from './simulate';

export const REPORT_TYPES = [
  'cpus',
  'cpus_allocated',
  'unused_cpus',
  'cost',
  'unused_cpus_cost',
  'cost_per_cpu',
  'oversubscribed',
] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** A step series: values[i] holds from times[i] until times[i + 1] (or the end). null: undefined there (x/0). */
export interface StepSeries {
  readonly times: readonly number[];
  readonly values: ReadonlyArray<number | null>;
}

export interface ResultCounts {
  readonly instancesLaunched: number;
  readonly instancesTerminated: number;
  readonly instancesOutbid: number;
  readonly events: number;
}

/** What was simulated, how and when: the run block at the top of a report (saved with the result). */
export interface RunInfo {
  readonly cluster: string;
  readonly pool: string;
  readonly scheduler: string;
  /** Metrics files as given, then the datastore's URL (without credentials). */
  readonly inputs: readonly string[];
  readonly billingPeriod: string;
  readonly cpusPerWeight: number;
  /** --clusterman-window: points before the start ignored; absent from results saved before it existed. */
  readonly clustermanWindow?: boolean;
  /** The autoscaler's config file and its policy (`built-in setpoint` or a module's path). */
  readonly autoscaler?: { readonly config: string; readonly policy: string };
  readonly seed: string;
  readonly commandLine: string;
  readonly version: string;
  /** When the run started, ISO UTC. */
  readonly ranAt: string;
}

/** The series the overview charts add to clusterman's seven; absent from results saved before they were. */
export interface OverviewSeries {
  /** USD per hour billed for spot instances (the rest of `cost` is on-demand). */
  readonly spotCost: StepSeries;
  /** The autoscaler's target times --cpus-per-weight, in vCPUs; absent without an autoscaler. */
  readonly targetCpus?: StepSeries;
  /** The built-in policy's setpoint and margin (fractions of capacity allocated). */
  readonly setpoint?: { readonly setpoint: number; readonly margin: number };
}

/** What reports, the summary and comparisons work on: a run's or a comparison's. */
export interface ResultView {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** spotCost is absent from results saved before it was added. */
  readonly totals: { readonly [K in Exclude<keyof Totals, 'spotCost'>]: number | null } & {
    readonly spotCost?: number | null;
  };
  readonly counts: { readonly [K in keyof ResultCounts]: number | null };
  /** Memory, disk and GPUs whose allocation the metrics held. */
  readonly resources: Partial<
    Record<Resource, { readonly avgCapacity: number | null; readonly avgAllocated: number | null }>
  >;
  readonly series: Readonly<Record<ReportType, StepSeries>>;
  readonly overview?: OverviewSeries;
  readonly run?: RunInfo;
}

/** A run's view; `cpusPerWeight` turns the autoscaler's target (weights) into vCPUs for the charts. */
export function viewOf(
  result: SimulationResult,
  extra: { cpusPerWeight?: number; setpoint?: OverviewSeries['setpoint']; run?: RunInfo } = {},
): ResultView {
  const { times, cpus, allocated, costRate, spotCostRate } = result.timeline;
  const target = result.targetCapacity;
  const cpusPerWeight = extra.cpusPerWeight ?? 1;
  const setpoint = extra.setpoint;
  const series = (f: (i: number) => number | null): StepSeries => ({
    times,
    values: times.map((_, i) => f(i)),
  });
  const unused = (i: number): number => Math.max((cpus[i] as number) - (allocated[i] as number), 0);
  const build: Record<ReportType, () => StepSeries> = {
    cpus: () => series((i) => cpus[i] as number),
    cpus_allocated: () => series((i) => allocated[i] as number),
    unused_cpus: () => series(unused),
    cost: () => series((i) => costRate[i] as number),
    unused_cpus_cost: () =>
      series((i) =>
        (cpus[i] as number) > 0
          ? ((costRate[i] as number) * unused(i)) / (cpus[i] as number)
          : (costRate[i] as number),
      ),
    cost_per_cpu: () =>
      series((i) => ((cpus[i] as number) > 0 ? (costRate[i] as number) / (cpus[i] as number) : null)),
    oversubscribed: () => series((i) => Math.max((allocated[i] as number) - (cpus[i] as number), 0)),
  };
  return {
    name: result.name,
    start: result.start,
    end: result.end,
    totals: result.totals,
    resources: result.resources,
    counts: {
      instancesLaunched: result.instancesLaunched,
      instancesTerminated: result.instancesTerminated,
      instancesOutbid: result.instancesOutbid,
      events: result.events,
    },
    series: lazily(build),
    overview: lazily<OverviewSeries>({
      spotCost: () => series((i) => spotCostRate[i] as number),
      ...(target && {
        targetCpus: () => ({
          times: target.map((p) => p.t),
          values: target.map((p) => p.value * cpusPerWeight),
        }),
      }),
      ...(setpoint && { setpoint: () => setpoint }),
    }),
    ...(extra.run && { run: extra.run }),
  };
}

/**
 * An object whose values are built on first read and kept: a run that only prints its totals never builds
 * the seven series nor the overview's (over a year of minutes, about 100 MB of them).
 */
function lazily<T extends object>(build: { readonly [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(build) as Array<keyof T>) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = build[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

const MAGIC = 'clusterman_simulation_result';

const pairs = (s: StepSeries): Array<[number, number | null]> =>
  s.times.map((t, i) => [t, s.values[i] as number | null]);

export async function saveResult(file: string, view: ResultView): Promise<void> {
  const doc = {
    [MAGIC]: 1,
    name: view.name,
    start: view.start,
    end: view.end,
    totals: view.totals,
    counts: view.counts,
    resources: view.resources,
    series: Object.fromEntries(
      REPORT_TYPES.map((type) => {
        const s = view.series[type];
        return [type, pairs(s)];
      }),
    ),
    ...(view.overview && {
      overview: {
        spot_cost: pairs(view.overview.spotCost),
        ...(view.overview.targetCpus && { target_cpus: pairs(view.overview.targetCpus) }),
        ...(view.overview.setpoint && { setpoint: view.overview.setpoint }),
      },
    }),
    ...(view.run && { run: view.run }),
  };
  const out = await AtomicFile.create(file);
  try {
    await out.write(gzipSync(JSON.stringify(doc)));
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}

export async function loadResult(file: string): Promise<ResultView> {
  const fail = (detail: string): never => {
    throw new SimulationInputError(`${file}: ${detail}`);
  };
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    return fail(`cannot read it (${describeIoError(err)})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse((raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8'));
  } catch {
    return fail('not a simulation result (neither gzipped JSON nor JSON)');
  }
  const d = doc as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || d[MAGIC] !== 1)
    return fail('not a simulation result (written by --simulation-result-file)');
  const stepSeries = (name: string, points: unknown): StepSeries => {
    if (!Array.isArray(points)) return fail(`series '${name}' is missing`);
    const times: number[] = [];
    const values: Array<number | null> = [];
    points.forEach((p: unknown, i) => {
      const ok =
        Array.isArray(p) &&
        typeof p[0] === 'number' &&
        (p[1] === null || typeof p[1] === 'number') &&
        (i === 0 || p[0] > (times[i - 1] as number));
      if (!ok) fail(`series '${name}' point ${i} is not [increasing time, number or null]`);
      times.push((p as [number, number | null])[0]);
      values.push((p as [number, number | null])[1]);
    });
    return { times, values };
  };
  const series = {} as Record<ReportType, StepSeries>;
  for (const type of REPORT_TYPES)
    series[type] = stepSeries(type, (d.series as Record<string, unknown> | undefined)?.[type]);
  const overview = d.overview as Record<string, unknown> | undefined;
  const setpoint = overview?.setpoint as OverviewSeries['setpoint'] | undefined;
  return {
    name: String(d.name),
    start: Number(d.start),
    end: Number(d.end),
    totals: d.totals as ResultView['totals'],
    counts: d.counts as ResultView['counts'],
    resources: (d.resources ?? {}) as ResultView['resources'],
    series,
    ...(overview && {
      overview: {
        spotCost: stepSeries('overview.spot_cost', overview.spot_cost),
        ...(overview.target_cpus !== undefined && {
          targetCpus: stepSeries('overview.target_cpus', overview.target_cpus),
        }),
        ...(typeof setpoint?.setpoint === 'number' && typeof setpoint.margin === 'number' && { setpoint }),
      },
    }),
    ...(typeof d.run === 'object' && d.run !== null && { run: d.run as RunInfo }),
  };
}
