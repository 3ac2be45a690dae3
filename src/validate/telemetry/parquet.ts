/**
 * Parquet data files, read through DuckDB: the schema (names and types) is checked here, then DuckDB copies
 * the rows as CSV text (times printed with the contract's time_format) into the same reader and row checks
 * as CSV files, so both formats are judged by one set of rules. The copy goes through a named pipe, read
 * while DuckDB writes it (no value crosses into JavaScript one by one, and nothing lands on disk); where
 * mkfifo is missing, through a temporary file.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryContract } from '../contract';
import { readChunks } from '../csv';
import { ValidateInputError } from '../errors';
import type { Check } from '../report';
import type { TelemetryReader } from './csv-file';

const TIME_ROLES = new Set(['start_time', 'end_time']);
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|U.*INT)$/;

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function scanParquetFile(
  file: string,
  contract: TelemetryContract,
  schema: Check,
  reader: TelemetryReader,
): Promise<{ rows: number }> {
  // require, not import(): the bundle runs from V8's code cache, which cannot import() (see cli/main.ts);
  // loaded only here, so CSV-only runs never load DuckDB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    const columns = described.getRows().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
    const roleOf = new Map<string, string>();
    for (const [role, i] of Object.entries(contract.roles)) roleOf.set(contract.columns[i] as string, role);
    const select = columns.map(({ name, type }) => {
      const role = roleOf.get(name);
      const timeType = type.startsWith('TIMESTAMP');
      const wanted =
        role === undefined
          ? true
          : TIME_ROLES.has(role)
            ? timeType
            : role === 'measurement_value'
              ? NUMERIC.test(type)
              : type === 'VARCHAR';
      if (!wanted) {
        schema.fail({
          file,
          message: `column ${name} has Parquet type ${type}, expected ${TIME_ROLES.has(role ?? '') ? 'TIMESTAMP' : role === 'measurement_value' ? 'a number' : 'VARCHAR'}`,
        });
      }
      // Times are compared as UTC wall-clock text, whatever zone a TIMESTAMPTZ carries.
      if (!timeType) return `CAST(${ident(name)} AS VARCHAR)`;
      const utc = type.includes('TIME ZONE') ? `timezone('UTC', ${ident(name)})` : ident(name);
      return `strftime(${utc}, ${sqlString(contract.timeFormat.pattern)})`;
    });
    if (type0(columns)) await conn.run("SET TimeZone = 'UTC'");
    const header = Buffer.from(`${columns.map((c) => csvField(c.name)).join(',')}\n`, 'utf8');
    reader.consume(header, header.length, true);
    const folder = mkdtempSync(join(tmpdir(), 'clusterman-parquet-'));
    try {
      const target = join(folder, 'rows.csv');
      const piped = makeFifo(target);
      const copy = conn.run(
        `COPY (SELECT ${select.join(', ')} FROM read_parquet(${sqlString(file)})) TO ${sqlString(target)} (FORMAT csv, HEADER false)`,
      );
      if (!piped) await copy;
      let failure: unknown;
      // A copy that fails before opening the pipe would leave the reader waiting for a writer: open it
      // (without blocking: when no reader waits any more, there is nothing to release).
      const done = copy.catch((err: unknown) => {
        failure = err;
        if (piped) releaseReader(target);
      });
      await readChunks(target, reader.consume, PIPE_CHUNK);
      await done;
      // A file DuckDB cannot decode is bad input, not a short file: say so rather than count its rows.
      if (failure !== undefined) {
        const why = failure instanceof Error ? failure.message : String(failure);
        throw new ValidateInputError(file, why.replace(/\s+/g, ' '));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return { rows: reader.count };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const type0 = (columns: readonly { type: string }[]) => columns.some((c) => c.type.includes('TIME ZONE'));

const PIPE_CHUNK = 8 << 20;

/** Opens the pipe for writing and closes it at once, so a reader waiting in open() sees an empty file. */
function releaseReader(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader is waiting.
  }
}

/** Makes a named pipe at `path`; false where the system has no mkfifo. */
function makeFifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function csvField(s: string): string {
  return /[",\n\r]|^ | $/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
