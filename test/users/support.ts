/** Small configs and an in-memory run for the users tests. */
import { parseUsersConfig } from '../../src/users/config';
import { LinesOutput, type LineTarget } from '../../src/users/output';
import { type SavedState, Simulation } from '../../src/users/simulation';
import { readState, stateBytes } from '../../src/users/state-file';
import type { UsersConfig } from '../../src/users/types';

export function config(data: unknown): UsersConfig {
  return parseUsersConfig(data, 'test.yaml', { nowMs: Date.UTC(2024, 0, 1) });
}

export class Memory implements LineTarget {
  text = '';
  write(lines: string): undefined {
    this.text += lines;
    return undefined;
  }
}

export function memoryOutput(): { out: LinesOutput; logs: Memory; catalogs: Memory } {
  const logs = new Memory();
  const catalogs = new Memory();
  const out = new LinesOutput([
    { sink: logs, format: 'csv', records: 'log' },
    { sink: catalogs, format: 'csv', records: 'catalog' },
  ]);
  return { out, logs, catalogs };
}

/** Runs to `until` (epoch seconds) in one go, or through snapshots at each of `stops`. */
export async function runWithStops(
  cfg: UsersConfig,
  seed: bigint,
  until: number,
  stops: readonly number[] = [],
  /** changes each saved state before it is restored (e.g. into an older layout) */
  edit: (saved: SavedState) => SavedState = (saved) => saved,
) {
  const { out, logs, catalogs } = memoryOutput();
  let sim = Simulation.create(cfg, seed, out);
  for (const stop of stops) {
    await sim.runUntil(stop * 1e6);
    out.drain();
    // Through the saved text, as a run saves and loads it.
    const saved = readState(stateBytes(sim.snapshot()).toString('utf8'));
    sim = Simulation.restore(cfg, edit(saved), out);
  }
  await sim.runUntil(until * 1e6);
  out.drain();
  return { sim, logs: logs.text, catalogs: catalogs.text };
}
