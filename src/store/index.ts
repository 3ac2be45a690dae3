/**
 * The state store: `openStore(url)` gives a Store with its schema migrated. URLs: `duckdb:///abs/path`
 * (embedded file; relative paths from the current folder; none given: the caller's default path) and
 * `postgresql://user:password@host:port/database`.
 */
import { openDuckDb } from './duckdb';
import { migrate, type Migration } from './migrations';
import { openPostgres } from './postgres';
import { SqlStore } from './sql-store';
import type { SqlDb } from './sql';
import type { Store } from './types';
import { describeLocation, parseStoreUrl } from './url';

export * from './types';
export type { Migration } from './migrations';
export type { SqlDb } from './sql';
export { StoreSchemaError, StoreUnavailable, StoreUrlError } from './errors';
export { parseStoreUrl, describeLocation, STORE_URLS_HELP } from './url';
export { describeKey } from './sql-store';

export interface OpenStoreOptions {
  /** The DuckDB file used when `url` is undefined or empty (e.g. `state.duckdb` beside the outputs). */
  readonly defaultPath?: string;
  /** For tests of the migration machinery only. */
  readonly migrations?: readonly Migration[];
  /** For tests only: wraps the database (to make a write fail between two others). */
  readonly wrapDb?: (db: SqlDb) => SqlDb;
}

export async function openStore(url: string | undefined, options: OpenStoreOptions = {}): Promise<Store> {
  const location = parseStoreUrl(url, options.defaultPath);
  const where = describeLocation(location);
  const opened =
    location.kind === 'duckdb'
      ? await openDuckDb(location.path, where)
      : await openPostgres(location.url, where);
  const db = options.wrapDb ? options.wrapDb(opened) : opened;
  try {
    await migrate(db, where, options.migrations);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return new SqlStore(db, where);
}
