/**
 * Walks the outer objects of a JSON document in its UTF-8 bytes, so that each inner value can be parsed on its
 * own: a metrics file is read a series at a time, never as one string and one tree of the whole document (a
 * year of minute points would need both at once). Only structure is scanned here; values go to JSON.parse.
 * Any malformed structure throws JsonScanError, and the caller falls back to parsing the document whole,
 * which reports the error as JSON.parse words it.
 */
export class JsonScanError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export function skipSpace(b: Uint8Array, i: number): number {
  while (isSpace(b[i])) i++;
  return i;
}

/** The end (exclusive) of the string starting at b[i] (a quote). UTF-8 continuation bytes are >= 0x80. */
function stringEnd(b: Uint8Array, i: number): number {
  for (i++; i < b.length; i++) {
    const c = b[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  throw new JsonScanError('unterminated string');
}

/** The end (exclusive) of the JSON value starting at b[i]. */
export function valueEnd(b: Uint8Array, i: number): number {
  const first = b[i];
  if (first === QUOTE) return stringEnd(b, i);
  if (first === OPEN_OBJECT || first === OPEN_LIST) {
    let depth = 0;
    for (; i < b.length; i++) {
      const c = b[i];
      if (c === QUOTE) i = stringEnd(b, i) - 1;
      else if (c === OPEN_OBJECT || c === OPEN_LIST) depth++;
      else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new JsonScanError('unterminated object or list');
  }
  // A number, true, false or null: up to the next delimiter.
  const start = i;
  while (i < b.length && !isSpace(b[i]) && b[i] !== COMMA && b[i] !== CLOSE_OBJECT && b[i] !== CLOSE_LIST)
    i++;
  if (i === start) throw new JsonScanError('a value is missing');
  return i;
}

/** A member of an object: its key, and where its value's bytes are. */
export interface Member {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** The members of the object starting at b[from] (after spaces), in order; throws if it is not an object. */
export function objectMembers(b: Buffer, from: number): { members: Member[]; end: number } {
  let i = skipSpace(b, from);
  if (b[i] !== OPEN_OBJECT) throw new JsonScanError('not an object');
  const members: Member[] = [];
  i = skipSpace(b, i + 1);
  if (b[i] === CLOSE_OBJECT) return { members, end: i + 1 };
  for (;;) {
    if (b[i] !== QUOTE) throw new JsonScanError('a key is missing');
    const keyEnd = stringEnd(b, i);
    const key = JSON.parse(b.toString('utf8', i, keyEnd)) as string;
    i = skipSpace(b, keyEnd);
    if (b[i] !== COLON) throw new JsonScanError('a colon is missing');
    const start = skipSpace(b, i + 1);
    const end = valueEnd(b, start);
    members.push({ key, start, end });
    i = skipSpace(b, end);
    if (b[i] === COMMA) i = skipSpace(b, i + 1);
    else if (b[i] === CLOSE_OBJECT) return { members, end: i + 1 };
    else throw new JsonScanError('a comma is missing');
  }
}

/** Whether b[i] (after spaces) opens an object. */
export const opensObject = (b: Uint8Array, i: number): boolean => b[skipSpace(b, i)] === OPEN_OBJECT;
