/**
 * Imply's `target` block (and a --target file): where records go. Imply's shapes (`{"type": "stdout"}`,
 * `{"type": "file", "path": ...}`, kafka, confluent) and ours: a file's `rotation` (`hourly`, `daily` or a size
 * such as `100MB`) and an `http` target. Keys of ours are checked (a typo is an error with a suggestion); keys
 * beginning with `_` (comments) are ignored, as everywhere in a config.
 */
import type { HttpBody, Rotation } from '../../records/sinks/types';
import { parseDuration } from '../../time/duration';
import { didYouMean } from '../../util/nearest';
import type { HttpTargetSpec, TargetSpec } from '../model';
import { kind, type Cursor } from './cursor';

const TARGET_TYPES = ['stdout', 'file', 'http', 'kafka', 'confluent'] as const;
const FILE_KEYS = ['type', 'path', 'rotation'];
const HTTP_KEYS = [
  'type',
  'url',
  'headers',
  'body',
  'bulk_action',
  'batch_lines',
  'batch_bytes',
  'retries',
  'timeout',
];
const BODIES = ['lines', 'json-array', 'bulk'] as const;

export function parseTargetSpec(c: Cursor): TargetSpec {
  const type = c.required('type').choice(TARGET_TYPES, 'target type');
  switch (type) {
    case 'stdout':
      return { type };
    case 'file': {
      checkKeys(c, FILE_KEYS);
      const path = c.required('path').string();
      if (path.trim() === '') c.at('path').fail('must not be empty');
      const rotation = c.optional('rotation');
      return { type, path, rotation: rotation ? parseRotation(rotation) : { kind: 'none' } };
    }
    case 'http':
      return parseHttp(c);
    case 'kafka':
    case 'confluent':
      return {
        type,
        topic: c.optional('topic')?.string(),
        servers: (c.optional('endpoint') ?? c.optional('servers'))?.string() ?? 'localhost:9092',
      };
  }
}

function parseHttp(c: Cursor): HttpTargetSpec {
  checkKeys(c, HTTP_KEYS);
  const url = c.required('url').string();
  if (!/^https?:\/\/[^/]/i.test(url)) c.at('url').fail('must be an http:// or https:// URL');
  const headers: Record<string, string> = {};
  const h = c.optional('headers');
  if (h)
    for (const [name, value] of Object.entries(h.mapping())) {
      const v = h.at(name);
      if (typeof value === 'number') headers[name] = String(value);
      else headers[name] = v.string();
      if (/[\r\n]/.test(headers[name] as string)) v.fail('must be one line');
    }
  const bodyName = c.optional('body')?.choice(BODIES, 'http body') ?? 'lines';
  const action = c.optional('bulk_action');
  if (action && bodyName !== 'bulk') action.fail("is only for body: 'bulk'");
  let body: HttpBody;
  if (bodyName === 'bulk') body = action ? { kind: 'bulk', action: jsonLine(action) } : { kind: 'bulk' };
  else body = { kind: bodyName };
  const timeout = c.optional('timeout');
  return {
    type: 'http',
    url,
    headers,
    body,
    batchLines: c.optional('batch_lines')?.integer(1),
    batchBytes: optionalSize(c.optional('batch_bytes')),
    retries: c.optional('retries')?.integer(0),
    timeoutMs: timeout === undefined ? undefined : durationMs(timeout),
  };
}

/** `hourly`, `daily`, or a size at which a new file begins: `100MB`, `64 KiB`, `1000000`. */
function parseRotation(c: Cursor): Rotation {
  if (typeof c.value === 'string' && /^(hourly|daily)$/i.test(c.value.trim()))
    return { kind: c.value.trim().toLowerCase() as 'hourly' | 'daily' };
  const bytes = sizeOf(c.value);
  if (bytes === undefined) c.fail(`must be hourly, daily or a size such as 100MB (got ${kind(c.value)})`);
  if (bytes < 1) c.fail('a size must be at least 1 byte');
  return { kind: 'size', maxBytes: bytes };
}

function optionalSize(c: Cursor | undefined): number | undefined {
  if (c === undefined) return undefined;
  const bytes = sizeOf(c.value);
  if (bytes === undefined || bytes < 1)
    c.fail(`must be a size such as 4MB or a number of bytes (got ${kind(c.value)})`);
  return bytes;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
};

/** Bytes in `100MB` (decimal), `64KiB` (binary) or a plain number; undefined when it is not a size. */
export function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = m ? UNITS[(m[2] as string).toLowerCase()] : undefined;
  if (!m || unit === undefined) return undefined;
  return Math.round(Number(m[1]) * unit);
}

function durationMs(c: Cursor): number {
  let seconds: number;
  try {
    seconds = parseDuration(c.value as string | number);
  } catch {
    c.fail(`must be a duration such as 30s or 2m (got ${kind(c.value)})`);
  }
  if (!(seconds > 0)) c.fail('must be more than 0 seconds');
  return Math.round(seconds * 1000);
}

/** An Elasticsearch action: one JSON object on one line. */
function jsonLine(c: Cursor): string {
  const value = c.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return JSON.stringify(value);
  const text = c.string();
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    c.fail('must be a JSON object such as {"index":{"_index":"events"}}');
  }
}

/** Our targets' keys are checked: a misspelt `batch_line` would otherwise be ignored silently. */
function checkKeys(c: Cursor, known: readonly string[]): void {
  for (const key of Object.keys(c.mapping()))
    if (!key.startsWith('_') && !known.includes(key))
      c.at(key).fail(`unknown key${didYouMean(key, known)} (known: ${known.join(', ')})`);
}
