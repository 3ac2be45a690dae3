/**
 * The little SQL both stores need: statements with `$1` parameters, rows, a transaction. DuckDB and
 * PostgreSQL each adapt their client to it; the store logic and the migrations are written once above it.
 */

/** A parameter: Uint8Array binds as BLOB/BYTEA. */
export type SqlParam = string | number | boolean | null | Uint8Array;
/** A value read back: integers may come as bigint (DuckDB) or string (PostgreSQL BIGINT); use `toNumber`. */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
export type SqlRow = Readonly<Record<string, SqlValue>>;

export type Dialect = 'duckdb' | 'postgresql';

export interface SqlDb {
  readonly dialect: Dialect;
  run(sql: string, params?: readonly SqlParam[]): Promise<void>;
  all(sql: string, params?: readonly SqlParam[]): Promise<SqlRow[]>;
  /** Takes a named lock held until close; false when another session holds it. */
  tryLock(name: string): Promise<boolean>;
  /** Runs `body` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(body: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function toNumber(value: SqlValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number, got ${typeof value}`);
}

export function toBytes(value: SqlValue | undefined): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`expected bytes, got ${typeof value}`);
}

export function toText(value: SqlValue | undefined): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected text, got ${typeof value}`);
}
