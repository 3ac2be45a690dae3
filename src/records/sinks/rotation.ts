/**
 * File names of a rotating output and their order. `logs.csv` rotated daily is `logs-2024-01-31.csv`, hourly
 * `logs-2024-01-31T13.csv`, by size `logs-000001.csv`, `logs-000002.csv`...; a `.gz` stays last
 * (`events-2024-01-31.ndjson.gz`). Periods are UTC days and hours of the records' own times, so a simulated
 * backfill and a live run name their files alike.
 */
import { basename, extname } from 'node:path';
import type { Rotation } from './types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface NamePattern {
  readonly stem: string;
  /** `.csv`, `.ndjson.gz`, or '' */
  readonly ext: string;
  readonly rotation: Rotation;
}

export function namePattern(path: string, rotation: Rotation): NamePattern {
  const base = basename(path);
  const gz = base.toLowerCase().endsWith('.gz') ? base.slice(-3) : '';
  const rest = base.slice(0, base.length - gz.length);
  const ext = extname(rest);
  return { stem: rest.slice(0, rest.length - ext.length), ext: ext + gz, rotation };
}

/** The period a time falls in (UTC day or hour number); 0 for outputs not rotated by time. */
export function periodOf(rotation: Rotation, at: number): number {
  if (rotation.kind === 'daily') return Math.floor(at / DAY_MS);
  if (rotation.kind === 'hourly') return Math.floor(at / HOUR_MS);
  return 0;
}

/** The file name of a period (daily, hourly) or a sequence number (size); the plain name otherwise. */
export function fileName(pattern: NamePattern, periodOrSeq: number): string {
  const { stem, ext, rotation } = pattern;
  switch (rotation.kind) {
    case 'none':
      return `${stem}${ext}`;
    case 'daily':
      return `${stem}-${new Date(periodOrSeq * DAY_MS).toISOString().slice(0, 10)}${ext}`;
    case 'hourly':
      return `${stem}-${new Date(periodOrSeq * HOUR_MS).toISOString().slice(0, 13)}${ext}`;
    case 'size':
      return `${stem}-${String(periodOrSeq).padStart(6, '0')}${ext}`;
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PART: Record<Rotation['kind'], string> = {
  none: '',
  daily: '-(\\d{4}-\\d{2}-\\d{2})',
  hourly: '-(\\d{4}-\\d{2}-\\d{2}T\\d{2})',
  size: '-(\\d{6,})',
};

/** The part of `name` that orders it among the pattern's files, or undefined when it is not one of them. */
export function orderKey(pattern: NamePattern, name: string): string | undefined {
  const match = new RegExp(
    `^${escape(pattern.stem)}${PART[pattern.rotation.kind]}${escape(pattern.ext)}$`,
  ).exec(name);
  if (!match) return undefined;
  // Longer sequence numbers sort after shorter ones; dates all have one length.
  const part = match[1] ?? '';
  return `${String(part.length).padStart(3, '0')}${part}`;
}

/** The sequence number of a size-rotated file name. */
export function sequenceOf(pattern: NamePattern, name: string): number {
  return Number(orderKey(pattern, name)?.slice(3) ?? '1');
}
