/**
 * The outputs of a users run, by name (the names key the committed positions in a checkpoint): csv and
 * ndjson files for logs and catalogs (relative names from --output-dir), stdout (ndjson), http batches.
 */
import { isAbsolute, join } from 'node:path';
import type { LineSink, Rotation } from '../records/sinks/types';
import { ConfigError } from './errors';
import { openFileSink } from '../records/sinks/file';
import { CATALOG_HEADER, LOG_HEADER } from './records';
import type { Target } from './output';
import type { UsersConfig } from './types';

export interface OpenedOutputs {
  readonly sinks: Record<string, LineSink>;
  readonly targets: Target[];
  /** files (or patterns, with rotation) for summaries and reset */
  readonly files: string[];
}

export function outputPath(outputDir: string, name: string): string {
  return isAbsolute(name) ? name : join(outputDir, name);
}

/** Catalog rows' subject types: the catalog types, media_* as one `media`. */
const CATALOG_SUBJECTS = [
  'user',
  'media',
  'module',
  'exam',
  'promotion',
  'blood',
  'drug',
  'oxygen',
  'medical_equipment',
];

const ndjsonName = (name: string): string =>
  name.endsWith('.csv') ? `${name.slice(0, -4)}.ndjson` : `${name}.ndjson`;

/** The files a config writes (before rotation), to check and to reset. */
export function plannedFiles(config: UsersConfig, outputDir: string): string[] {
  const g = config.global;
  const files: string[] = [];
  for (const type of g.sink_types) {
    if (type !== 'csv' && type !== 'ndjson') continue;
    for (const [key, name] of [
      ['log_events_filename', g.log_events_filename],
      ['catalog_events_filename', g.catalog_events_filename],
    ] as const) {
      if (name === null) throw new ConfigError(`${config.file}: global.${key}: needed by the ${type} sink`);
      files.push(outputPath(outputDir, type === 'csv' ? name : ndjsonName(name)));
    }
  }
  return files;
}

export function openOutputs(
  config: UsersConfig,
  outputDir: string,
  rotation: Rotation,
  extra: { stdout?: () => LineSink; http?: (path: string) => LineSink },
): OpenedOutputs {
  const g = config.global;
  const sinks: Record<string, LineSink> = {};
  const targets: Target[] = [];
  const files: string[] = [];
  for (const type of g.sink_types) {
    if (type === 'csv' || type === 'ndjson') {
      const [logFile, catalogFile] = plannedFiles(
        { ...config, global: { ...g, sink_types: [type] } },
        outputDir,
      ) as [string, string];
      const csv = type === 'csv';
      // Written by the thread pool while the next records are formatted (the second core does the copy).
      sinks[`${type}:log`] = openFileSink({
        path: logFile,
        rotation,
        background: true,
        ...(csv ? { header: `${LOG_HEADER}\r\n` } : {}),
      });
      sinks[`${type}:catalog`] = openFileSink({
        path: catalogFile,
        rotation,
        background: true,
        ...(csv ? { header: `${CATALOG_HEADER}\r\n` } : {}),
      });
      targets.push({ sink: sinks[`${type}:log`] as LineSink, format: type, records: 'log' });
      targets.push({ sink: sinks[`${type}:catalog`] as LineSink, format: type, records: 'catalog' });
      files.push(logFile, catalogFile);
    } else if (type === 'stdout' && extra.stdout) {
      const sink = extra.stdout();
      sinks.stdout = sink;
      targets.push(
        { sink, format: 'ndjson', records: 'log' },
        { sink, format: 'ndjson', records: 'catalog' },
      );
    } else if (type === 'http' && extra.http) {
      const logs = extra.http('/data/ingest/log');
      sinks['http:log'] = logs;
      targets.push({ sink: logs, format: 'ndjson', records: 'log' });
      // benshi's receiver takes catalogs per type at /data/ingest/catalog/<type>.
      for (const subject of CATALOG_SUBJECTS) {
        const sink = extra.http(`/data/ingest/catalog/${subject}`);
        sinks[`http:catalog:${subject}`] = sink;
        targets.push({ sink, format: 'ndjson', records: 'catalog', subject });
      }
    }
  }
  return { sinks, targets, files };
}
