/** simulate's flags -> simulate() -> the summary the user sees. */
import type { FiredEvent } from '../engine';
import { readMetricsFile } from '../metrics/read';
import { MetricsData } from '../metrics/model';
import { Rng } from '../random/rng';
import { loadAutoscalerConfig } from '../simulator/autoscaler/config';
import { loadPolicy, setpointPolicy } from '../simulator/autoscaler/policy';
import { loadCatalog } from '../simulator/catalog';
import { simulate, type SimulationResult } from '../simulator/simulate';
import { formatTime, isValidZone, parseDuration, parseTime, TimeError } from '../time';
import { UsageError } from './errors';
import { parseSeed } from './generate-data';
import { renderTable } from './table';

export interface SimulateFlags {
  readonly 'metrics-data-files': string[];
  readonly 'start-time': string;
  readonly 'end-time': string;
  readonly cluster: string;
  readonly pool: string;
  readonly scheduler: string;
  readonly name: string;
  readonly 'cpus-per-weight': number;
  readonly discount?: number;
  readonly 'join-delay-params': string[];
  readonly 'billing-period': string;
  readonly 'refund-outbid': boolean;
  readonly seed?: string;
  readonly tz: string;
  readonly now?: string;
  readonly 'log-level': string;
  readonly 'autoscaler-config'?: string;
  readonly json: boolean;
}

export interface SimulateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly nowMs: () => number;
}

const processIo = (): SimulateIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  nowMs: () => Date.now(),
});

function timeFlag(name: string, text: string, ctx: { nowMs: number; zone: string }): number {
  try {
    return parseTime(text, ctx);
  } catch (err) {
    throw err instanceof TimeError ? new UsageError(`--${name}: ${err.message}`) : err;
  }
}

function numberPair(name: string, values: readonly string[]): [number, number] {
  const nums = values.map(Number);
  if (nums.length !== 2 || nums.some((n) => !Number.isFinite(n) || n < 0))
    throw new UsageError(`--${name} takes two non-negative numbers, MEAN STDEV (got '${values.join(' ')}')`);
  return [nums[0] as number, nums[1] as number];
}

/** Reads every file; a series in a later file replaces the same series of an earlier one, with a warning. */
async function mergedMetrics(files: readonly string[], warn: (text: string) => void): Promise<MetricsData> {
  const merged = new MetricsData();
  const from = new Map<string, string>();
  for (const file of files) {
    const { data } = await readMetricsFile(file);
    for (const s of data.series()) {
      const id = `${s.type}/${s.key}`;
      const earlier = from.get(id);
      if (earlier !== undefined) warn(`Warning: ${file} replaces ${s.type} '${s.key}' from ${earlier}\n`);
      from.set(id, file);
      merged.set(s.type, s.key, s.points);
    }
  }
  return merged;
}

export async function runSimulate(
  flags: SimulateFlags,
  io: SimulateIo = processIo(),
): Promise<SimulationResult> {
  if (!isValidZone(flags.tz)) throw new UsageError(`--tz: unknown time zone '${flags.tz}'`);
  const clock = io.nowMs();
  const nowMs =
    flags.now === undefined ? clock : timeFlag('now', flags.now, { nowMs: clock, zone: flags.tz }) * 1000;
  const ctx = { nowMs, zone: flags.tz };
  const start = timeFlag('start-time', flags['start-time'], ctx);
  const end = timeFlag('end-time', flags['end-time'], ctx);
  if (!(end > start))
    throw new UsageError(
      `--end-time (${formatTime(end, flags.tz)}) must be after --start-time (${formatTime(start, flags.tz)})`,
    );
  const [mean, stdev] = numberPair('join-delay-params', flags['join-delay-params']);
  let period: number;
  try {
    period = parseDuration(flags['billing-period']);
  } catch (err) {
    throw err instanceof TimeError ? new UsageError(`--billing-period: ${err.message}`) : err;
  }
  if (!(period > 0))
    throw new UsageError(`--billing-period must be positive (got '${flags['billing-period']}')`);
  if (!(flags['cpus-per-weight'] > 0)) throw new UsageError('--cpus-per-weight must be positive');
  const discount = flags.discount ?? 1;
  if (!(discount >= 0)) throw new UsageError('--discount must not be negative');
  const seed = parseSeed(flags.seed, clock);

  const configFile = flags['autoscaler-config'];
  const config = configFile === undefined ? undefined : loadAutoscalerConfig(configFile);
  const autoscaler = config && {
    config,
    policy: config.policy === undefined ? setpointPolicy : loadPolicy(config.policy),
  };
  const data = await mergedMetrics(flags['metrics-data-files'], io.stderr);
  const logEvents = flags['log-level'] === 'info' || flags['log-level'] === 'debug';
  const started = performance.now();
  const result = simulate(data, {
    name: flags.name,
    pool: { cluster: flags.cluster, pool: flags.pool, scheduler: flags.scheduler as 'mesos' | 'kubernetes' },
    start,
    end,
    cpusPerWeight: flags['cpus-per-weight'],
    discount,
    joinDelay: { mean, stdev },
    billing: { period, refundOutbid: flags['refund-outbid'] },
    catalog: loadCatalog(),
    rng: Rng.fromSeed(seed),
    onEvent: logEvents ? (e) => io.stderr(eventLine(e)) : undefined,
    autoscaler,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (logEvents) io.stderr(`=== Event ${result.events} -- ${isoTime(end)}\t[SimulationEndEvent]\n`);
  io.stdout(
    flags.json
      ? `${JSON.stringify(toJson(result, wallSeconds), null, 2)}\n`
      : summaryText(result, wallSeconds),
  );
  return result;
}

const isoTime = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');

/** clusterman's event log line. */
const eventLine = (e: FiredEvent): string =>
  `=== Event ${e.id} -- ${isoTime(e.time)}\t[${e.name}]${e.detail}\n`;

const money = (usd: number): string => `$${usd.toFixed(2)}`;
const fixed = (x: number, digits = 2): string => x.toFixed(digits);

function summaryText(r: SimulationResult, wallSeconds: number): string {
  const t = r.totals;
  const rows: Array<[string, string]> = [
    ['simulation', r.name],
    ['window', `${isoTime(r.start)} to ${isoTime(r.end)}`],
    ['total cost', money(t.totalCost)],
    ['average capacity (vCPUs)', fixed(t.avgCpus)],
    ['average allocated (vCPUs)', fixed(t.avgCpusAllocated)],
    ['average unused (vCPUs)', fixed(t.avgUnusedCpus)],
    ['cost of unused vCPUs', money(t.unusedCpusCost)],
    ['cost per vCPU-hour', `$${t.costPerCpuHour.toFixed(4)}`],
    ['oversubscribed vCPU-hours', fixed(t.oversubscribedCpuHours)],
    [
      'instances launched / terminated / outbid',
      `${r.instancesLaunched} / ${r.instancesTerminated} / ${r.instancesOutbid}`,
    ],
    ['events processed', String(r.events)],
    ['wall time', `${wallSeconds.toFixed(3)} s`],
  ];
  return `${renderTable(rows, [
    { header: 'figure', value: ([k]) => k },
    { header: 'value', value: ([, v]) => v },
  ])}\n`;
}

function toJson(r: SimulationResult, wallSeconds: number) {
  const t = r.totals;
  return {
    name: r.name,
    start: isoTime(r.start),
    end: isoTime(r.end),
    total_cost: t.totalCost,
    avg_cpus: t.avgCpus,
    avg_cpus_allocated: t.avgCpusAllocated,
    avg_unused_cpus: t.avgUnusedCpus,
    unused_cpus_cost: t.unusedCpusCost,
    cost_per_cpu_hour: t.costPerCpuHour,
    oversubscribed_cpu_hours: t.oversubscribedCpuHours,
    instances_launched: r.instancesLaunched,
    instances_terminated: r.instancesTerminated,
    instances_outbid: r.instancesOutbid,
    events: r.events,
    wall_seconds: wallSeconds,
  };
}
