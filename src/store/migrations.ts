/**
 * The store's schema, as numbered migrations applied in order when a store is opened. The versions applied
 * are rows of `clusterman_schema_migrations` (prefixed: a shared PostgreSQL may hold another tool's
 * `schema_migrations`). A database at a version newer than the last one here was written by a newer
 * clusterman: refused, never downgraded.
 */
import { StoreSchemaError } from './errors';
import type { Dialect, SqlDb } from './sql';
import { toNumber } from './sql';

export interface Migration {
  readonly version: number;
  readonly description: string;
  /** The statements, for the dialect at hand. */
  readonly up: (dialect: Dialect) => readonly string[];
}

const blob = (d: Dialect): string => (d === 'duckdb' ? 'BLOB' : 'BYTEA');

/** Add new versions at the end; never edit one that shipped. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'checkpoints and their state chunks',
    up: (d) => [
      `CREATE TABLE clusterman_checkpoints (
        organisation TEXT NOT NULL,
        project TEXT NOT NULL,
        simulation TEXT NOT NULL,
        simulated_time BIGINT NOT NULL,
        saved_at BIGINT NOT NULL,
        meta TEXT NOT NULL,
        outputs TEXT NOT NULL,
        state_codec TEXT NOT NULL,
        state_bytes BIGINT NOT NULL,
        chunks INTEGER NOT NULL,
        PRIMARY KEY (organisation, project, simulation))`,
      `CREATE TABLE clusterman_state_chunks (
        organisation TEXT NOT NULL,
        project TEXT NOT NULL,
        simulation TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data ${blob(d)} NOT NULL,
        PRIMARY KEY (organisation, project, simulation, seq))`,
    ],
  },
  {
    // No change to the tables: `users` now saves its state as plain JSON, compressed once by the store's
    // codec (it was gzipped twice). A clusterman from before cannot read such a state; this version makes
    // it refuse the store with its "newer clusterman" line instead of failing inside gunzip.
    version: 2,
    description: 'users state saved as plain JSON inside the store codec',
    up: () => [],
  },
  {
    // No change to the tables: states are now stored as independently gzipped parts (codec 'gzip-parts',
    // inflated on several cores) and `users` writes its state version 2. A clusterman from before reads
    // neither; this version makes it refuse the store with its one "newer clusterman" line.
    version: 3,
    description: "states stored as gzip parts ('gzip-parts'), users state version 2",
    up: () => [],
  },
];

const TABLE = 'clusterman_schema_migrations';

/** Brings `db` to the last version of `migrations`, each migration in its own transaction with its row. */
export async function migrate(
  db: SqlDb,
  where: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)`,
  );
  const latest = migrations.at(-1)?.version ?? 0;
  const current = await currentVersion(db);
  if (current > latest)
    throw new StoreSchemaError(
      `${where} holds state schema version ${current}, newer than this clusterman's ${latest}: upgrade clusterman, or use another database`,
    );
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await db.transaction(async () => {
      // Another process may have migrated meanwhile (PostgreSQL): the version row's key decides.
      if ((await currentVersion(db)) >= migration.version) return;
      for (const statement of migration.up(db.dialect)) await db.run(statement);
      await db.run(`INSERT INTO ${TABLE} (version, description, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.description,
        Date.now(),
      ]);
    });
  }
  return latest;
}

async function currentVersion(db: SqlDb): Promise<number> {
  const rows = await db.all(`SELECT max(version) AS version FROM ${TABLE}`);
  const value = rows[0]?.version;
  return value === null || value === undefined ? 0 : toNumber(value);
}
