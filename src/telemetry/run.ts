/** generate-telemetry: an inventory, a grid and measurements -> one data file per day or hour (CSV or Parquet). */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AtomicFile } from '../metrics/atomic';
import { contractYaml } from './contract';
import type { Grid } from './grid';
import { type Device, readInventory, readmeWithDataGlob } from './inventory';
import type { MeasurementSet } from './measurements';
import { DeviceModel } from './model';
import { writeParquetRows } from './parquet';
import { columnsOf, writeCsvRows } from './rows';
import { mix32 } from './streams';
import type { Table } from './tables';

export type DataFormat = 'csv' | 'parquet';

export interface Shard {
  /** 1-based. */
  readonly k: number;
  readonly n: number;
}

export interface TelemetryRequest {
  readonly directory: string;
  readonly grid: Grid;
  readonly format: DataFormat;
  readonly endOnly: boolean;
  readonly set: MeasurementSet;
  readonly types: Table;
  readonly locations: Table;
  readonly seed: bigint;
  readonly shard?: Shard;
  /** contract.yaml is written when set: the tables it names (relative to the directory) or null. */
  readonly contract?: { readonly types: string | null; readonly locations: string | null };
  /** Throws (a refusal) unless the files that exist may be replaced. */
  readonly confirmReplace: (existing: readonly string[]) => Promise<void>;
  /** Called once the inputs are checked, before anything is written. */
  readonly onStart?: (plan: TelemetryPlan) => void;
  readonly onProgress?: (rows: number, total: number) => void;
}

export interface TelemetryPlan {
  readonly files: readonly string[];
  readonly devices: number;
  readonly rows: number;
}

export interface TelemetryResult extends TelemetryPlan {
  /** Per measurement name: values clamped to its range. */
  readonly clamped: Readonly<Record<string, number>>;
  readonly contract?: string;
}

/** Which shard (1..n) a serial belongs to: a fixed hash of the serial alone, so any seed splits alike. */
export function shardOf(sn: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sn.length; i++) h = Math.imul(h ^ sn.charCodeAt(i), 0x01000193);
  return (mix32(h) % n) + 1;
}

export const dataFileName = (label: string, format: DataFormat, shard?: Shard): string =>
  `data-${label}${shard ? `-shard-${shard.k}-of-${shard.n}` : ''}.${format}`;

export async function generateTelemetry(req: TelemetryRequest): Promise<TelemetryResult> {
  const { grid, directory, format, set, shard } = req;
  const inventory = await readInventory(join(directory, 'inventory.csv'));
  const devices: Device[] = shard ? inventory.filter((d) => shardOf(d.sn, shard.n) === shard.k) : inventory;
  // Compiling the expressions checks the measurements before anything is written.
  const model = new DeviceModel({ set, devices, types: req.types, locations: req.locations, seed: req.seed });
  const files = grid.files.map((f) => join(directory, dataFileName(f.label, format, shard)));
  const contractPath = req.contract ? join(directory, 'contract.yaml') : undefined;
  // The inventory's README names the data files: a glob they do not match (Parquet) is brought up to date.
  const readmePath = join(directory, 'README.md');
  const readme = await readFile(readmePath, 'utf8').then(
    (text) =>
      readmeWithDataGlob(
        text,
        files.map((f) => basename(f)),
        `data-*.${format}`,
      ),
    () => undefined,
  );
  const touched = [...files, ...(contractPath ? [contractPath] : []), ...(readme ? [readmePath] : [])];
  await req.confirmReplace(touched);
  const perFile = grid.slots * devices.length * set.measurements.length;
  const plan = { files, devices: devices.length, rows: perFile * files.length };
  req.onStart?.(plan);
  let done = 0;
  for (const [i, file] of grid.files.entries()) {
    const path = files[i] as string;
    const job = {
      grid,
      file,
      devices,
      measurements: set.measurements,
      model,
      endOnly: req.endOnly,
      onSlot: (rows: number) => req.onProgress?.(done + rows, plan.rows),
    };
    if (format === 'csv') {
      const out = await AtomicFile.create(path);
      try {
        await writeCsvRows(out, job);
        await out.commit();
      } finally {
        await out.abort();
      }
    } else {
      const out = await AtomicFile.create(path);
      try {
        await writeParquetRows(out.tempPath, job);
        await out.commit();
      } finally {
        await out.abort();
      }
    }
    done += perFile;
  }
  let contract: string | undefined;
  if (contractPath && req.contract) {
    const out = await AtomicFile.create(contractPath);
    try {
      await out.write(
        Buffer.from(
          contractYaml({
            columns: columnsOf(req.endOnly),
            interval: grid.interval,
            fuzz: grid.fuzz,
            dataGlob: `data-*.${format}`,
            granularity: grid.granularity,
            measurements: set.measurements,
            types: req.contract.types,
            locations: req.contract.locations,
            complete: shard === undefined,
          }),
        ),
      );
      await out.commit();
      contract = contractPath;
    } finally {
      await out.abort();
    }
  }
  if (readme !== undefined) {
    const out = await AtomicFile.create(readmePath);
    try {
      await out.write(Buffer.from(readme, 'utf8'));
      await out.commit();
    } finally {
      await out.abort();
    }
  }
  const clamped = Object.fromEntries(set.measurements.map((m, i) => [m.name, model.clamped[i] as number]));
  return { ...plan, clamped, ...(contract !== undefined && { contract }) };
}
