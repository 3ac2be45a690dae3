/**
 * Recycled Float64Arrays for point runs. A run's arrays are handed to a compression lane (sometimes moved to
 * another thread and back); reusing them instead of allocating ~30 MB of short-lived buffers per million
 * points spares the main thread collections that external memory would otherwise force.
 */
export const RUN_POINTS = 8192;

const MAX_FREE = 64;
const free: Float64Array[] = [];

export function takeRunArray(): Float64Array {
  return free.pop() ?? new Float64Array(RUN_POINTS);
}

/** Returns arrays no lane reads any more; others (wrong size, detached) are left to the collector. */
export function recycleRunArrays(...arrays: Float64Array[]): void {
  for (const a of arrays) {
    if (a.length === RUN_POINTS && free.length < MAX_FREE) free.push(a);
  }
}
