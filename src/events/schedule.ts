/**
 * `--schedule FILE`: the worker cap over time. `{type: constant, value}` or `{type: gmm_temporal, days}`;
 * the cap is max(1, floor(m x multiplier)), recomputed at each spawner wake, as in the reference.
 */
import { Cursor } from './config/cursor';
import { parseGmmDays } from './config/distribution';
import { readConfigFile } from './config/read';
import { GmmTemporal } from './sample';

export interface WorkerSchedule {
  cap(maxWorkers: number, now: number): number;
}

export async function loadSchedule(
  file: string,
  offsetMinutes: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<WorkerSchedule> {
  return parseSchedule(new Cursor(file, '', await readConfigFile(file, env)), offsetMinutes);
}

export function parseSchedule(c: Cursor, offsetMinutes: number): WorkerSchedule {
  c.mapping();
  const type = c.required('type').choice(['constant', 'gmm_temporal'] as const, 'schedule type');
  if (type === 'constant') {
    const value = c.required('value').number();
    if (value < 0) c.at('value').fail(`must not be negative (got ${value})`);
    return { cap: (m) => Math.max(1, Math.floor(m * value)) };
  }
  const gmm = new GmmTemporal(1, parseGmmDays(c.required('days')), offsetMinutes);
  return { cap: (m, now) => Math.max(1, Math.floor(m * gmm.multiplier(now))) };
}
