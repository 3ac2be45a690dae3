/** `validate telemetry` and `validate metrics`: flags -> checks -> a test-runner report, JSON or JUnit XML. */
import { AtomicFile } from '../metrics/atomic';
import { parseDuration } from '../time';
import { ValidateInputError } from '../validate/errors';
import { formatJunit, formatText, reportJson } from '../validate/format';
import { passed, type Report } from '../validate/report';
import { UsageError } from './errors';
import { checkOutputPath, fileInFolder } from './output-paths';
import { progressBar } from './progress';

export interface ReportFlags {
  readonly json: boolean;
  readonly junit?: string;
}

export interface ValidateTelemetryFlags extends ReportFlags {
  readonly directory: string;
  readonly contract?: string;
}

export interface ValidateMetricsFlags extends ReportFlags {
  readonly contract?: string;
  readonly 'max-gap'?: string;
}

export async function runValidateTelemetry(flags: ValidateTelemetryFlags): Promise<void> {
  if (flags.junit !== undefined)
    await checkOutputPath('--junit', flags.junit, fileInFolder(flags.junit, 'telemetry.xml'));
  const { validateTelemetry } = await import('../validate/telemetry/run');
  const bar = progressBar(!flags.json, process.stderr, 'files');
  const report = await asUsage(() =>
    validateTelemetry({
      directory: flags.directory,
      ...(flags.contract === undefined ? {} : { contract: flags.contract }),
      onProgress: (done, files) => bar.update(done, files),
    }),
  ).finally(() => bar.stop());
  await printReport(report, flags, 'validate telemetry');
}

export async function runValidateMetrics(
  files: readonly string[],
  flags: ValidateMetricsFlags,
): Promise<void> {
  if (files.length === 0) throw new UsageError('give one or more metrics files to validate');
  if (flags.junit !== undefined)
    await checkOutputPath('--junit', flags.junit, fileInFolder(flags.junit, 'metrics.xml'));
  const maxGap = flags['max-gap'] === undefined ? undefined : parseDuration(flags['max-gap']);
  if (maxGap !== undefined && maxGap <= 0)
    throw new UsageError(`--max-gap: must be a positive duration, not '${flags['max-gap']}'`);
  const { validateMetrics } = await import('../validate/metrics/run');
  const report = await asUsage(() =>
    validateMetrics(files, {
      ...(flags.contract === undefined ? {} : { contract: flags.contract }),
      ...(maxGap === undefined ? {} : { maxGap }),
    }),
  );
  await printReport(report, flags, 'validate metrics');
}

/** Our input errors are bad input like any other: one line, exit 2. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ValidateInputError) throw new UsageError(err.message);
    throw err;
  }
}

async function printReport(report: Report, flags: ReportFlags, suite: string): Promise<void> {
  if (flags.junit !== undefined) {
    const out = await AtomicFile.create(flags.junit);
    try {
      await out.write(Buffer.from(formatJunit(report, suite), 'utf8'));
      await out.commit();
    } catch (err) {
      await out.abort();
      throw err;
    }
  }
  process.stdout.write(flags.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : formatText(report));
  if (!passed(report)) process.exitCode = 1;
}
