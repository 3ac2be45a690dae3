import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { ROOT } from '../support/paths';
import { join } from 'node:path';
import { exitCodeOf } from '../../src/cli/errors';
import { openStore, parseStoreUrl, StoreSchemaError, StoreUnavailable, StoreUrlError } from '../../src/store';
import { tempDir } from '../support/tmp';

const WORKS = 'use duckdb:///path/to/file.duckdb (embedded) or postgresql://user:password@host:port/database';

describe('store URLs', () => {
  it('duckdb paths (absolute, relative, default) and PostgreSQL URLs', () => {
    expect(parseStoreUrl('duckdb:///var/lib/sim/state.duckdb')).toEqual({
      kind: 'duckdb',
      path: '/var/lib/sim/state.duckdb',
    });
    expect(parseStoreUrl('duckdb://state.duckdb')).toEqual({
      kind: 'duckdb',
      path: join(process.cwd(), 'state.duckdb'),
    });
    expect(parseStoreUrl(undefined, 'out/state.duckdb')).toEqual({
      kind: 'duckdb',
      path: join(process.cwd(), 'out/state.duckdb'),
    });
    expect(parseStoreUrl('  ', '/x/state.duckdb')).toEqual({ kind: 'duckdb', path: '/x/state.duckdb' });
    expect(parseStoreUrl('postgresql://u:p@db.internal:5433/sims')).toEqual({
      kind: 'postgresql',
      url: 'postgresql://u:p@db.internal:5433/sims',
    });
    expect(parseStoreUrl('postgres://u@h/sims').kind).toBe('postgresql');
  });

  it("benshi's sqlite URL and other schemes: one line saying which URLs work, exit 2, no password", () => {
    const cases: [string, string][] = [
      ['sqlite:///synthetic.db', `sqlite: stores are not supported; ${WORKS}`],
      ['mysql://root:hunter2@db/sims', `mysql: stores are not supported; ${WORKS}`],
      ['state.duckdb', `'state.duckdb' is not a store URL; ${WORKS}`],
      ['postgresql://u:hunter2@h:5432', `store URL 'postgresql://***@h:5432' names no database: ${WORKS}`],
      ['duckdb://', `store URL 'duckdb://' names no file: ${WORKS}`],
    ];
    for (const [url, message] of cases) {
      let err: unknown;
      try {
        parseStoreUrl(url, '/default.duckdb');
      } catch (e) {
        err = e;
      }
      expect(err).toEqual(new StoreUrlError(message));
      expect(exitCodeOf(err)).toBe(2);
    }
    expect(() => parseStoreUrl(undefined)).toThrow(`no state store given: ${WORKS}`);
  });

  it('a file that is not a DuckDB database (exit 2), a PostgreSQL that is not listening (exit 1)', async () => {
    const tmp = tempDir();
    try {
      const notDb = tmp.file('notes.duckdb');
      writeFileSync(notDb, 'just some text, long enough to look at '.repeat(200));
      const err = await openStore(`duckdb://${notDb}`).catch((e: Error) => e);
      expect(err).toBeInstanceOf(StoreSchemaError);
      expect((err as Error).message).toBe(`duckdb://${notDb}: ${notDb} is not a DuckDB database`);
      expect(exitCodeOf(err)).toBe(2);
      const unreachable = await openStore('postgresql://u:hunter2@127.0.0.1:1/db').catch((e: Error) => e);
      expect(unreachable).toBeInstanceOf(StoreUnavailable);
      expect((unreachable as Error).message).toBe(
        'PostgreSQL at postgresql://***@127.0.0.1:1/db: connection refused',
      );
      expect(exitCodeOf(unreachable)).toBe(1);
    } finally {
      tmp.cleanup();
    }
  });

  it('a DuckDB file held by another run: one line with its PID, exit 1', async () => {
    const tmp = tempDir();
    const path = tmp.file('state.duckdb');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `require('./dist/src/store').openStore('duckdb://${path}').then(() => { console.log('holding'); setInterval(() => {}, 1000); })`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
      const err = await openStore(`duckdb://${path}`).catch((e: Error) => e);
      expect(err).toEqual(
        new StoreUnavailable(
          `duckdb://${path} is in use by another process (PID ${holder.pid}): one run at a time per store file`,
        ),
      );
      expect(exitCodeOf(err)).toBe(1);
    } finally {
      holder.kill('SIGKILL');
      tmp.cleanup();
    }
  });
});
