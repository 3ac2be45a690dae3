/** Time zones: validation, wall-clock <-> instant conversion, fast local parts and display. */
import { DateTime, IANAZone } from 'luxon';
import { quote, TimeError } from './errors';

const HOUR_MS = 3_600_000;
const DAY_S = 86_400;
/** 1970-01-01 was a Thursday: 3 days after a Monday. */
const EPOCH_WEEKDAY = 3;

/** Names that are plain UTC, so the hot paths can skip Intl entirely. */
const UTC_NAMES = new Set([
  'UTC',
  'ETC/UTC',
  'GMT',
  'ETC/GMT',
  'UCT',
  'ETC/UCT',
  'UNIVERSAL',
  'ETC/UNIVERSAL',
  'ZULU',
  'ETC/ZULU',
]);

const utcByName = new Map<string, boolean>();

export function isUtc(zone: string): boolean {
  if (zone === 'UTC') return true;
  let utc = utcByName.get(zone);
  if (utc === undefined) {
    utc = UTC_NAMES.has(zone.toUpperCase());
    // Bounded, so a stream of distinct names cannot grow it without limit.
    if (utcByName.size < 1000) utcByName.set(zone, utc);
  }
  return utc;
}

/** Zones already checked: luxon's isValidZone builds an Intl.DateTimeFormat on every call. */
const validZones = new Map<string, IANAZone>();

export function isValidZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone === '') return false;
  if (validZones.has(zone) || isUtc(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.set(zone, IANAZone.create(zone));
  return true;
}

function ianaZone(zone: string): IANAZone {
  const known = validZones.get(zone);
  if (known) return known;
  if (!isValidZone(zone)) {
    throw new TimeError(
      `unknown time zone ${quote(String(zone))} (use an IANA name like UTC or America/Los_Angeles)`,
    );
  }
  return IANAZone.create(zone);
}

/** UTC offset of `zone` at an instant, in whole milliseconds (pre-1900 LMT offsets are not whole minutes). */
export function offsetMs(zone: string, epochMs: number): number {
  if (isUtc(zone)) return 0;
  return Math.round(ianaZone(zone).offset(epochMs) * 60_000);
}

/** Wall-clock fields encoded as if UTC; works for years 0-99 too. */
export function utcWall(year: number, month: number, day: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/**
 * The instant at which the wall clock in `zone` reads `wallMs` (wall-clock fields encoded as if UTC).
 * Ambiguous times (DST ends) take the earlier instant; times skipped by DST start are pushed forward by the
 * length of the gap (02:30 -> 03:30). This is what RFC 5545 and Temporal's 'compatible' mode do.
 */
export function wallToEpochMs(wallMs: number, zone: string): number {
  if (isUtc(zone)) return wallMs;
  const before = offsetMs(zone, wallMs - 2 * 24 * HOUR_MS);
  const after = offsetMs(zone, wallMs + 2 * 24 * HOUR_MS);
  const fits = (offset: number) => offsetMs(zone, wallMs - offset) === offset;
  const candidates = [before, after].filter(fits).map((offset) => wallMs - offset);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: reading the wall clock with the offset in force before the change lands after the gap.
  return wallMs - before;
}

/** Wall-clock fields of an instant in `zone`, encoded as if UTC (the inverse of wallToEpochMs). */
export function epochToWallMs(epochMs: number, zone: string): number {
  return epochMs + offsetMs(zone, epochMs);
}

interface Bucket {
  /** offset in seconds before `changeAt` (or for the whole hour) */
  readonly before: number;
  /** offset in seconds from `changeAt` on */
  readonly after: number;
  /** epoch second of an offset change inside this hour, or +Infinity */
  readonly changeAt: number;
}

const MAX_BUCKETS = 200_000;
const bucketCaches = new Map<string, Map<number, Bucket>>();
let lastZone = '';
let lastHour = NaN;
let lastBucket: Bucket | undefined;

/** Offset per hour-aligned bucket; the few hours holding a change (some are not hour-aligned) record where. */
function bucketOf(zone: string, hour: number): Bucket {
  if (zone === lastZone && hour === lastHour && lastBucket) return lastBucket;
  let cache = bucketCaches.get(zone);
  if (!cache) {
    ianaZone(zone);
    cache = new Map();
    bucketCaches.set(zone, cache);
  }
  let bucket = cache.get(hour);
  if (!bucket) {
    if (cache.size >= MAX_BUCKETS) cache.clear();
    bucket = fillDay(zone, Math.floor(hour / 24), cache, hour);
  }
  lastZone = zone;
  lastHour = hour;
  lastBucket = bucket;
  return bucket;
}

/**
 * Fills the 24 hour buckets of a UTC day, returning the one for `hour`. Asking Intl for an offset costs ~20 us,
 * so a day whose two ends agree is taken as one offset (assumes no zone changes and changes back within a day);
 * only days with a change are probed hour by hour.
 */
function fillDay(zone: string, day: number, cache: Map<number, Bucket>, hour: number): Bucket {
  const offsetAt = (s: number) => offsetMs(zone, s * 1000) / 1000;
  const first = day * 24;
  const startOffset = offsetAt(first * 3600);
  const endOffset = offsetAt((first + 24) * 3600);
  let prev = startOffset;
  for (let h = first; h < first + 24; h++) {
    const last = h === first + 23;
    const next = startOffset === endOffset ? startOffset : last ? endOffset : offsetAt((h + 1) * 3600);
    const steady = prev === next;
    cache.set(
      h,
      steady ? { before: prev, after: prev, changeAt: Infinity } : findChange(h, prev, next, offsetAt),
    );
    prev = next;
  }
  return cache.get(hour) as Bucket;
}

/** Binary search for the first second with the new offset (at most one change per hour in tzdata). */
function findChange(hour: number, before: number, after: number, offsetAt: (s: number) => number): Bucket {
  let lo = hour * 3600;
  let hi = lo + 3600;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, changeAt: hi };
}

function mod(a: number, n: number): number {
  const r = a % n;
  return r < 0 ? r + n : r;
}

/** Local hour of day as a fraction and weekday (0 = Monday) of an epoch second in `zone`. Hot path. */
export function localParts(epochSeconds: number, zone: string): { hour: number; weekday: number } {
  let local = epochSeconds;
  if (!isUtc(zone)) {
    const bucket = bucketOf(zone, Math.floor(epochSeconds / 3600));
    local += epochSeconds < bucket.changeAt ? bucket.before : bucket.after;
  }
  return { hour: mod(local, DAY_S) / 3600, weekday: mod(Math.floor(local / DAY_S) + EPOCH_WEEKDAY, 7) };
}

/** '2017-12-01T08:00:00Z' for UTC, '2017-12-01T00:00:00-08:00' elsewhere (whole seconds, floored). */
export function formatTime(epochSeconds: number, zone = 'UTC'): string {
  if (!Number.isFinite(epochSeconds)) throw new TimeError(`cannot format time ${String(epochSeconds)}`);
  const ms = Math.floor(epochSeconds) * 1000;
  if (isUtc(zone)) return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return DateTime.fromMillis(ms, { zone: ianaZone(zone) }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}
