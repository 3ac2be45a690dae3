/** simulate's flags -> simulate() -> the summary the user sees. */
import { existsSync } from 'node:fs';
import type { FiredEvent } from '../engine';
import { SeriesColumns } from '../metrics/columns';
import { readMetricsColumns } from '../metrics/read-columns';
import { MetricsData } from '../metrics/model';
import { Rng } from '../random/rng';
import { loadAutoscalerConfig } from '../simulator/autoscaler/config';
import { loadPolicy, setpointPolicy } from '../simulator/autoscaler/policy';
import { loadCatalog } from '../simulator/catalog';
import { checkCoverage } from '../simulator/coverage';
import { marketsWithoutPrices } from '../simulator/checks';
import { type SimulationOptions, type SimulationResult, simulateInSlices } from '../simulator/simulate';
import { isRelativeTime, parseDuration, TimeError } from '../time';
import { UsageError } from './errors';
import { reproduceLine } from './reproduce';
import { timeWindow } from './time-flags';
import { retryOptions } from './retries';
import { parseSeed } from './generate-data';
import { type Comparison, compareRuns, type Operator } from '../simulator/compare';
import { loadResult, saveResult, type ResultView, viewOf } from '../simulator/result';
import { OverwriteDeclined } from '../generate/errors';
import { CHART_TYPES, type ChartType } from '../report/files';
import { windowWarning } from '../report/figures';
import { someOf } from '../util/list';
import { compareJson, compareText, isoTime, summaryJson, summaryRows, summaryText } from './simulate-output';
import { checkOutputPath, fileInFolder } from './output-paths';
import { progressBar } from './progress';
import { terminalConfirm, type Confirm } from './prompt';
import { type Invocation, runInfo } from './run-info';

export interface SimulateFlags {
  readonly 'metrics-data-files'?: string[];
  readonly 'metrics-datastore'?: string;
  readonly 'start-time': string;
  readonly 'end-time': string;
  readonly cluster?: string;
  readonly pool: string;
  readonly scheduler: string;
  readonly name: string;
  readonly 'cpus-per-weight': number;
  readonly 'ebs-volume-size': number;
  readonly discount?: number;
  readonly 'join-delay-params': string[];
  readonly 'billing-period': string;
  readonly 'refund-outbid': boolean;
  readonly 'allow-stale'?: boolean;
  readonly 'clusterman-window'?: boolean;
  readonly seed?: string;
  readonly tz: string;
  readonly now?: string;
  readonly 'log-level': string;
  readonly 'autoscaler-config'?: string;
  readonly 'simulation-result-file'?: string;
  readonly compare?: string[];
  readonly 'comparison-operator': string;
  readonly reports?: string[];
  readonly 'output-prefix'?: string;
  /** Replace existing report files without asking. */
  readonly yes?: boolean;
  readonly json: boolean;
  readonly quiet?: boolean;
}

export interface SimulateIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly nowMs: () => number;
  /** Whether stderr is a terminal: progress is drawn only there. */
  readonly stderrIsTty?: boolean;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  readonly confirm?: Confirm;
}

const processIo = (): SimulateIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  nowMs: () => Date.now(),
  stderrIsTty: process.stderr.isTTY === true,
  confirm: process.stdin.isTTY
    ? terminalConfirm({ input: process.stdin, output: process.stderr })
    : undefined,
});

/** Who ran it, for the report's run block, when the caller (a test) does not say. */
const UNKNOWN_INVOCATION: Invocation = { bin: 'clusterman', version: 'unknown', argv: [] };

/** --quiet: nothing but errors, so warnings and the summary go nowhere. */
const quietened = (io: SimulateIo, quiet: boolean | undefined): SimulateIo =>
  quiet ? { ...io, stdout: () => undefined, stderr: () => undefined, stderrIsTty: false } : io;

function numberPair(name: string, values: readonly string[]): [number, number] {
  const nums = values.map(Number);
  if (nums.length !== 2 || nums.some((n) => !Number.isFinite(n) || n < 0))
    throw new UsageError(`--${name} takes two non-negative numbers, MEAN STDEV (got '${values.join(' ')}')`);
  return [nums[0] as number, nums[1] as number];
}

/** How far before --start-time series are read from the datastore: prices and capacity set earlier still count. */
const DATASTORE_LOOKBACK = 30 * 86400;

/**
 * The datastore's series (if any), then every file's; a series from a later source replaces the same series
 * of an earlier one, with a warning.
 */
async function mergedMetrics(
  files: readonly string[],
  datastore: { url: string; start: number; end: number } | undefined,
  warn: (text: string) => void,
): Promise<MetricsData> {
  const merged = new MetricsData();
  const from = new Map<string, string>();
  if (datastore) {
    const { VictoriaMetrics } = await import('../datastore/client');
    const { readDatastore } = await import('../datastore/read');
    // Retries are told like its warnings (warn is silent under --quiet).
    const client = new VictoriaMetrics(datastore.url, '--metrics-datastore', retryOptions(false, warn));
    const data = await readDatastore(client, datastore.start - DATASTORE_LOOKBACK, datastore.end);
    if (data.size === 0)
      warn(`Warning: ${client.where} holds no clusterman series between the start and end times\n`);
    for (const s of data.series()) {
      merged.set(s.type, s.key, SeriesColumns.fromPoints(s.points));
      from.set(`${s.type}/${s.key}`, client.where);
    }
  }
  for (const file of files) {
    const { data } = await readMetricsColumns(file);
    for (const s of data.stored()) {
      const id = `${s.type}/${s.key}`;
      const earlier = from.get(id);
      if (earlier !== undefined) warn(`Warning: ${file} replaces ${s.type} '${s.key}' from ${earlier}\n`);
      from.set(id, file);
      merged.set(s.type, s.key, s.stored);
    }
  }
  return merged;
}

/** A run, a comparison with saved results, or both; prints the summary and returns what it printed. */
export async function runSimulate(
  flags: SimulateFlags,
  processIoOrGiven: SimulateIo = processIo(),
  invocation: Invocation = UNKNOWN_INVOCATION,
): Promise<ResultView> {
  const io = quietened(processIoOrGiven, flags.quiet);
  const files = flags['metrics-data-files'] ?? [];
  const datastore = flags['metrics-datastore'];
  const compare = flags.compare ?? [];
  const operator = flags['comparison-operator'] as Operator;
  if (compare.length > 2)
    throw new UsageError(`--compare takes one or two saved results (got ${compare.length})`);
  const simulating = files.length > 0 || datastore !== undefined;
  if (!simulating && compare.length !== 2)
    throw new UsageError(
      'give --metrics-data-files or --metrics-datastore to simulate, or --compare with two saved results',
    );
  if (simulating && compare.length === 2)
    throw new UsageError('--compare with a simulation takes one saved result (the run is the first operand)');
  const types = reportTypes(flags.reports);
  // Without --output-prefix, the files are named after the run.
  const prefix = flags['output-prefix'] ?? flags.name;
  await checkOutputs(flags, types, simulating, prefix, io.confirm);
  const started = performance.now();
  let view: ResultView;
  let comparison: Comparison | undefined;
  let run: RunInputs | undefined;
  let withFinalPeriods: number | undefined;
  const out = flags['simulation-result-file'];
  if (simulating) {
    const simulated = await simulateFiles(flags, files, io, invocation);
    run = simulated.inputs;
    withFinalPeriods = simulated.totalCostWithFinalPeriods;
    view = simulated.view;
    if (out !== undefined) await saveResult(out, view);
    const [saved] = compare;
    if (saved !== undefined)
      comparison = compareRuns({ view }, { view: await loadResult(saved), file: saved }, operator);
  } else {
    const [a, b] = await Promise.all(compare.map(loadResult));
    const [fileA, fileB] = compare as [string, string];
    comparison = compareRuns({ view: a!, file: fileA }, { view: b!, file: fileB }, operator);
    view = comparison.combined;
  }
  if (comparison) {
    view = comparison.combined;
    const warning = windowWarning(comparison, isoTime);
    if (warning) io.stderr(`Warning: ${warning}\n`);
  }
  const wall = (performance.now() - started) / 1000;
  const reports = async (): Promise<string[]> => {
    if (types.length === 0) return [];
    if (io.stderrIsTty && !flags.json)
      io.stderr(`Rendering ${types.length} report${types.length === 1 ? '' : 's'}…\n`);
    // Loaded only when asked for: Vega and resvg are most of the CLI's weight.
    return (await import('../report')).writeReports({
      subject: comparison ? { kind: 'comparison', comparison } : { kind: 'run', view },
      types,
      prefix,
      zone: flags.tz,
      summary: summaryRows(view, wall),
    });
  };
  if (flags.json) {
    const written = await reports();
    const extra = {
      // The run's own figure: beside a comparison's combined total_cost it would read as A op B.
      ...(withFinalPeriods !== undefined &&
        !comparison && { total_cost_with_final_periods: withFinalPeriods }),
      ...(run && { seed: seedJson(run.seed), now: isoTime(Math.floor(run.nowMs / 1000)) }),
      simulation_result_file: out ?? null,
      reports: written,
    };
    io.stdout(comparison ? compareJson(comparison, wall, extra) : summaryJson(view, wall, extra));
    return view;
  }
  if (run) io.stdout(`Random seed: ${run.seed}\n`);
  io.stdout(comparison ? compareText(comparison, wall) : summaryText(view, wall));
  const written = await reports();
  if (written.length > 0) io.stdout(`Reports: ${written.join(', ')}\n`);
  if (run) io.stdout(`${reproduceLine(run.seed, run.relative ? run.nowMs : undefined)}\n`);
  return view;
}

/**
 * Every file the run will write, checked before any work (exit 2 with the flag and the path); report files
 * that exist are replaced only with --yes or a yes on the terminal (else exit 1, nothing written).
 */
async function checkOutputs(
  flags: SimulateFlags,
  types: readonly ChartType[],
  simulating: boolean,
  prefix: string,
  confirm: Confirm | undefined,
) {
  const result = flags['simulation-result-file'];
  if (simulating && result !== undefined)
    await checkOutputPath('--simulation-result-file', result, fileInFolder(result, 'result.json.gz'));
  if (types.length === 0) return;
  const { reportFiles } = await import('../report/files');
  const flag = flags['output-prefix'] === undefined ? '--name' : '--output-prefix';
  const files = reportFiles(types, prefix);
  for (const file of files)
    await checkOutputPath(flag, file, 'choose an --output-prefix that names no folder');
  const existing = files.filter((file) => existsSync(file));
  if (existing.length === 0 || flags.yes) return;
  const them = existing.length === 1 ? 'it' : 'them';
  if (!confirm)
    throw new OverwriteDeclined(
      `${someOf(existing)} already exist${existing.length === 1 ? 's' : ''}: pass --yes to replace ${them} (nothing written)`,
    );
  const question = `Report files already exist: ${someOf(existing)}\nReplace ${existing.length} report file${existing.length === 1 ? '' : 's'}? [y/N]`;
  if (!(await confirm(question)))
    throw new OverwriteDeclined(`${someOf(existing)}: not replaced (nothing written)`);
}

/** What a run's randomness depended on: its seed, and "now" when the window was given relative to it. */
interface RunInputs {
  readonly seed: bigint;
  readonly nowMs: number;
  readonly relative: boolean;
}

/** A seed as a JSON number when it is one exactly, else as text. */
const seedJson = (seed: bigint): number | string =>
  Number.isSafeInteger(Number(seed)) ? Number(seed) : seed.toString();

function reportTypes(names: readonly string[] | undefined): ChartType[] {
  if (!names || names.length === 0) return [];
  if (names.includes('all')) return [...CHART_TYPES];
  return [...new Set(names)] as ChartType[];
}

async function simulateFiles(
  flags: SimulateFlags,
  files: readonly string[],
  io: SimulateIo,
  invocation: Invocation,
) {
  if (flags.cluster === undefined)
    throw new UsageError('--cluster is required to simulate (or set CMAN_CLUSTER)');
  const clock = io.nowMs();
  const { ctx, start, end } = timeWindow(flags, clock);
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
  const relative = isRelativeTime(flags['start-time'], ctx) || isRelativeTime(flags['end-time'], ctx);

  const configFile = flags['autoscaler-config'];
  const config = configFile === undefined ? undefined : loadAutoscalerConfig(configFile);
  const autoscaler = config && {
    config,
    policy: config.policy === undefined ? setpointPolicy : loadPolicy(config.policy),
  };
  const url = flags['metrics-datastore'];
  const data = await mergedMetrics(files, url === undefined ? undefined : { url, start, end }, io.stderr);
  const pool = {
    cluster: flags.cluster,
    pool: flags.pool,
    scheduler: flags.scheduler as 'mesos' | 'kubernetes',
  };
  checkCoverage(data, {
    pool,
    start,
    end,
    autoscaler: autoscaler !== undefined,
    allowStale: flags['allow-stale'] ?? false,
    clustermanWindow: flags['clusterman-window'] ?? false,
    zone: flags.tz,
  });
  // Said before the run, not after the user waited for its figures.
  const catalog = loadCatalog();
  const clustermanWindow = flags['clusterman-window'] ?? false;
  const scope = { pool, start, end, autoscaler: config, catalog, ignoreBefore: clustermanWindow };
  for (const market of marketsWithoutPrices(data, scope))
    io.stderr(`Warning: no spot_prices series for ${market}: its instances cost nothing\n`);
  const logEvents = flags['log-level'] === 'info' || flags['log-level'] === 'debug';
  // The event log writes lines to stderr: a bar drawn over them would garble both.
  const progress = progressBar(
    !flags.json && !logEvents && io.stderrIsTty === true,
    process.stderr,
    'simulated hours',
  );
  const hours = (t: number): number => Math.floor((t - start) / 3600);
  const options: SimulationOptions = {
    name: flags.name,
    pool,
    start,
    end,
    cpusPerWeight: flags['cpus-per-weight'],
    ebsGb: flags['ebs-volume-size'],
    discount,
    joinDelay: { mean, stdev },
    billing: { period, refundOutbid: flags['refund-outbid'] },
    catalog,
    rng: Rng.fromSeed(seed),
    onEvent: logEvents ? (e) => io.stderr(eventLine(e)) : undefined,
    autoscaler,
    clustermanWindow,
  };
  let result: SimulationResult;
  try {
    result = await simulateInSlices(data, options, (t) =>
      progress.update(hours(t), Math.ceil((end - start) / 3600)),
    );
  } finally {
    progress.stop();
  }
  if (logEvents) io.stderr(`=== Event ${result.events} -- ${isoTime(end)}\t[SimulationEndEvent]\n`);
  const info = runInfo(
    {
      cluster: flags.cluster,
      pool: flags.pool,
      scheduler: flags.scheduler,
      files,
      datastore: url,
      billingPeriod: flags['billing-period'],
      cpusPerWeight: flags['cpus-per-weight'],
      clustermanWindow: flags['clusterman-window'] ?? false,
      autoscaler: configFile === undefined ? undefined : { config: configFile, policy: config?.policy },
      seed,
      startedMs: clock,
    },
    invocation,
  );
  const view = viewOf(result, {
    cpusPerWeight: flags['cpus-per-weight'],
    ...(config && {
      setpoint: { setpoint: config.setpoint, margin: config.setpointMargin },
    }),
    run: info,
  });
  return {
    view,
    totalCostWithFinalPeriods: result.totalCostWithFinalPeriods,
    inputs: { seed, nowMs: ctx.nowMs, relative },
  };
}

/** clusterman's event log line. */
const eventLine = (e: FiredEvent): string =>
  `=== Event ${e.id} -- ${isoTime(e.time)}\t[${e.name}]${e.detail}\n`;
