/** `validate telemetry`: the contract, the inventory, then every data file streamed through the row checks. */
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Granularity, loadTelemetryContract } from '../contract';
import { ValidateInputError } from '../errors';
import { globFiles } from '../glob';
import type { Report } from '../report';
import { telemetryChecks } from './checks';
import { scanTelemetryCsv, TelemetryReader } from './csv-file';
import { checkInventoryDictionaries } from './dictionaries';
import { FastLane } from './fast-lane';
import { Inventory } from './inventory';
import { scanParquetFile } from './parquet';
import { checkReadme } from './readme';
import { TelemetryRows } from './rows';

export interface TelemetryOptions {
  readonly directory: string;
  /** Default: DIRECTORY/contract.yaml. */
  readonly contract?: string;
  /** Called after each file with the rows read so far. */
  readonly onProgress?: (filesDone: number, files: number, rows: number) => void;
}

export async function validateTelemetry(options: TelemetryOptions): Promise<Report> {
  const started = process.hrtime.bigint();
  const dir = options.directory;
  const isDir = (() => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      throw new ValidateInputError(dir, 'no such folder');
    }
  })();
  if (!isDir) throw new ValidateInputError(dir, 'not a folder');
  const contractFile = options.contract ?? join(dir, 'contract.yaml');
  if (options.contract === undefined && !fileExists(contractFile)) {
    throw new ValidateInputError(
      contractFile,
      'no such file (give --contract FILE, or put the contract there)',
    );
  }
  const contract = loadTelemetryContract(contractFile);
  const checks = telemetryChecks();
  const inventory = await Inventory.load(join(dir, contract.inventory), checks.coherence);
  await checkInventoryDictionaries(contract, inventory, checks.dictionaries);

  const files = await globFiles(dir, contract.data);
  if (files.length === 0) checks.fileNames.fail({ file: dir, message: `no file matches ${contract.data}` });
  checkReadme(dir, files, checks.readme);
  if (!contract.complete) checks.completeness.skip('the contract says complete: false');

  const rows = new TelemetryRows(contract, inventory, checks);
  const fast = new FastLane(contract, inventory, rows);
  const width = contract.columns.length + 8;
  for (const [i, file] of files.entries()) {
    const parquet = file.endsWith('.parquet');
    rows.beginFile(file, parquet ? 'none' : contract.quoting);
    const { rows: read } = parquet
      ? await scanParquetFile(file, contract, checks.schema, new TelemetryReader(width, rows, fast, 0))
      : await scanTelemetryCsv(file, width, rows, fast);
    if (read === 0) checks.schema.fail({ file, message: 'the file is empty (no header row)' });
    rows.endFile(baseOfName(basename(file), contract.granularity));
    options.onProgress?.(i + 1, files.length, rows.rows);
  }
  rows.finish();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    subject: `validate telemetry: ${dir} (${files.length} ${files.length === 1 ? 'file' : 'files'}, contract ${contractFile})`,
    checks: Object.values(checks).map((c) => c.result()),
    rows: rows.rows,
    seconds,
  };
}

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The date (or hour) a file name gives, as epoch seconds; undefined when it names none of that granularity. */
export function baseOfName(name: string, granularity: Granularity): number | undefined {
  const m = /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}))?/.exec(name);
  if (!m) return undefined;
  const hour = m[4];
  if ((granularity === 'hour') !== (hour !== undefined)) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d, hour === undefined ? 0 : Number(hour)) / 1000;
  const back = new Date(t * 1000);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return t;
}
