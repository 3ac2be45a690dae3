/** The line that repeats a random run: its seed, and its "now" when a relative time depended on it. */
import { formatTime } from '../time';

/** `Reproduce with: --seed 42 --now 2026-12-02T13:00:00Z`; nowMs only when some time was relative. */
export function reproduceLine(seed: bigint, nowMs: number | undefined): string {
  const now = nowMs === undefined ? '' : ` --now ${formatTime(Math.floor(nowMs / 1000), 'UTC')}`;
  return `Reproduce with: --seed ${seed}${now}`;
}
