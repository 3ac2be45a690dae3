/**
 * The state store: what a generator must keep to resume exactly (its state and where each output stands),
 * saved as one checkpoint per simulation, in an embedded DuckDB file or a shared PostgreSQL.
 */

/** JSON values: the store keeps small metadata and output positions as JSON text. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Which simulation a checkpoint belongs to: benshi's (organisation, project), plus an optional name. */
export interface StoreKey {
  readonly organisation: string;
  readonly project: string;
  /** Several simulations of one project (e.g. `users` and `generate-events`); '' when not given. */
  readonly simulation?: string;
}

/** Everything saved together, in one transaction: a checkpoint is either all there or not at all. */
export interface Checkpoint {
  /** Where the simulation stands, in ms since the epoch (UTC); listed without reading the state. */
  readonly simulatedTime: number;
  /**
   * Small facts read without decoding the state (seed, config hash, counts for `status`). Kept as JSON text:
   * a seed past 2^53 belongs here as a decimal string.
   */
  readonly meta: Json;
  /**
   * The generator's own encoding of its state, any size (100,000 users: tens of MB); compressed by the store,
   * or already compressed as it was made (codec.ts StateWriter) so that it was never held whole.
   */
  readonly state: Uint8Array | EncodedState;
  /**
   * Each output's committed position by output name (records/sinks' `SinkPosition`): saved with the state so
   * that outputs and state move together, and cut back to on resume.
   */
  readonly outputs: { readonly [output: string]: Json };
}

/** A state in the store's codec, as stored: the rows a StateWriter ended with. */
export interface EncodedState {
  readonly rows: readonly Uint8Array[];
}

/** A checkpoint as loaded: what was saved, and when (wall clock, ms since the epoch). */
export interface SavedCheckpoint extends Omit<Checkpoint, 'state'> {
  /** the state as the generator encoded it, decompressed */
  readonly state: Uint8Array;
  readonly savedAt: number;
}

/** One line of `list()`: a saved simulation without its state. */
export interface StoreEntry {
  readonly key: Required<StoreKey>;
  readonly simulatedTime: number;
  readonly savedAt: number;
  readonly meta: Json;
  /** Size of the stored (compressed) state in bytes. */
  readonly stateBytes: number;
}

/**
 * One store, opened with `openStore(url)`: migrations already applied. Calls on one store run one at a time
 * (each awaits the previous); two processes on one DuckDB file are refused by DuckDB's file lock.
 */
export interface Store {
  /** The URL as it may be printed (no password). */
  readonly url: string;
  /** The last saved checkpoint of `key`, or undefined when there is none. */
  load(key: StoreKey): Promise<SavedCheckpoint | undefined>;
  /**
   * `load` without the state, which is neither read nor decoded: what `status` shows (at 100,000 users the
   * state is ~28 MB stored and ~80 MB inflated).
   */
  loadHead(key: StoreKey): Promise<Omit<SavedCheckpoint, 'state'> | undefined>;
  /** Replaces `key`'s checkpoint in one transaction: a failure or a kill at any moment leaves the previous one. */
  save(key: StoreKey, checkpoint: Checkpoint): Promise<void>;
  /** Removes `key`'s checkpoint; false when there was none. */
  delete(key: StoreKey): Promise<boolean>;
  /**
   * Takes `key` for this process until `close()`: a second run of the same simulation is refused with one
   * line (StoreUnavailable) instead of interleaving its checkpoints. A run calls it before its first write;
   * read-only commands (`status`) do not. DuckDB's file lock already admits one process per file.
   */
  claim(key: StoreKey): Promise<void>;
  /** Every saved simulation, by organisation, project and simulation name. */
  list(): Promise<StoreEntry[]>;
  close(): Promise<void>;
}

/** Where a store lives, parsed from its URL. */
export type StoreLocation =
  { readonly kind: 'duckdb'; readonly path: string } | { readonly kind: 'postgresql'; readonly url: string };
