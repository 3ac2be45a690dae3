/**
 * Formats a job into bytes. Runs on worker threads, so it writes ASCII straight into one Buffer instead of
 * building strings. Numbers are written exactly as numbers.ts writes them (Python's json), which the tests
 * check value by value.
 */
import type { ValueKind, WriteFormat } from '../model';
import { formatFloat, formatInt } from '../numbers';
import { ascii, writeInt } from '../../util/digits';
import type { Job, PointRun } from './job';

/** How a point and the separators around it are spelled in each format. */
interface PointSyntax {
  readonly separator: string;
  readonly open: string;
  /** Between the timestamp and the value. */
  readonly middle: string;
  readonly close: string;
}

export const POINT_SYNTAX: Record<WriteFormat, PointSyntax> = {
  json: { separator: ',', open: '[', middle: ',', close: ']' },
  jsonpickle: {
    separator: ', ',
    open: '{"py/tuple": [{"py/object": "arrow.arrow.Arrow", "timestamp": ',
    middle: '}, ',
    close: ']}',
  },
};

/** The longest number we write: `-1.2345678901234567e-308` is 24 characters, `-9007199254740991` 17. */
const NUMBER_MAX = 25;

/** formatFloat's result, without the string when the value is in repr's plain-digit range. */
function writeFloat(buf: Buffer, pos: number, x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax >= 1e-4 && ax < 1e16)) return ascii(buf, pos, formatFloat(x));
  const s = String(x);
  let dot = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dot = true;
    buf[pos++] = c;
  }
  if (!dot) {
    buf[pos++] = 46; // Python writes 2.0
    buf[pos++] = 48;
  }
  return pos;
}

/** A point's syntax as bytes, for the inner loop. */
interface PointBytes {
  readonly separator: Uint8Array;
  readonly open: Uint8Array;
  readonly middle: Uint8Array;
  readonly close: Uint8Array;
}

const asBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

const POINT_BYTES: Record<WriteFormat, PointBytes> = {
  json: bytesOfSyntax(POINT_SYNTAX.json),
  jsonpickle: bytesOfSyntax(POINT_SYNTAX.jsonpickle),
};

function bytesOfSyntax(syntax: PointSyntax): PointBytes {
  return {
    separator: asBytes(syntax.separator),
    open: asBytes(syntax.open),
    middle: asBytes(syntax.middle),
    close: asBytes(syntax.close),
  };
}

function put(buf: Buffer, pos: number, bytes: Uint8Array): number {
  if (bytes.length === 1) {
    buf[pos] = bytes[0] as number;
    return pos + 1;
  }
  for (let i = 0; i < bytes.length; i++) buf[pos++] = bytes[i] as number;
  return pos;
}

const writeIntValue = (buf: Buffer, pos: number, x: number): number =>
  Number.isSafeInteger(x) ? writeInt(buf, pos, x) : ascii(buf, pos, formatInt(x));

const writeAutoValue = (buf: Buffer, pos: number, x: number): number => {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) {
    return Number.isSafeInteger(x) && !Object.is(x, -0) ? writeInt(buf, pos, x) : ascii(buf, pos, String(x));
  }
  return writeFloat(buf, pos, x);
};

const VALUE_WRITERS: Record<ValueKind, (buf: Buffer, pos: number, x: number) => number> = {
  float: writeFloat,
  int: writeIntValue,
  auto: writeAutoValue,
};

function writeRun(buf: Buffer, pos: number, run: PointRun, syntax: PointBytes): number {
  const { times, values, count } = run;
  const writeValue = VALUE_WRITERS[run.kind];
  for (let i = 0; i < count; i++) {
    if (i > 0 || run.continues) pos = put(buf, pos, syntax.separator);
    pos = put(buf, pos, syntax.open);
    const t = times[i] as number;
    pos = Number.isSafeInteger(t) ? writeInt(buf, pos, t) : ascii(buf, pos, String(t));
    pos = put(buf, pos, syntax.middle);
    pos = writeValue(buf, pos, values[i] as number);
    pos = put(buf, pos, syntax.close);
  }
  return pos;
}

/**
 * The job's text as UTF-8 bytes: a view of `scratch` when it is large enough for the worst case (the caller
 * then owns the bytes only until it reuses scratch), else of a new buffer.
 */
export function formatJob(job: Job, scratch?: Buffer): Buffer {
  const syntax = POINT_SYNTAX[job.format];
  const bytes = POINT_BYTES[job.format];
  const perPoint =
    syntax.separator.length +
    syntax.open.length +
    syntax.middle.length +
    syntax.close.length +
    2 * NUMBER_MAX;
  let bound = 0;
  for (const seg of job.segments) {
    bound += seg.type === 'text' ? Buffer.byteLength(seg.text, 'utf8') : seg.count * perPoint;
  }
  const buf = scratch && scratch.length >= bound ? scratch : Buffer.allocUnsafeSlow(bound);
  let pos = 0;
  for (const seg of job.segments) {
    pos = seg.type === 'text' ? pos + buf.write(seg.text, pos, 'utf8') : writeRun(buf, pos, seg, bytes);
  }
  return buf.subarray(0, pos);
}
