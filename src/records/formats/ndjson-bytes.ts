/**
 * JSON lines written as bytes, straight from a record's values (one array per emitter, in dimension order,
 * undefined = missing) into large buffers: no record object, no line string, no UTF-8 encoding call per
 * record. The bytes are exactly what NdjsonFormat prints for the same record (tests compare them): keys in
 * order, missing keys left out, times ISO 8601 with milliseconds and offset, non-finite numbers as null.
 * Plain ASCII text is copied byte by byte; anything that JSON escapes, or that is not ASCII, goes through
 * JSON.stringify and Buffer.write, as does every nested value.
 */
import { IsoFormatter } from './iso';
import { NdjsonFormat } from './ndjson';
import { type EmitterSchema, type FieldValue, Timestamp } from './types';

/** Where the bytes go: a Buffer chunk at a time, in order (a stdout or file target). */
export interface ByteTarget {
  write(chunk: Buffer): void | Promise<void>;
  readonly closed: boolean;
}

/** Bytes gathered before a write. */
const CHUNK_BYTES = 1 << 18;
/** Cached escaped values per key, while they keep repeating (enum values do). */
const TRIAL = 2000;
/** Room made before each field: a key's bytes plus this covers every value written in place. */
const FIELD_ROOM = 256;
/** Longer strings go through value(), which makes room for them. */
const SHORT_STRING = 200;
const MAX_CACHED = 10_000;

const ascii = (text: string): Uint8Array => Buffer.from(text, 'latin1');

interface KeyBytes {
  /** `"name":` */
  readonly key: Uint8Array;
  /** text value -> its JSON bytes, until the trial shows the values rarely repeat. */
  strings: Map<string, Uint8Array> | undefined;
  lookups: number;
  hits: number;
}

const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');

export class NdjsonBytes {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly done: Buffer[] = [];
  private lines = 0;
  /** Lines handed to the target so far. */
  written = 0;
  private readonly emitters: KeyBytes[][];
  private readonly nested = new NdjsonFormat();
  private readonly iso = new IsoFormatter();
  /** The last time's bytes (`"2024-...T00:00:01.500+00:00"`) and where its milliseconds start. */
  private isoBytes: Uint8Array = new Uint8Array(0);
  private isoMsAt = 0;
  private isoSecond = NaN;
  private isoOffset = NaN;

  constructor(
    schemas: readonly EmitterSchema[],
    private readonly target: ByteTarget,
  ) {
    this.emitters = schemas.map((s) =>
      s.fields.map((f) => ({
        key: Buffer.from(`${JSON.stringify(f.name)}:`),
        strings: new Map(),
        lookups: 0,
        hits: 0,
      })),
    );
  }

  /**
   * One record: `values[i]` is field i of emitter `emitter`'s schema (undefined: missing). The common values
   * (short plain strings, safe integers, times) are written here with the write position in a local; the
   * rest go through value(), which makes its own room.
   */
  write(values: readonly (FieldValue | undefined)[], emitter: number): void {
    const keys = this.emitters[emitter] as KeyBytes[];
    this.room(FIELD_ROOM);
    let buf = this.buf;
    let p = this.used;
    buf[p++] = 0x7b; // {
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      const k = keys[i] as KeyBytes;
      const key = k.key;
      if (p + key.length + FIELD_ROOM > buf.length) {
        this.used = p;
        this.room(key.length + FIELD_ROOM);
        buf = this.buf;
        p = this.used;
      }
      if (!first) buf[p++] = 0x2c; // ,
      first = false;
      for (let j = 0; j < key.length; j++) buf[p++] = key[j] as number;
      if (typeof v === 'string' && v.length <= SHORT_STRING) {
        const start = p;
        buf[p++] = 0x22;
        let plain = true;
        for (let j = 0; j < v.length; j++) {
          const c = v.charCodeAt(j);
          if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
            plain = false;
            break;
          }
          buf[p++] = c;
        }
        if (plain) {
          buf[p++] = 0x22;
          continue;
        }
        p = start;
      } else if (typeof v === 'number' && Number.isSafeInteger(v)) {
        p = writeInt(buf, p, v);
        continue;
      } else if (v instanceof Timestamp) {
        const ms = Math.floor(v.epochMs);
        const second = Math.floor(ms / 1000);
        if (second !== this.isoSecond || v.offsetMinutes !== this.isoOffset) this.newSecond(v, second);
        const iso = this.isoBytes;
        const at = p + this.isoMsAt;
        for (let j = 0; j < iso.length; j++) buf[p++] = iso[j] as number;
        const m = ms - second * 1000;
        buf[at] = 0x30 + Math.floor(m / 100);
        buf[at + 1] = 0x30 + (Math.floor(m / 10) % 10);
        buf[at + 2] = 0x30 + (m % 10);
        continue;
      }
      this.used = p;
      this.value(v, k);
      buf = this.buf;
      p = this.used;
    }
    if (p + 2 > buf.length) {
      this.used = p;
      this.room(2);
      buf = this.buf;
      p = this.used;
    }
    buf[p++] = 0x7d; // }
    buf[p++] = 0x0a;
    this.used = p;
    this.lines++;
  }

  /** A line made elsewhere (a header). */
  push(line: string): void {
    this.text(line);
    this.room(1);
    this.buf[this.used++] = 0x0a;
    this.lines++;
  }

  get full(): boolean {
    return this.done.length > 0;
  }

  get closed(): boolean {
    return this.target.closed;
  }

  async flush(): Promise<void> {
    if (this.target.closed) return;
    if (this.used > 0) {
      this.done.push(this.buf.subarray(0, this.used));
      // A new buffer: the target may still hold the old one (asynchronous writes).
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
      this.used = 0;
    }
    if (this.done.length === 0) return;
    this.written += this.lines;
    this.lines = 0;
    for (const chunk of this.done.splice(0)) await this.target.write(chunk);
  }

  private value(v: FieldValue, k: KeyBytes): void {
    if (typeof v === 'string') this.string(v, k);
    else if (typeof v === 'number') this.number(v);
    else if (v instanceof Timestamp) this.time(v);
    else if (v === null) this.copy(NULL);
    else if (typeof v === 'boolean') this.copy(v ? TRUE : FALSE);
    else this.text(this.nested.valueText(v));
  }

  /** Plain ASCII is copied as it is read (cheaper than a lookup); the rest is escaped once and cached. */
  private string(v: string, k: KeyBytes): void {
    const n = v.length;
    this.room(n + 2);
    const buf = this.buf;
    let p = this.used;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return this.escaped(v, k);
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.used = p;
  }

  private escaped(v: string, k: KeyBytes): void {
    const cache = k.strings;
    if (cache === undefined) return this.text(JSON.stringify(v));
    k.lookups++;
    let bytes = cache.get(v);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(v));
      if (k.lookups >= TRIAL && k.hits < TRIAL / 2) k.strings = undefined;
      else if (cache.size < MAX_CACHED) cache.set(v, bytes);
    } else k.hits++;
    this.copy(bytes);
  }

  private number(v: number): void {
    if (!Number.isFinite(v)) return this.copy(NULL);
    if (!Number.isSafeInteger(v)) return this.text(String(v));
    this.room(17);
    this.used = writeInt(this.buf, this.used, v);
  }

  /**
   * `"…T…:SS.mmm+HH:MM"`: the bytes of the last minute seen are kept; a new second in that minute rewrites
   * its two digits (offsets are whole minutes, so local seconds are UTC seconds).
   */
  private time(t: Timestamp): void {
    const ms = Math.floor(t.epochMs);
    const second = Math.floor(ms / 1000);
    if (second !== this.isoSecond || t.offsetMinutes !== this.isoOffset) this.newSecond(t, second);
    const bytes = this.isoBytes;
    this.room(bytes.length);
    const at = this.used + this.isoMsAt;
    this.copy(bytes);
    const m = ms - second * 1000;
    const buf = this.buf;
    buf[at] = 0x30 + Math.floor(m / 100);
    buf[at + 1] = 0x30 + (Math.floor(m / 10) % 10);
    buf[at + 2] = 0x30 + (m % 10);
  }

  private newSecond(t: Timestamp, second: number): void {
    const minute = Math.floor(second / 60);
    if (
      minute === Math.floor(this.isoSecond / 60) &&
      t.offsetMinutes === this.isoOffset &&
      Number.isInteger(t.offsetMinutes)
    ) {
      const s = second - minute * 60;
      this.isoBytes[this.isoMsAt - 3] = 0x30 + Math.floor(s / 10);
      this.isoBytes[this.isoMsAt - 2] = 0x30 + (s % 10);
    } else {
      const text = `"${this.iso.format(t)}"`;
      this.isoBytes = ascii(text);
      this.isoMsAt = text.lastIndexOf('.') + 1;
      this.isoOffset = t.offsetMinutes;
    }
    this.isoSecond = second;
  }

  private copy(bytes: Uint8Array): void {
    const n = bytes.length;
    this.room(n);
    const buf = this.buf;
    const p = this.used;
    if (n > 32) buf.set(bytes, p);
    else for (let i = 0; i < n; i++) buf[p + i] = bytes[i] as number;
    this.used = p + n;
  }

  private text(s: string): void {
    this.room(s.length * 3);
    this.used += this.buf.write(s, this.used, 'utf8');
  }

  /** Room for `n` more bytes: a full buffer is set aside for the next flush and a new one begun. */
  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    if (this.used > 0) this.done.push(this.buf.subarray(0, this.used));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.used = 0;
  }
}

/** A safe integer's digits at `p` (at most 17 bytes); returns the position after them. */
function writeInt(buf: Buffer, p: number, v: number): number {
  if (v < 0) {
    buf[p++] = 0x2d;
    v = -v;
  }
  // Digits right to left, then in place (String(-0) is "0", as here: -0 < 0 is false).
  const from = p;
  do {
    const q = Math.floor(v / 10);
    buf[p++] = 0x30 + (v - q * 10);
    v = q;
  } while (v > 0);
  for (let a = from, b = p - 1; a < b; a++, b--) {
    const t = buf[a] as number;
    buf[a] = buf[b] as number;
    buf[b] = t;
  }
  return p;
}
