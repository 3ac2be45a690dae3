/**
 * Outputs and state move together: a checkpoint flushes every sink first, then saves the state with the
 * sinks' committed positions in one transaction (the caller's `save`, e.g. `store.save`). A run killed at
 * any moment leaves outputs at or past the saved positions; a resume cuts them back, so the records written
 * after the checkpoint are written once more, identically, and never twice.
 */
import { SinkError } from './errors';
import type { LineSink, SinkPosition } from './types';

/** A generator's outputs by name: the names key the saved positions. */
export type Outputs = Readonly<Record<string, LineSink>>;

export type Positions = Record<string, SinkPosition>;

/** Flushes every output, then calls `save` with their committed positions; returns what was saved. */
export async function checkpoint(
  outputs: Outputs,
  save: (positions: Positions) => Promise<void>,
): Promise<Positions> {
  const entries = Object.entries(outputs);
  await Promise.all(entries.map(([, sink]) => sink.flush()));
  const positions: Positions = {};
  for (const [name, sink] of entries) positions[name] = sink.committed();
  await save(positions);
  return positions;
}

/**
 * On resume, before any write: cuts every output back to its saved position. An output with no saved position
 * (added to the config since) or a saved output no longer configured is an error naming it: the run would
 * otherwise not equal an uninterrupted one.
 */
export async function resumeOutputs(
  outputs: Outputs,
  saved: Readonly<Record<string, unknown>>,
): Promise<void> {
  for (const name of Object.keys(saved))
    if (!(name in outputs)) throw new SinkError(`output '${name}' of the saved run is no longer configured`);
  for (const [name, sink] of Object.entries(outputs)) {
    if (!(name in saved))
      throw new SinkError(
        `output '${name}' (${sink.name}) is not in the saved run: reset it or remove the output`,
      );
    await sink.truncateTo(parsePosition(saved[name], name));
  }
}

/** A saved position checked back into its type (it comes from a database). */
export function parsePosition(raw: unknown, name: string): SinkPosition {
  const value = raw as Record<string, unknown> | null;
  const count = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
  if (value?.kind === 'file' && count(value.bytes) && (value.file === null || typeof value.file === 'string'))
    return { kind: 'file', file: value.file, bytes: value.bytes };
  if (value?.kind === 'stream' && count(value.lines)) return { kind: 'stream', lines: value.lines };
  throw new SinkError(`output '${name}': the saved position is not one this clusterman writes`);
}
