/**
 * generate-events' record formats and `--metrics`: which format the flags ask for (JSON lines, CSV, Parquet,
 * a v2 pattern file, a v3 template), checked and compiled before anything is written, and the aggregator
 * that turns the same records into a metrics file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EventConfig } from '../events/model';
import { Aggregator, parseAggregate, writeAggregates, type AggregateSummary } from '../records/aggregate';
import { csvFormat } from '../records/formats/csv';
import { CsvBytes } from '../records/formats/csv-bytes';
import { RecordFormatError } from '../records/formats/errors';
import type { ByteTarget, ValuesBytes } from '../records/formats/byte-chunks';
import { ndjsonFormat } from '../records/formats/ndjson';
import { NdjsonBytes } from '../records/formats/ndjson-bytes';
import { parquetOutput } from '../records/formats/parquet';
import { type CompiledPattern, compilePattern, patternFormat } from '../records/formats/pattern';
import { PatternBytes } from '../records/formats/pattern-bytes';
import { templateFormat } from '../records/formats/template';
import type { EmitterSchema, RecordFormat, RecordSchema } from '../records/formats/types';
import type { LineSink } from '../records/sinks/types';
import { describeIoError } from '../util/io';
import { UsageError } from './errors';
import { checkOutputPath, fileInFolder, gzipNameWarning } from './output-paths';

export interface RecordFlags {
  readonly format: string;
  readonly pattern?: string;
  readonly template?: string;
  readonly metrics?: string;
}

/** Flag combinations that cannot work, refused before the config is read. */
export function checkRecordFlags(flags: RecordFlags): void {
  if (flags.pattern !== undefined && flags.template !== undefined)
    throw new UsageError('-f/--pattern and -t/--template cannot be used together: give one');
  const shaped =
    flags.pattern !== undefined ? '-f/--pattern' : flags.template !== undefined ? '-t/--template' : undefined;
  if (shaped && flags.format !== 'json')
    throw new UsageError(
      `${shaped} makes its own lines: it cannot be combined with --format ${flags.format}`,
    );
}

export interface RecordPlan {
  /** Opens the output: Parquet brings its own sink, the text formats use `openText` (given their format). */
  open(
    openText: (format: RecordFormat) => Promise<LineSink>,
  ): Promise<{ format: RecordFormat; output: LineSink }>;
  readonly aggregator: Aggregator | undefined;
  /**
   * Set when the format can be written from a record's values straight to bytes (JSON lines, CSV, pattern
   * files): the same bytes as its lines, without record objects or line strings.
   */
  readonly bytes: ((target: ByteTarget) => ValuesBytes) | undefined;
  /** Writes the metrics file, when `--metrics` was given. */
  writeMetrics(): Promise<AggregateSummary | undefined>;
  readonly warnings: readonly string[];
}

/** Where the records go, as generate-events decided it (only a file's path matters here). */
export type RecordTarget =
  { readonly type: 'stdout' | 'http' } | { readonly type: 'file'; readonly path: string };

/**
 * Reads the pattern file, compiles the template and the `aggregate:` block against the emitters' schemas,
 * so that every mistake is reported (exit 2) before any output is opened.
 */
export async function planRecordOutput(
  flags: RecordFlags,
  config: EventConfig,
  schemas: readonly EmitterSchema[],
  target: RecordTarget,
  bounded: boolean,
): Promise<RecordPlan> {
  const schema: RecordSchema = { emitters: schemas };
  const warnings: string[] = [];
  let makeFormat: () => RecordFormat;
  let bytes: RecordPlan['bytes'];
  if (flags.pattern !== undefined) {
    const text = await readFile(flags.pattern, 'utf8').catch((err: unknown) => {
      throw new RecordFormatError(`-f/--pattern ${flags.pattern}: ${describeIoError(err)}`);
    });
    const pattern = compilePattern(text, flags.pattern, process.env);
    const format = patternFormat(pattern)(schema);
    makeFormat = () => format;
    if (bytesSafe(pattern)) bytes = (target) => new PatternBytes(pattern, schemas, target);
  } else if (flags.template !== undefined) {
    makeFormat = templateFormat(templatesOf(config, flags.template), flags.template, process.env);
  } else if (flags.format === 'csv') {
    makeFormat = () => csvFormat(schema);
    bytes = (target) => new CsvBytes(schema, target);
  } else if (flags.format === 'json') {
    makeFormat = () => ndjsonFormat(schema);
    bytes = (target) => new NdjsonBytes(schemas, target);
  } else makeFormat = () => ndjsonFormat(schema);

  if (flags.format === 'parquet') {
    if (target.type !== 'file')
      throw new UsageError(
        '--format parquet needs a file: give -o FILE.parquet (Parquet is not written to stdout)',
      );
    if (!bounded)
      throw new UsageError(
        '--format parquet needs an end: give -n N or -r DURATION (the file is written when the run ends)',
      );
    if (/\.gz$/i.test(target.path))
      throw new UsageError(`--format parquet: ${target.path}: Parquet compresses itself; drop the .gz`);
  }

  let aggregator: Aggregator | undefined;
  const metricsPath = flags.metrics;
  if (metricsPath !== undefined) {
    if (!Object.hasOwn(config.raw, 'aggregate'))
      throw new UsageError(`--metrics: ${config.file} has no aggregate: block saying which metrics to write`);
    aggregator = new Aggregator(parseAggregate(config.raw.aggregate, config.file, schema));
    await checkOutputPath('--metrics', metricsPath, fileInFolder(metricsPath, 'events.json.gz'));
    const warning = gzipNameWarning('--metrics', metricsPath);
    if (warning) warnings.push(warning.replace(/^Warning: /, '').trimEnd());
  }

  return {
    aggregator,
    bytes,
    warnings,
    async open(openText) {
      if (flags.format === 'parquet' && target.type === 'file') {
        const { format, target: output } = await parquetOutput(resolve(target.path), schema);
        // The staged CSV's header names the columns (text formats get theirs from the sink that opens).
        const header = format.header();
        if (header !== undefined) await output.write(`${header}\n`, 0);
        return { format, output };
      }
      const format = makeFormat();
      return { format, output: await openText(format) };
    },
    writeMetrics: async () =>
      aggregator && metricsPath !== undefined ? writeAggregates(aggregator, metricsPath) : undefined,
  };
}

/**
 * Pattern bytes are written part by part: a literal holding half a surrogate pair could pair up with a
 * value's other half only in the joined line, so such a (strange) pattern keeps the line path.
 */
const bytesSafe = (pattern: CompiledPattern): boolean =>
  pattern.parts.every((p) => typeof p !== 'string' || !/[\ud800-\udfff]/.test(p));

/** v3 `templates` as the template format takes them; a v2-style `-t target.json` gets a hint. */
function templatesOf(config: EventConfig, name: string) {
  if (config.templates.size === 0) {
    const hint = /\.(json|ya?ml)$/i.test(name) ? ' (a target file is --target FILE here, not -t)' : '';
    throw new RecordFormatError(
      `-t/--template ${name}: ${config.file} has no templates (v3 configs name them in a templates: block)${hint}`,
    );
  }
  return Object.fromEntries(
    [...config.templates].map(([n, t]) => [
      n,
      t.header === undefined ? { body: t.body } : { body: t.body, header: t.header },
    ]),
  );
}
