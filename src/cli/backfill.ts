/** backfill's flags -> backfill() -> what the user sees. */
import { BackfillDeclined } from '../backfill/errors';
import { backfill, type BackfillResult } from '../backfill/run';
import { isMetricType, type MetricType } from '../metrics/model';
import { formatTime, isValidZone, parseTime, TimeError } from '../time';
import { UsageError } from './errors';
import { overwriteQuestion, terminalConfirm, type Confirm } from './prompt';
import { formatStat, renderTable } from './table';

export interface BackfillFlags {
  readonly src: string;
  readonly 'src-metric-names': string[];
  readonly 'dest-metric-names'?: string[];
  readonly 'metric-type': string;
  readonly 'start-time': string;
  readonly 'end-time': string;
  readonly 'dest-file': string;
  readonly option?: string[];
  readonly yes: boolean;
  readonly 'allow-partial': boolean;
  readonly tz: string;
  readonly now?: string;
  readonly json: boolean;
  readonly quiet: boolean;
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

function timeFlag(name: string, text: string, ctx: { nowMs: number; zone: string }): number {
  try {
    return parseTime(text, ctx);
  } catch (err) {
    throw err instanceof TimeError ? new UsageError(`--${name}: ${err.message}`) : err;
  }
}

export async function runBackfill(
  flags: BackfillFlags,
  io: BackfillIo = processIo(),
): Promise<BackfillResult> {
  if (!isValidZone(flags.tz)) throw new UsageError(`--tz: unknown time zone '${flags.tz}'`);
  if (!isMetricType(flags['metric-type']))
    throw new UsageError(`--metric-type: unknown '${flags['metric-type']}'`);
  const src = flags['src-metric-names'];
  const dest = flags['dest-metric-names'] ?? src;
  if (dest.length !== src.length)
    throw new UsageError(
      `--dest-metric-names: ${dest.length} names for ${src.length} source metrics (give one per source, or none)`,
    );
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

  const result = await backfill({
    srcNames: src,
    destNames: dest,
    metricType: flags['metric-type'] as MetricType,
    start,
    end,
    destFile: flags['dest-file'],
    options: flags.option ?? [],
    env: io.env,
    allowPartial: flags['allow-partial'],
    onWarning: (text) => {
      if (!flags.quiet) io.stderr(text);
    },
    confirmReplace: async (keys, file) => {
      if (flags.yes) return true;
      if (!io.confirm) {
        throw new BackfillDeclined(
          `${file} already holds ${keys.map((k) => `'${k}'`).join(', ')} (${flags['metric-type']}): pass --yes to replace ${keys.length === 1 ? 'it' : 'them'} (file left unchanged)`,
        );
      }
      for (const key of keys) if (!(await io.confirm(overwriteQuestion(key)))) return false;
      return true;
    },
    ...(io.backoffMs !== undefined && { backoffMs: io.backoffMs }),
  });
  const when = (t: number | undefined): string | null => (t === undefined ? null : formatTime(t, flags.tz));
  if (flags.json) {
    const doc = {
      file: result.file,
      replaced: result.replaced,
      series: result.series.map((s) => ({ ...s, first: when(s.first), last: when(s.last) })),
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else if (!flags.quiet) {
    const table = renderTable(result.series, [
      { header: 'key', value: (s) => s.key },
      { header: 'points', align: 'right', value: (s) => formatStat(s.points) },
      { header: 'first', value: (s) => when(s.first) ?? '-' },
      { header: 'last', value: (s) => when(s.last) ?? '-' },
    ]);
    io.stdout(`${table}\nWrote ${result.series.length} series to ${result.file}.\n`);
  }
  return result;
}
