/** --seed as every generating command reads it (its own module: generate-events need not load generate-data). */
import { UsageError } from './errors';

/** A non-negative integer; without one, the current epoch second. */
export function parseSeed(raw: string | undefined, nowMs: number): bigint {
  if (raw === undefined) return BigInt(Math.floor(nowMs / 1000));
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--seed must be a non-negative integer (got '${raw}')`);
  return BigInt(raw.trim());
}
