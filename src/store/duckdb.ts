/** The embedded store: one DuckDB file (a WAL beside it while open), opened in milliseconds, no server. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection, DuckDBInstance, DuckDBValue } from '@duckdb/node-api';
import { StoreSchemaError, StoreUnavailable } from './errors';
import type { SqlDb, SqlParam, SqlRow, SqlValue } from './sql';

export async function openDuckDb(path: string, where: string): Promise<SqlDb> {
  // Loaded on use: commands that never open a store do not pay for the native binding.
  // require, not import(): the CLI runs from a V8 code-cache script, which has no dynamic-import callback.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const duckdb = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  await mkdir(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await duckdb.DuckDBInstance.create(path);
  } catch (err) {
    throw openError(err, path, where);
  }
  const connection = await instance.connect();
  return new DuckDb(connection, instance, duckdb.blobValue);
}

/** DuckDB's open errors in one line: a file locked by another run, a file that is not a database. */
function openError(err: unknown, path: string, where: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  const pid = /PID (\d+)/.exec(message)?.[1];
  if (/Could not set lock/i.test(message))
    return new StoreUnavailable(
      `${where} is in use by another process${pid === undefined ? '' : ` (PID ${pid})`}: one run at a time per store file`,
    );
  if (
    /not a valid DuckDB database|invalid database file|Unable to open database/i.test(message) &&
    !/No such file/i.test(message)
  )
    return new StoreSchemaError(`${where}: ${path} is not a DuckDB database`);
  return new StoreUnavailable(`${where}: cannot open (${message.replace(/\s*\n\s*/g, ' ')})`);
}

class DuckDb implements SqlDb {
  readonly dialect = 'duckdb';

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly instance: DuckDBInstance,
    private readonly blob: (bytes: Uint8Array) => DuckDBValue,
  ) {}

  private bind(params: readonly SqlParam[]): DuckDBValue[] {
    return params.map((p) => (p instanceof Uint8Array ? this.blob(p) : p));
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<void> {
    await this.connection.run(sql, this.bind(params));
  }

  async all(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    const reader = await this.connection.runAndReadAll(sql, this.bind(params));
    return reader.getRowObjects().map((row) => {
      const out: Record<string, SqlValue> = {};
      for (const [name, value] of Object.entries(row)) out[name] = plain(value);
      return out;
    });
  }

  /** The file lock admits one process: within it, one store object per file. */
  async tryLock(_name: string): Promise<boolean> {
    return true;
  }

  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await body();
      await this.connection.run('COMMIT');
      return result;
    } catch (err) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function plain(value: DuckDBValue): SqlValue {
  if (value === null || typeof value !== 'object') return value as SqlValue;
  if ('bytes' in value && value.bytes instanceof Uint8Array) return value.bytes;
  return String(value);
}
