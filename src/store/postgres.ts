/** The shared store: PostgreSQL through `pg`, one connection per store. */
import type { Client } from 'pg';
import { networkWords } from '../util/network-words';
import { StoreUnavailable } from './errors';
import type { SqlDb, SqlParam, SqlRow } from './sql';

const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgres(url: string, where: string): Promise<SqlDb> {
  // require, not import(): the CLI runs from a V8 code-cache script, which has no dynamic-import callback.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg') & { default?: typeof import('pg') };
  const ClientClass = (pg.default?.Client ?? pg.Client) as typeof Client;
  const client = new ClientClass({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'clusterman',
  });
  const db = new Postgres(client, where);
  // A connection lost while idle is reported on the next query, not thrown from an event handler.
  client.on('error', (err) => (db.lost = err));
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw failure(err, where);
  }
  return db;
}

/** A PostgreSQL or network error in one line that names the server without its password. */
export function failure(err: unknown, where: string): StoreUnavailable {
  const e = err as { code?: string; message?: string };
  const code = e.code ?? '';
  const detail = /^E[A-Z]+$/.test(code)
    ? networkWords(code)
    : /timeout/i.test(e.message ?? '')
      ? 'timed out'
      : (e.message ?? String(err)).replace(/\s*\n\s*/g, ' ');
  return new StoreUnavailable(`PostgreSQL at ${where}: ${detail}`);
}

/** Network codes (E...), no code at all, and SQLSTATE classes 08 (connection), 53 (resources), 57 (shutdown). */
function serverGone(code: string | undefined): boolean {
  return code === undefined || /^E[A-Z]/.test(code) || /^(08|53|57)/.test(code);
}

class Postgres implements SqlDb {
  readonly dialect = 'postgresql';
  lost: Error | undefined;

  constructor(
    private readonly client: Client,
    private readonly where: string,
  ) {}

  async all(sql: string, params: readonly SqlParam[] = []): Promise<SqlRow[]> {
    if (this.lost) throw failure(this.lost, this.where);
    try {
      const result = await this.client.query(sql, params as unknown[]);
      return result.rows as SqlRow[];
    } catch (err) {
      // Errors of our own SQL (a bug) keep their message; a server that went away says so.
      throw serverGone((err as { code?: string }).code) ? failure(err, this.where) : err;
    }
  }

  async run(sql: string, params: readonly SqlParam[] = []): Promise<void> {
    await this.all(sql, params);
  }

  /** A session-level advisory lock, released when the connection ends (also when the process is killed). */
  async tryLock(name: string): Promise<boolean> {
    const rows = await this.all('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [name]);
    return rows[0]?.locked === true;
  }

  async transaction<T>(body: () => Promise<T>): Promise<T> {
    await this.run('BEGIN');
    try {
      const result = await body();
      await this.run('COMMIT');
      return result;
    } catch (err) {
      await this.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
