/** generate-telemetry's flags -> data files for an inventory -> a summary. */
import { isAbsolute, relative, resolve } from 'node:path';
import { makeGrid } from '../telemetry/grid';
import { loadMeasurements, REFERENCE_MEASUREMENTS } from '../telemetry/measurements';
import { type DataFormat, generateTelemetry, type Shard, type TelemetryResult } from '../telemetry/run';
import { readLocationsTable, readTypesTable } from '../telemetry/tables';
import { UsageError } from './errors';
import { parseSeed } from './generate-data';
import { progressBar } from './progress';
import { reproduceLine } from './reproduce';
import { confirmReplace, defaultTable, processConfirm } from './telemetry-files';

export interface GenerateTelemetryFlags {
  readonly directory: string;
  readonly date: string;
  readonly days?: number;
  readonly hours?: number;
  readonly interval: number;
  readonly fuzz: number;
  readonly end: boolean;
  readonly 'interval-columns': boolean;
  readonly format: string;
  readonly measurements?: string;
  readonly seed?: string;
  readonly shard?: string;
  readonly types?: string;
  readonly locations?: string;
  readonly yes: boolean;
  readonly 'write-contract': boolean;
  readonly json: boolean;
  readonly quiet: boolean;
}

export function parseShard(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || !(n >= 1 && k >= 1 && k <= n))
    throw new UsageError(`--shard must be K/N with 1 <= K <= N, e.g. 3/8 (got '${raw}')`);
  return { k, n };
}

export async function runGenerateTelemetry(
  flags: GenerateTelemetryFlags,
  packageRoot: string,
): Promise<TelemetryResult> {
  const seed = parseSeed(flags.seed, Date.now());
  const hourly = flags.date.includes('T');
  if (hourly && flags.days !== undefined)
    throw new UsageError(`--days goes with a date (YYYY-MM-DD); with an hour (${flags.date}) use --hours`);
  if (!hourly && flags.hours !== undefined)
    throw new UsageError(`--hours goes with an hour (YYYY-MM-DDTHH); with a date (${flags.date}) use --days`);
  const grid = makeGrid({
    date: flags.date,
    count: (hourly ? flags.hours : flags.days) ?? 1,
    interval: flags.interval,
    fuzz: flags.fuzz,
  });
  const shard = parseShard(flags.shard);
  const set =
    flags.measurements === undefined ? REFERENCE_MEASUREMENTS : await loadMeasurements(flags.measurements);
  const types = await readTypesTable(flags.types ?? defaultTable(packageRoot, 'server-types'));
  const locations = await readLocationsTable(flags.locations ?? defaultTable(packageRoot, 'locations'));
  const inDirectory = (p: string | undefined) => {
    if (p === undefined) return null;
    const rel = relative(resolve(flags.directory), resolve(p));
    return isAbsolute(rel) ? resolve(p) : rel;
  };
  const text = !flags.json && !flags.quiet;
  const progress = progressBar(text, process.stderr, 'rows');
  let result: TelemetryResult;
  try {
    result = await generateTelemetry({
      directory: flags.directory,
      grid,
      format: flags.format as DataFormat,
      endOnly: flags.end,
      set,
      types,
      locations,
      seed,
      ...(shard && { shard }),
      ...(flags['write-contract'] && {
        contract: { types: inDirectory(flags.types), locations: inDirectory(flags.locations) },
      }),
      confirmReplace: (existing) => confirmReplace(existing, flags.yes, processConfirm()),
      onStart: () => text && process.stderr.write(`Random seed: ${seed}\n`),
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.stop();
  }
  if (flags.json) process.stdout.write(`${JSON.stringify({ ...result, seed: String(seed) }, null, 2)}\n`);
  else if (text)
    process.stdout.write(
      `${summary(result, grid.slots, set.measurements.length)}\n${reproduceLine(seed, undefined)}\n`,
    );
  return result;
}

function summary(r: TelemetryResult, slots: number, measurements: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const files = r.files.length === 1 ? `${r.files[0]}` : `${r.files.length} files (${r.files[0]} …)`;
  const lines = [
    `Wrote ${files}: ${n(r.rows)} rows (${n(r.devices)} devices × ${n(slots)} slots × ${measurements} measurements${r.files.length > 1 ? ` × ${r.files.length} files` : ''})`,
  ];
  for (const [name, count] of Object.entries(r.clamped))
    if (count > 0) lines.push(`Clamped ${n(count)} values of '${name}' to its range`);
  if (r.contract) lines.push(`Wrote ${r.contract}`);
  return lines.join('\n');
}
