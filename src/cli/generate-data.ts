/** generate-data's flags -> library call -> what the user sees. */
import { loadDesign } from '../design/load';
import { generateData, type GenerateResult, type SeriesRef } from '../generate/run';
import { OverwriteDeclined } from '../generate/errors';
import type { MetricType, WriteFormat } from '../metrics/model';
import { formatTime } from '../time';
import type { VictoriaMetrics } from '../datastore/client';
import { DatastoreDeclined, DatastoreError } from '../datastore/errors';
import type { DatastoreWriteResult } from '../datastore/write';
import { sentLine } from './datastore-output';
import { UsageError } from './errors';
import { parseSeed } from './seed';
import { BROKEN_PIPE_EXIT_CODE, exitOnSignal } from './signals';
import { checkOutputPath, fileInFolder, gzipNameWarning } from './output-paths';
import { streamSink } from '../metrics/file';
import type { ByteSink } from '../metrics/encode/pool';
import { replaceConfirmer } from './replace';
import { retryOptions } from './retries';
import { replaceQuestion, terminalConfirm, type Confirm } from './prompt';
import { someOf, someQuoted } from '../util/list';
import { progressBar } from './progress';
import { formatStat, renderTable } from './table';
import { reproduceLine } from './reproduce';
import { timeContext } from './time-flags';

export interface GenerateDataFlags {
  readonly input: string;
  readonly output: string;
  readonly seed?: string;
  readonly yes: boolean;
  readonly format?: string;
  readonly tz: string;
  readonly now?: string;
  readonly 'metric-type': string;
  readonly 'max-points': number;
  readonly history?: string[];
  readonly json: boolean;
  readonly quiet: boolean;
  readonly datastore?: string;
  readonly 'dry-run'?: boolean;
}

export interface Io {
  readonly stdout: (text: string) => void;
  /** Warnings, and the summary when the metrics go to stdout. Default: process.stderr. */
  readonly stderr?: (text: string) => void;
  /** Where `-o -` writes the gzipped bytes. Default: process.stdout. */
  readonly stdoutSink?: () => ByteSink;
  readonly stdoutIsTty?: boolean;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  readonly confirm: Confirm | undefined;
  readonly nowMs: () => number;
}

const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutSink: () => streamSink(process.stdout, brokenPipe),
  stdoutIsTty: process.stdout.isTTY === true,
  confirm: process.stdin.isTTY
    ? terminalConfirm({ input: process.stdin, output: process.stderr })
    : undefined,
  nowMs: () => Date.now(),
});

/** The reader of `-o -` stopped reading (`| head`): leave as a process killed by SIGPIPE would. */
const brokenPipe = (err: Error): void => {
  if ((err as NodeJS.ErrnoException).code === 'EPIPE') exitOnSignal(BROKEN_PIPE_EXIT_CODE);
};

/** `-o -`: the gzipped metrics go to stdout. */
const STDOUT = '-';

/** Said when the default format (json) went to a file named for clusterman: its simulator cannot read it. */
export const JSONPICKLE_HINT =
  "Hint: Python clusterman's simulator reads only jsonpickle files: add --format jsonpickle for it.\n";

/** An output named as clusterman names its files (metrics.json.gz, its default) or after it. */
function forClusterman(output: string): boolean {
  if (output === STDOUT) return false;
  const name = output.split(/[\\/]/).pop() ?? '';
  return /^metrics\.json(\.gz)?$/i.test(name) || /clusterman|simulat/i.test(name);
}

export { parseSeed } from './seed';

export async function runGenerateData(
  flags: GenerateDataFlags,
  io: Io = processIo(),
): Promise<GenerateResult> {
  const clock = io.nowMs();
  const time = timeContext(flags, clock);
  const seed = parseSeed(flags.seed, clock);
  const { nowMs } = time;
  const toStdout = flags.output === STDOUT;
  const dryRun = flags['dry-run'] === true;
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  if (toStdout && io.stdoutIsTty && !dryRun)
    throw new UsageError(
      '--output -: stdout is a terminal, and the metrics are gzipped: redirect it (> metrics.json.gz) or pipe it (| gunzip)',
    );
  if (!toStdout) {
    await checkOutputPath('--output', flags.output, fileInFolder(flags.output, 'metrics.json.gz'));
    const warning = gzipNameWarning('--output', flags.output);
    if (warning && !flags.quiet) stderr(warning);
  }
  // With -o -, stdout carries the metrics: what is said goes to stderr.
  const say = toStdout ? stderr : io.stdout;
  const design = await loadDesign(flags.input, {
    time,
    metricType: flags['metric-type'] as MetricType,
  });
  // Checked before any work, so a mistyped URL costs nothing.
  // The HTTP client loads only when asked for: it is most of a cold start.
  const client =
    flags.datastore === undefined
      ? undefined
      : new (await import('../datastore/client')).VictoriaMetrics(
          flags.datastore,
          '--datastore',
          retryOptions(flags.quiet, (line) => process.stderr.write(line)),
        );
  // Before the file is touched: a datastore that cannot be reached leaves it as it was.
  await client?.reachable();
  const text = !flags.json && !flags.quiet;
  const progress = progressBar(text);
  let result: GenerateResult;
  try {
    result = await generateData({
      design,
      output: flags.output,
      to: dryRun
        ? 'nowhere'
        : toStdout
          ? (io.stdoutSink ?? (() => streamSink(process.stdout, brokenPipe)))()
          : 'file',
      seed,
      format: flags.format as WriteFormat | undefined,
      maxPoints: flags['max-points'],
      zone: flags.tz,
      history: flags.history ?? [],
      confirmOverwrite: (series, output) => confirmOverwrite(series, output, flags.yes, io.confirm),
      onProgress: (done, total) => progress.update(done, total),
      // Only now: a run stopped by bad input never printed a seed it did not use.
      onStart: () => text && say(`Random seed: ${seed}\n`),
      collect: client !== undefined,
    });
  } finally {
    progress.stop();
  }
  const stored = client && !dryRun ? await storeGenerated(client, result, flags, io) : undefined;
  if (flags.json)
    say(
      `${JSON.stringify({ ...toJson(result, nowMs, flags.tz, stored), ...(dryRun && { dry_run: true }) }, null, 2)}\n`,
    );
  else if (text) {
    say(`${summaryText(result, flags.tz, dryRun)}${stored ? `\n${sentLine(stored)}` : ''}\n`);
    if (flags.format === undefined && result.format === 'json' && forClusterman(flags.output))
      stderr(JSONPICKLE_HINT);
    say(`${reproduceLine(seed, design.usesRelativeTime ? nowMs : undefined)}\n`);
  }
  return result;
}

/**
 * After the file is written: the generated series go to the datastore too, a metric type at a time, with one
 * question for every series it would replace, whatever their types.
 */
async function storeGenerated(
  client: VictoriaMetrics,
  result: GenerateResult,
  flags: GenerateDataFlags,
  io: Io,
): Promise<DatastoreWriteResult[]> {
  const { commitDatastoreWrite, planDatastoreWrite } = await import('../datastore/write');
  const types = [...new Set(result.collected.map((c) => c.type))];
  try {
    const plans = [];
    const replacing: string[] = [];
    const noted = async (keys: readonly string[]): Promise<boolean> => {
      replacing.push(...keys);
      return true;
    };
    for (const type of types)
      plans.push(
        await planDatastoreWrite(
          client,
          type,
          result.collected.filter((c) => c.type === type),
          noted,
        ),
      );
    const confirm = replaceConfirmer(flags.yes, io.confirm, types.join(', '), () => false);
    if (!(await confirm([{ keys: replacing, where: client.where }])))
      throw new DatastoreDeclined(
        `${client.where}: datastore left unchanged (not replacing ${someQuoted(replacing)})`,
      );
    const out: DatastoreWriteResult[] = [];
    for (const plan of plans) out.push(await commitDatastoreWrite(plan));
    return out;
  } catch (err) {
    // The file is already in place: say so, whatever stopped the datastore.
    if (err instanceof DatastoreDeclined)
      throw new DatastoreDeclined(`${err.message}; ${result.output} was written`);
    if (err instanceof DatastoreError)
      throw new DatastoreError(`${err.message}; ${result.output} was written`);
    throw err;
  }
}

async function confirmOverwrite(
  series: readonly SeriesRef[],
  output: string,
  yes: boolean,
  confirm: Confirm | undefined,
): Promise<boolean> {
  if (yes) return true;
  const names = series.map((s) => `'${s.key}' (${s.type})`);
  if (!confirm)
    throw new OverwriteDeclined(
      `${output} already holds ${someOf(names)}: pass --yes to replace ${series.length === 1 ? 'it' : 'them'} (file left unchanged)`,
    );
  return confirm(replaceQuestion(names, output));
}

function summaryText(result: GenerateResult, zone: string, dryRun: boolean): string {
  const when = (t: number | undefined) => (t === undefined ? '-' : formatTime(t, zone));
  const table = renderTable(result.series, [
    { header: 'metric_type', value: (s) => s.type },
    { header: 'key', value: (s) => s.key, shrink: true },
    { header: 'points', align: 'right', value: (s) => String(s.points) },
    { header: 'first', value: (s) => when(s.first) },
    { header: 'last', value: (s) => when(s.last) },
    { header: 'min', align: 'right', value: (s) => formatStat(s.min) },
    { header: 'mean', align: 'right', value: (s) => formatStat(s.mean) },
    { header: 'max', align: 'right', value: (s) => formatStat(s.max) },
  ]);
  const total = result.series.reduce((n, s) => n + s.points, 0);
  const carried = result.kept > 0 ? `, kept ${result.kept} existing` : '';
  const replaced = result.replaced.length > 0 ? `, replaced ${result.replaced.length}` : '';
  const where = result.output === STDOUT ? 'stdout' : result.output;
  const what = `${total} points in ${result.series.length} series to ${where}`;
  if (dryRun) {
    const wouldReplace = result.replaced.length > 0 ? `, would replace ${result.replaced.length}` : '';
    const wouldKeep = result.kept > 0 ? `, would keep ${result.kept} existing` : '';
    return `${table}\nDry run: would write ${what} (${result.format}${wouldReplace}${wouldKeep}); nothing written.`;
  }
  return `${table}\nWrote ${what} (${result.format}${replaced}${carried}).`;
}

function toJson(
  result: GenerateResult,
  nowMs: number,
  zone: string,
  stored: readonly DatastoreWriteResult[] | undefined,
) {
  const when = (t: number | undefined) => (t === undefined ? null : formatTime(t, zone));
  return {
    seed: Number.isSafeInteger(Number(result.seed)) ? Number(result.seed) : result.seed.toString(),
    now: formatTime(Math.floor(nowMs / 1000), zone),
    output: result.output,
    format: result.format,
    replaced: result.replaced,
    kept: result.kept,
    series: result.series.map((s) => ({ ...s, first: when(s.first), last: when(s.last) })),
    datastore: stored ?? [],
  };
}
