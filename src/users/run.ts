/**
 * `users run`: open the store and the outputs, restore or create the simulation, catch up step by step to
 * the end (or to the wall clock, then follow it), saving a checkpoint (outputs flushed, then state and their
 * committed positions in one transaction) at least every minute, at the end and on SIGINT/SIGTERM.
 */
import { setFlagsFromString } from 'node:v8';
import { gunzipSync } from 'node:zlib';
import { checkpoint, resumeOutputs } from '../records/sinks/checkpoint';
import type { LineSink, Rotation } from '../records/sinks/types';
import type { Store, StoreKey } from '../store/types';
import { loadUsersConfig } from './config';
import { UsersInputError } from './errors';
import { LinesOutput } from './output';
import { openOutputs, type OpenedOutputs } from './outputs';
import { Simulation } from './simulation';
import type { SavedState } from './snapshot';
import { encodedState, readState } from './state-file';
import type { UsersConfig } from './types';
import { US } from './user';

export { UsersInputError };

export interface RunSettings {
  readonly configFile: string;
  readonly seed: bigint | undefined;
  readonly outputDir: string;
  /** epoch seconds; null: no end */
  readonly end: number | null;
  readonly online: boolean;
  readonly rotation: Rotation;
  /** a step every this many wall seconds when online */
  readonly onlineStepSeconds: number;
  readonly checkpointSeconds: number;
}

export interface RunHooks {
  readonly store: Store;
  readonly key: StoreKey;
  readonly config: UsersConfig;
  readonly stdout?: () => LineSink;
  readonly http?: (path: string) => LineSink;
  readonly onSeed: (seed: bigint, resumed: boolean) => void;
  readonly onProgress: (simulatedUs: number, startUs: number, endUs: number | null) => void;
  /** set by the caller on SIGINT/SIGTERM */
  readonly stopRequested: () => boolean;
  readonly nowMs?: () => number;
}

export interface RunSummary {
  readonly seed: string;
  readonly resumed: boolean;
  readonly simulatedTime: string;
  readonly stoppedBy: 'end' | 'signal';
  readonly users: Record<string, { active: number; churned: number }>;
  readonly events: Record<string, number>;
  readonly catalogRows: number;
  readonly pending: { deliveries: number; cancellations: number };
  readonly files: string[];
}

export function loadConfig(file: string, nowMs: number): UsersConfig {
  return loadUsersConfig(file, { nowMs });
}

/** The saved JSON; states saved before the store compressed them were gzipped here first as well. */
function stateText(state: Uint8Array): string {
  const gzipped = state[0] === 0x1f && state[1] === 0x8b;
  const bytes = gzipped ? gunzipSync(state) : state;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * How far V8 lets the heap grow past what the last full collection kept, in percent (its default grows it by
 * up to a few times that). A run keeps a large live set (users, running sessions, later records) and makes
 * garbage fast: by default the heap swings far above the live set, and that slack was most of the peak.
 * Measured at 1,000 users x 7 days: peak RSS 262-329 -> 231-237 MB for ~8 % more CPU, which the
 * smaller live set had already saved. Read by V8 at each collection, so it holds from here on.
 */
const HEAP_GROWING_PERCENT = 30;

export async function runUsers(settings: RunSettings, hooks: RunHooks): Promise<RunSummary> {
  const { store, key, config } = hooks;
  const nowMs = hooks.nowMs ?? Date.now;
  const saved = await store.load(key);
  let state: SavedState | undefined;
  if (saved) {
    state = readState(stateText(saved.state));
    if (settings.seed !== undefined && BigInt(state.seed) !== settings.seed)
      throw new UsersInputError(
        `--seed ${settings.seed} differs from the saved simulation's seed ${state.seed}; a resumed run keeps its seed (or run users reset)`,
      );
  }
  const seed = state ? BigInt(state.seed) : (settings.seed ?? BigInt(Math.floor(nowMs() / 1000)));
  const outputs: OpenedOutputs = openOutputs(config, settings.outputDir, settings.rotation, {
    ...(hooks.stdout ? { stdout: hooks.stdout } : {}),
    ...(hooks.http ? { http: hooks.http } : {}),
  });
  if (saved) await resumeOutputs(outputs.sinks, saved.outputs);
  else
    await resumeOutputs(
      outputs.sinks,
      Object.fromEntries(
        Object.keys(outputs.sinks).map((name) => [
          name,
          name.startsWith('csv') || name.startsWith('ndjson')
            ? { kind: 'file', file: null, bytes: 0 }
            : { kind: 'stream', lines: 0 },
        ]),
      ),
    );
  hooks.onSeed(seed, saved !== undefined);
  const lines = new LinesOutput(outputs.targets);
  const sim = state ? Simulation.restore(config, state, lines) : Simulation.create(config, seed, lines);
  // Only now: while a saved state loads, the heap grows from nothing to its live set, and a small growth
  // step would mark it all again at every step of the way.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const endUs = settings.end === null ? null : settings.end * US;

  let users = sim.populationCounts();
  const save = async (): Promise<void> => {
    lines.drain();
    // Counted before the snapshot, which plans a day due at this instant: the users as the run left them.
    users = sim.populationCounts();
    // Compressed as its text is made: the store takes it as it will keep it.
    const body = encodedState(sim.snapshot());
    await checkpoint(outputs.sinks, (positions) =>
      store.save(key, {
        simulatedTime: Math.floor(sim.now / 1000),
        meta: {
          seed: seed.toString(),
          users,
          pending: sim.pendingLater(),
          events: sim.counts,
          catalogRows: sim.catalogRows,
          files: outputs.files,
        },
        state: body,
        outputs: positions,
      }),
    );
  };

  if (!saved) await save();
  let lastSave = nowMs();
  let stoppedBy: RunSummary['stoppedBy'] = 'end';
  let firstOut = false;
  const wallUs = () => nowMs() * 1000;
  // Catch-up: simulated hours as fast as they go, checkpoints by wall time.
  for (;;) {
    if (hooks.stopRequested()) {
      stoppedBy = 'signal';
      break;
    }
    const target = endUs === null || settings.online ? Math.min(wallUs(), endUs ?? Infinity) : endUs;
    if (sim.now >= (endUs ?? Infinity)) break;
    const behind = target - sim.now;
    if (behind > settings.onlineStepSeconds * US) {
      const stepEnd = Math.min(target, sim.now + 3600 * US);
      await sim.runUntil(stepEnd, (t) => {
        // The run's first records go out after its first slice, not once a megabyte has gathered: a resumed
        // 100,000-user run has them a second sooner (records written in batches are the same bytes).
        if (!firstOut) lines.drain();
        firstOut = true;
        hooks.onProgress(t, sim.start, endUs);
        return !hooks.stopRequested();
      });
    } else {
      // Online: a step every few seconds up to the wall clock.
      await sleep(settings.onlineStepSeconds * 1000);
      if (hooks.stopRequested()) continue;
      await sim.runUntil(Math.min(wallUs(), endUs ?? Infinity));
      // Live records are of use only when they arrive: out at every step, not when a batch fills.
      lines.drain();
      await Promise.all(Object.values(outputs.sinks).map((sink) => sink.flush()));
    }
    hooks.onProgress(sim.now, sim.start, endUs);
    if (nowMs() - lastSave >= settings.checkpointSeconds * 1000) {
      await save();
      lastSave = nowMs();
    }
  }
  await save();
  for (const sink of Object.values(outputs.sinks)) await sink.close();
  return {
    seed: seed.toString(),
    resumed: saved !== undefined,
    simulatedTime: new Date(Math.floor(sim.now / 1000)).toISOString(),
    stoppedBy,
    users,
    events: { ...sim.counts },
    catalogRows: sim.catalogRows,
    pending: sim.pendingLater(),
    files: outputs.files,
  };
}
