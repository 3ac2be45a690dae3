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
import { replaceConfirmer } from './replace';
import { overwriteQuestion, terminalConfirm, type Confirm } from './prompt';
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
}

export interface Io {
  readonly stdout: (text: string) => void;
  /** Asks a yes/no question; undefined when there is no terminal to ask on. */
  readonly confirm: Confirm | undefined;
  readonly nowMs: () => number;
}

const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  confirm: process.stdin.isTTY
    ? terminalConfirm({ input: process.stdin, output: process.stderr })
    : undefined,
  nowMs: () => Date.now(),
});

export function parseSeed(raw: string | undefined, nowMs: number): bigint {
  if (raw === undefined) return BigInt(Math.floor(nowMs / 1000));
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--seed must be a non-negative integer (got '${raw}')`);
  return BigInt(raw.trim());
}

export async function runGenerateData(
  flags: GenerateDataFlags,
  io: Io = processIo(),
): Promise<GenerateResult> {
  const clock = io.nowMs();
  const time = timeContext(flags, clock);
  const seed = parseSeed(flags.seed, clock);
  const { nowMs } = time;
  const design = await loadDesign(flags.input, {
    time,
    metricType: flags['metric-type'] as MetricType,
  });
  // Checked before any work, so a mistyped URL costs nothing.
  // The HTTP client loads only when asked for: it is most of a cold start.
  const client =
    flags.datastore === undefined
      ? undefined
      : new (await import('../datastore/client')).VictoriaMetrics(flags.datastore, '--datastore');
  const text = !flags.json && !flags.quiet;
  const progress = progressBar(text);
  let result: GenerateResult;
  try {
    result = await generateData({
      design,
      output: flags.output,
      seed,
      format: flags.format as WriteFormat | undefined,
      maxPoints: flags['max-points'],
      zone: flags.tz,
      history: flags.history ?? [],
      confirmOverwrite: (series, output) => confirmOverwrite(series, output, flags.yes, io.confirm),
      onProgress: (done, total) => progress.update(done, total),
      // Only now: a run stopped by bad input never printed a seed it did not use.
      onStart: () => text && io.stdout(`Random seed: ${seed}\n`),
      collect: client !== undefined,
    });
  } finally {
    progress.stop();
  }
  const stored = client && (await storeGenerated(client, result, flags, io));
  if (flags.json) io.stdout(`${JSON.stringify(toJson(result, nowMs, flags.tz, stored), null, 2)}\n`);
  else if (text) {
    io.stdout(`${summaryText(result, flags.tz)}${stored ? `\n${sentLine(stored)}` : ''}\n`);
    io.stdout(`${reproduceLine(seed, design.usesRelativeTime ? nowMs : undefined)}\n`);
  }
  return result;
}

/** After the file is written: the generated series go to the datastore too, a metric type at a time. */
async function storeGenerated(
  client: VictoriaMetrics,
  result: GenerateResult,
  flags: GenerateDataFlags,
  io: Io,
): Promise<DatastoreWriteResult[]> {
  const { commitDatastoreWrite, planDatastoreWrite } = await import('../datastore/write');
  const types = [...new Set(result.collected.map((c) => c.type))];
  const out: DatastoreWriteResult[] = [];
  for (const type of types) {
    const series = result.collected.filter((c) => c.type === type);
    try {
      const plan = await planDatastoreWrite(
        client,
        type,
        series,
        replaceConfirmer(flags.yes, io.confirm, type, () => false),
      );
      out.push(await commitDatastoreWrite(plan));
    } catch (err) {
      // The file is already in place: say so, whatever stopped the datastore.
      if (err instanceof DatastoreDeclined)
        throw new DatastoreDeclined(`${err.message}; ${result.output} was written`);
      if (err instanceof DatastoreError)
        throw new DatastoreError(`${err.message}; ${result.output} was written`);
      throw err;
    }
  }
  return out;
}

async function confirmOverwrite(
  series: readonly SeriesRef[],
  output: string,
  yes: boolean,
  confirm: Confirm | undefined,
): Promise<boolean> {
  if (yes) return true;
  if (!confirm) {
    const names = series.map((s) => `'${s.key}' (${s.type})`).join(', ');
    throw new OverwriteDeclined(
      `${output} already holds ${names}: pass --yes to replace ${series.length === 1 ? 'it' : 'them'} (file left unchanged)`,
    );
  }
  for (const s of series) if (!(await confirm(overwriteQuestion(s.key)))) return false;
  return true;
}

function summaryText(result: GenerateResult, zone: string): string {
  const when = (t: number | undefined) => (t === undefined ? '-' : formatTime(t, zone));
  const table = renderTable(result.series, [
    { header: 'metric_type', value: (s) => s.type },
    { header: 'key', value: (s) => s.key },
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
  return `${table}\nWrote ${total} points in ${result.series.length} series to ${result.output} (${result.format}${replaced}${carried}).`;
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
