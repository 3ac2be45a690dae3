/** backfill's flags -> backfill() -> what the user sees. */
import type { SourceName } from '../backfill/pull';
import { backfill, type BackfillResult } from '../backfill/run';
import { isMetricType, type MetricType } from '../metrics/model';
import { formatTime } from '../time';
import { sentLine } from './datastore-output';
import { UsageError } from './errors';
import { checkOutputPath, fileInFolder, gzipNameWarning } from './output-paths';
import { progressBar } from './progress';
import { terminalConfirm, type Confirm } from './prompt';
import { replaceConfirmer } from './replace';
import { retryOptions } from './retries';
import { formatStat, renderTable } from './table';
import { timeWindow } from './time-flags';

export interface BackfillFlags {
  readonly src: string;
  readonly 'src-metric-names': string[];
  readonly 'dest-metric-names'?: string[];
  readonly 'metric-type': string;
  readonly 'start-time': string;
  readonly 'end-time': string;
  readonly 'dest-file'?: string;
  readonly datastore?: string;
  readonly option?: string[];
  readonly yes: boolean;
  readonly 'allow-partial': boolean;
  readonly tz: string;
  readonly now?: string;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly 'dry-run'?: boolean;
}

export interface BackfillIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly confirm: Confirm | undefined;
  readonly nowMs: () => number;
  readonly env: NodeJS.ProcessEnv;
  readonly backoffMs?: number;
}

const processIo = (): BackfillIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  confirm: process.stdin.isTTY
    ? terminalConfirm({ input: process.stdin, output: process.stderr })
    : undefined,
  nowMs: () => Date.now(),
  env: process.env,
});

export async function runBackfill(
  flags: BackfillFlags,
  io: BackfillIo = processIo(),
): Promise<BackfillResult> {
  if (!isMetricType(flags['metric-type']))
    throw new UsageError(`--metric-type: unknown '${flags['metric-type']}'`);
  if (flags['dest-file'] === undefined && flags.datastore === undefined)
    throw new UsageError('give --dest-file, --datastore or both: where the history goes');
  const src = flags['src-metric-names'];
  const dest = flags['dest-metric-names'] ?? src;
  if (dest.length !== src.length)
    throw new UsageError(
      `--dest-metric-names: ${plural(dest.length, 'name')} for ${plural(src.length, 'source metric')} (give one per source, or none)`,
    );
  const { start, end } = timeWindow(flags, io.nowMs());
  const destFile = flags['dest-file'];
  if (destFile !== undefined) {
    await checkOutputPath('--dest-file', destFile, fileInFolder(destFile, 'metrics.json.gz'));
    const warning = gzipNameWarning('--dest-file', destFile);
    if (warning && !flags.quiet) io.stderr(warning);
  }
  const dryRun = flags['dry-run'] === true;

  const text = !flags.json && !flags.quiet;
  const progress = progressBar(text, process.stderr, 'requests');
  let result: BackfillResult;
  try {
    result = await backfill({
      source: flags.src as SourceName,
      srcNames: src,
      destNames: dest,
      metricType: flags['metric-type'] as MetricType,
      start,
      end,
      ...(flags['dest-file'] !== undefined && { destFile: flags['dest-file'] }),
      ...(flags.datastore !== undefined && { datastore: flags.datastore }),
      options: flags.option ?? [],
      env: io.env,
      allowPartial: flags['allow-partial'],
      onWarning: (line) => {
        if (!flags.quiet) io.stderr(line);
      },
      onProgress: (_metric, done, total) => progress.update(done, total),
      confirmReplace: replaceConfirmer(
        flags.yes,
        io.confirm,
        flags['metric-type'],
        (where) => where === flags['dest-file'],
      ),
      ...retryOptions(flags.quiet, io.stderr, io.env),
      ...(io.backoffMs !== undefined && { backoffMs: io.backoffMs }),
      dryRun,
    });
  } finally {
    progress.stop();
  }
  if (flags.json)
    io.stdout(
      `${JSON.stringify({ ...backfillJson(result, flags, { start, end }), ...(dryRun && { dry_run: true }) }, null, 2)}
`,
    );
  else if (text) io.stdout(backfillText(result, flags.tz, dryRun, flags.datastore));
  return result;
}

/** `1 name`, `2 names`. */
const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const when = (t: number | undefined, zone: string): string | null =>
  t === undefined ? null : formatTime(t, zone);

/** The same keys as generate-data's summary: `output`, `replaced` as {type, key}, `datastore` as a list. */
function backfillJson(result: BackfillResult, flags: BackfillFlags, window: { start: number; end: number }) {
  const zone = flags.tz;
  const type = flags['metric-type'];
  return {
    start: formatTime(window.start, zone),
    end: formatTime(window.end, zone),
    output: result.file ?? null,
    replaced: result.replaced.map((key) => ({ type, key })),
    datastore: result.datastore ? [result.datastore] : [],
    series: result.series.map((s) => ({
      type,
      ...s,
      first: when(s.first, zone),
      last: when(s.last, zone),
    })),
  };
}

function backfillText(
  result: BackfillResult,
  zone: string,
  dryRun: boolean,
  datastore: string | undefined,
): string {
  const table = renderTable(result.series, [
    { header: 'key', value: (s) => s.key, shrink: true },
    { header: 'points', align: 'right', value: (s) => formatStat(s.points) },
    { header: 'first', value: (s) => when(s.first, zone) ?? '-' },
    { header: 'last', value: (s) => when(s.last, zone) ?? '-' },
  ]);
  const lines = [table];
  if (dryRun) {
    const where = [result.file, datastore].filter((w) => w !== undefined).join(' and ');
    const replacing =
      result.replaced.length > 0 ? ` (would replace ${result.replaced.length} in the file)` : '';
    lines.push(
      `Dry run: would write ${result.series.length} series to ${where}${replacing}; nothing written.`,
    );
    return `${lines.join('\n')}\n`;
  }
  if (result.file !== undefined) lines.push(`Wrote ${result.series.length} series to ${result.file}.`);
  if (result.datastore) lines.push(sentLine([result.datastore]));
  return `${lines.join('\n')}\n`;
}
