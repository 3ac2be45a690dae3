/** What every store must do, run against DuckDB and PostgreSQL alike. */
import { randomBytes } from 'node:crypto';
import { MIGRATIONS } from '../../src/store/migrations';
import {
  openStore,
  StoreSchemaError,
  type Checkpoint,
  type Migration,
  type SqlDb,
  type Store,
} from '../../src/store';

const key = { organisation: 'acme', project: 'shop' };

function checkpointAt(simulatedTime: number, state: Uint8Array): Checkpoint {
  return {
    simulatedTime,
    meta: { seed: '18446744073709551617', users: 3 },
    state,
    outputs: { logs: { kind: 'file', file: 'logs-2024-01-02.csv', bytes: 1234 } },
  };
}

/** `newUrl` gives a URL of an empty store each call. */
export function storeContract(newUrl: () => Promise<string>): void {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(await newUrl());
  });
  afterEach(async () => {
    await store.close();
  });

  it('loads nothing for a key never saved', async () => {
    expect(await store.load(key)).toBeUndefined();
    expect(await store.list()).toEqual([]);
  });

  it('loads back exactly what was saved, and the latest save replaces the one before', async () => {
    await store.save(key, checkpointAt(1000, new TextEncoder().encode('first')));
    const before = Date.now();
    await store.save(key, checkpointAt(2000, new TextEncoder().encode('second')));
    const loaded = await store.load(key);
    expect(loaded).toMatchObject({ ...checkpointAt(2000, new TextEncoder().encode('second')) });
    expect(Buffer.from(loaded!.state).toString()).toBe('second');
    expect(loaded!.savedAt).toBeGreaterThanOrEqual(before - 1);
  });

  it('loads a checkpoint without its state: the same time, meta and outputs', async () => {
    expect(await store.loadHead(key)).toBeUndefined();
    await store.save(key, checkpointAt(3000, randomBytes(64)));
    const { state, ...head } = (await store.load(key))!;
    expect(state.length).toBe(64);
    expect(await store.loadHead(key)).toEqual(head);
    expect(await store.loadHead({ ...key, simulation: 'events' })).toBeUndefined();
  });

  it('keeps organisations, projects and simulation names apart', async () => {
    const keys = [
      key,
      { ...key, simulation: 'events' },
      { ...key, project: 'school' },
      { organisation: 'other', project: 'shop' },
    ];
    for (const [i, k] of keys.entries()) await store.save(k, checkpointAt(i, new Uint8Array([i])));
    for (const [i, k] of keys.entries()) expect([...(await store.load(k))!.state]).toEqual([i]);
    const listed = await store.list();
    expect(listed.map((e) => e.key)).toEqual([
      { organisation: 'acme', project: 'school', simulation: '' },
      { organisation: 'acme', project: 'shop', simulation: '' },
      { organisation: 'acme', project: 'shop', simulation: 'events' },
      { organisation: 'other', project: 'shop', simulation: '' },
    ]);
    expect(listed[0]).toMatchObject({ simulatedTime: 2, meta: { users: 3 } });
    expect(await store.delete({ ...key, simulation: 'events' })).toBe(true);
    expect(await store.delete({ ...key, simulation: 'events' })).toBe(false);
    expect(await store.load({ ...key, simulation: 'events' })).toBeUndefined();
    expect([...(await store.load(key))!.state]).toEqual([0]);
  });

  it('round-trips a state larger than one chunk, byte for byte', async () => {
    // Incompressible, so the stored form spans several 4 MiB chunks.
    const state = new Uint8Array(randomBytes(5 * 1024 * 1024));
    await store.save(key, checkpointAt(5, state));
    const loaded = await store.load(key);
    expect(Buffer.compare(Buffer.from(loaded!.state), Buffer.from(state))).toBe(0);
    expect((await store.list())[0]!.stateBytes).toBeGreaterThan(5 * 1024 * 1024);
    // A smaller state after a larger one leaves no chunk of the old one behind.
    await store.save(key, checkpointAt(6, new TextEncoder().encode('small')));
    expect(Buffer.from((await store.load(key))!.state).toString()).toBe('small');
  });

  it('a state of more chunks after one of fewer, and back, loads whole each time', async () => {
    for (const size of [1000, 9 * 1024 * 1024, 5 * 1024 * 1024, 1000, 5 * 1024 * 1024]) {
      const state = new Uint8Array(randomBytes(size));
      await store.save(key, checkpointAt(size, state));
      const loaded = await store.load(key);
      expect(Buffer.compare(Buffer.from(loaded!.state), Buffer.from(state))).toBe(0);
    }
  });

  it('keeps the state across closing and opening again', async () => {
    const url = await newUrl();
    const first = await openStore(url);
    await first.save(key, checkpointAt(7, new TextEncoder().encode('kept')));
    await first.close();
    const second = await openStore(url);
    expect(Buffer.from((await second.load(key))!.state).toString()).toBe('kept');
    await second.close();
  });
}

const marker = (version: number): Migration => ({
  version,
  description: `test table ${version}`,
  up: () => [`CREATE TABLE clusterman_test_${version} (x INTEGER)`],
});

/** Migrations and transactions, against DuckDB and PostgreSQL alike. */
export function schemaContract(newUrl: () => Promise<string>, password?: string): void {
  it('upgrades a store of an older schema on open, and refuses one newer than it knows', async () => {
    const url = await newUrl();
    const old = await openStore(url);
    await old.save(key, checkpointAt(1, new TextEncoder().encode('from v1')));
    await old.close();
    const upgraded = await openStore(url, { migrations: [...MIGRATIONS, marker(MIGRATIONS.length + 1)] });
    expect(Buffer.from((await upgraded.load(key))!.state).toString()).toBe('from v1');
    await upgraded.close();
    // Opening again with the newer list applies nothing twice.
    await (await openStore(url, { migrations: [...MIGRATIONS, marker(MIGRATIONS.length + 1)] })).close();
    const refused = await openStore(url).then(
      (store) => store.close().then(() => 'opened'),
      (err: Error) => err,
    );
    expect(refused).toBeInstanceOf(StoreSchemaError);
    const message = (refused as Error).message;
    expect(message).toMatch(
      new RegExp(
        `holds state schema version ${MIGRATIONS.length + 1}, newer than this clusterman's ${MIGRATIONS.length}`,
      ),
    );
    expect(message).not.toContain('\n');
    if (password) expect(message).not.toContain(password);
  });

  it('a migration that fails leaves the schema as it was, and is applied again next time', async () => {
    const url = await newUrl();
    const failing: Migration = {
      version: MIGRATIONS.length + 1,
      description: 'broken',
      up: () => ['CREATE TABLE clusterman_half (x INTEGER)', 'NOT SQL'],
    };
    await expect(openStore(url, { migrations: [...MIGRATIONS, failing] })).rejects.toThrow();
    // Neither the half-made table nor the version row stayed: the fixed migration runs from the start.
    const fixed: Migration = { ...failing, up: () => ['CREATE TABLE clusterman_half (x INTEGER)'] };
    await (await openStore(url, { migrations: [...MIGRATIONS, fixed] })).close();
  });

  it('a failure between the writes of a save leaves the previous checkpoint whole', async () => {
    const url = await newUrl();
    let failAfter = Infinity;
    const store = await openStore(url, {
      wrapDb: (db: SqlDb): SqlDb => ({
        dialect: db.dialect,
        all: (sql, params) => db.all(sql, params),
        tryLock: (name) => db.tryLock(name),
        transaction: (body) => db.transaction(body),
        close: () => db.close(),
        run: async (sql, params) => {
          // a chunk's write: an insert, or an update of a chunk the previous state had
          if (/^(INSERT INTO|UPDATE) clusterman_state_chunks/.test(sql) && failAfter-- <= 0)
            throw new Error('disk on fire');
          return db.run(sql, params);
        },
      }),
    });
    const previous = new TextEncoder().encode('the previous state'.repeat(1000));
    await store.save(key, checkpointAt(1, previous));
    failAfter = 1; // the next save (two chunks) fails at its second chunk, after its head row and first chunk
    await expect(
      store.save(key, checkpointAt(2, new Uint8Array(randomBytes(5 * 1024 * 1024)))),
    ).rejects.toThrow('disk on fire');
    const loaded = await store.load(key);
    expect(loaded!.simulatedTime).toBe(1);
    expect(Buffer.compare(Buffer.from(loaded!.state), Buffer.from(previous))).toBe(0);
    await store.close();
  });
}
