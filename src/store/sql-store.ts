/** The Store over any SqlDb: one row per checkpoint, its compressed state in chunk rows, saved together. */
import { decodeState, encodeState, CODEC } from './codec';
import { StoreUnavailable } from './errors';
import type { SqlDb, SqlRow } from './sql';
import { toBytes, toNumber, toText } from './sql';
import type { Checkpoint, Json, SavedCheckpoint, Store, StoreEntry, StoreKey } from './types';

type KeyParams = [string, string, string];

function keyParams(key: StoreKey): KeyParams {
  return [key.organisation, key.project, key.simulation ?? ''];
}

const CLAIM_WAIT_MS = 3000;

const WHERE_KEY = 'organisation = $1 AND project = $2 AND simulation = $3';
/** A key's checkpoint row (its head: everything but the state's chunks). */
const HEAD = `SELECT * FROM clusterman_checkpoints WHERE ${WHERE_KEY}`;

export class SqlStore implements Store {
  /** Calls run one after another: a save must not interleave with a load on the same connection. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: SqlDb,
    readonly url: string,
  ) {}

  private serial<T>(body: () => Promise<T>): Promise<T> {
    const next = this.queue.then(body, body);
    this.queue = next.catch(() => undefined);
    return next;
  }

  load(key: StoreKey): Promise<SavedCheckpoint | undefined> {
    return this.serial(async () => {
      const params = keyParams(key);
      const { head, chunks } = await this.db.transaction(async () => ({
        head: (await this.db.all(HEAD, params))[0],
        // Put in order here, not by the database: DuckDB's ORDER BY carried every blob through its sort
        // (~0.1 s of CPU for the 28 MB of a 100,000-user state).
        chunks: await this.db.all(`SELECT seq, data FROM clusterman_state_chunks WHERE ${WHERE_KEY}`, params),
      }));
      if (head === undefined) return undefined;
      if (chunks.length !== toNumber(head.chunks))
        throw new Error(`the saved state of ${describeKey(key)} is incomplete`);
      const rows = chunks
        .map((row) => ({ seq: toNumber(row.seq), data: toBytes(row.data) }))
        .sort((a, b) => a.seq - b.seq);
      const state = await decodeState(
        toText(head.state_codec),
        rows.map((row) => row.data),
      );
      return { ...headOf(head), state };
    });
  }

  loadHead(key: StoreKey): Promise<Omit<SavedCheckpoint, 'state'> | undefined> {
    return this.serial(async () => {
      const rows = await this.db.all(HEAD, keyParams(key));
      return rows[0] === undefined ? undefined : headOf(rows[0]);
    });
  }

  save(key: StoreKey, checkpoint: Checkpoint): Promise<void> {
    // Compressed before the queue and the transaction: the database is held only for the writes.
    const { state } = checkpoint;
    const encoded = state instanceof Uint8Array ? encodeState(state) : Promise.resolve(state.rows);
    encoded.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    return this.serial(async () => {
      const chunks = await encoded;
      const params = keyParams(key);
      const stored = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      await this.db.transaction(async () => {
        // Chunks are overwritten in place: DuckDB does not reuse the space of deleted rows' blobs, so a
        // delete and insert per save grew the file by the state's size at every checkpoint.
        const [{ n }] = (await this.db.all(
          `SELECT count(*) AS n FROM clusterman_state_chunks WHERE ${WHERE_KEY}`,
          params,
        )) as [SqlRow];
        const had = toNumber(n);
        await this.db.run(`DELETE FROM clusterman_state_chunks WHERE ${WHERE_KEY} AND seq >= $4`, [
          ...params,
          chunks.length,
        ]);
        await this.db.run(`DELETE FROM clusterman_checkpoints WHERE ${WHERE_KEY}`, params);
        await this.db.run(
          `INSERT INTO clusterman_checkpoints (organisation, project, simulation, simulated_time, saved_at, meta,
             outputs, state_codec, state_bytes, chunks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            ...params,
            checkpoint.simulatedTime,
            Date.now(),
            JSON.stringify(checkpoint.meta),
            JSON.stringify(checkpoint.outputs),
            CODEC,
            stored,
            chunks.length,
          ],
        );
        for (const [seq, data] of chunks.entries())
          await this.db.run(
            seq < had
              ? `UPDATE clusterman_state_chunks SET data = $5 WHERE ${WHERE_KEY} AND seq = $4`
              : `INSERT INTO clusterman_state_chunks (organisation, project, simulation, seq, data) VALUES ($1, $2, $3, $4, $5)`,
            [...params, seq, data],
          );
      });
    });
  }

  delete(key: StoreKey): Promise<boolean> {
    return this.serial(() =>
      this.db.transaction(async () => {
        const params = keyParams(key);
        const found = await this.db.all(
          `SELECT 1 AS found FROM clusterman_checkpoints WHERE ${WHERE_KEY}`,
          params,
        );
        await this.db.run(`DELETE FROM clusterman_state_chunks WHERE ${WHERE_KEY}`, params);
        await this.db.run(`DELETE FROM clusterman_checkpoints WHERE ${WHERE_KEY}`, params);
        return found.length > 0;
      }),
    );
  }

  claim(key: StoreKey): Promise<void> {
    return this.serial(async () => {
      const name = `clusterman/${JSON.stringify(keyParams(key))}`;
      // A run killed a moment ago holds its lock until the server notices the closed connection: wait a little.
      for (const deadline = Date.now() + CLAIM_WAIT_MS; !(await this.db.tryLock(name));) {
        if (Date.now() > deadline)
          throw new StoreUnavailable(
            `${describeKey(key)} is being run by another process (store ${this.url})`,
          );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
  }

  list(): Promise<StoreEntry[]> {
    return this.serial(async () => {
      const rows = await this.db.all(
        `SELECT organisation, project, simulation, simulated_time, saved_at, meta, state_bytes
           FROM clusterman_checkpoints ORDER BY organisation, project, simulation`,
      );
      return rows.map(entryOf);
    });
  }

  close(): Promise<void> {
    return this.serial(() => this.db.close());
  }
}

/** A checkpoint row as loaded, without the state. */
function headOf(head: SqlRow): Omit<SavedCheckpoint, 'state'> {
  return {
    simulatedTime: toNumber(head.simulated_time),
    savedAt: toNumber(head.saved_at),
    meta: JSON.parse(toText(head.meta)) as Json,
    outputs: JSON.parse(toText(head.outputs)) as Checkpoint['outputs'],
  };
}

function entryOf(row: SqlRow): StoreEntry {
  return {
    key: {
      organisation: toText(row.organisation),
      project: toText(row.project),
      simulation: toText(row.simulation),
    },
    simulatedTime: toNumber(row.simulated_time),
    savedAt: toNumber(row.saved_at),
    meta: JSON.parse(toText(row.meta)) as Json,
    stateBytes: toNumber(row.state_bytes),
  };
}

/** `acme/shop` or `acme/shop/users`, for messages. */
export function describeKey(key: StoreKey): string {
  return [key.organisation, key.project, key.simulation]
    .filter((part) => part !== undefined && part !== '')
    .join('/');
}
