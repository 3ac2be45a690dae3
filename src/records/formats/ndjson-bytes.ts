/**
 * JSON lines written as bytes, straight from a record's values (one array per emitter, in dimension order,
 * undefined = missing) into large buffers: no record object, no line string, no UTF-8 encoding call per
 * record. The bytes are exactly what NdjsonFormat prints for the same record (tests compare them): keys in
 * order, missing keys left out, times ISO 8601 with milliseconds and offset, non-finite numbers as null.
 * Short plain ASCII text is copied byte by byte; long strings that repeat (enum values), and anything that
 * JSON escapes or that is not ASCII, are encoded once per key and copied from a cache while they repeat;
 * nested values go through NdjsonFormat and Buffer.write.
 */
import {
  ByteChunks,
  type ByteTarget,
  latin1,
  LITTLE_ENDIAN,
  putWords,
  type ValuesBytes,
  type Words,
  wordsOf,
} from './byte-chunks';
import { writeInt } from '../../util/digits';
import { IsoFormatter } from './iso';
import { NdjsonFormat } from './ndjson';
import { RepeatCache } from './repeat-cache';
import { type EmitterSchema, type FieldValue, Timestamp } from './types';

/**
 * Room per field, past its key, for every value written in place (a short string, an integer, a time);
 * a record makes room for all its fields at once, so the loop checks no room per field.
 */
const VALUE_ROOM = 128;
/**
 * Strings from this length on are looked up in the key's cache before being copied: a repeated long value
 * (a user agent, a URL from an enum) is one hash lookup and a block copy instead of a check per character.
 */
const LONG_STRING = 24;
/** Longer strings are not cached (the cache would hold too much); they go through value(). */
const MAX_CACHED_LENGTH = 1024;

interface KeyBytes {
  /** `"name":` */
  readonly key: Words;
  /** `,"name":` */
  readonly nextKey: Words;
  /** text value -> its JSON bytes, while they keep repeating (enum values do). */
  readonly strings: RepeatCache<Words>;
}

/** A string's JSON text as words (for the cache). */
const jsonWords = (v: string): Words => wordsOf(Buffer.from(JSON.stringify(v)));

/** Keys up to this many words are padded to it and written without a loop (see write()). */
const SHORT_KEY_WORDS = 5;

/** A key's words, padded to SHORT_KEY_WORDS if shorter (the padding is overwritten by the value). */
function keyWords(text: string): Words {
  const bytes = Buffer.from(text);
  const padded = new Uint8Array(Math.max(bytes.length, SHORT_KEY_WORDS * 4));
  padded.set(bytes);
  const w = wordsOf(padded);
  return { bytes: w.bytes, words: w.words, length: bytes.length };
}

const NULL = latin1('null');
/** `null` as one 32-bit word, in the byte order putWords writes. */
const NULL_WORD = (wordsOf(NULL).words[0] as number) >>> 0;
const TRUE = latin1('true');
const FALSE = latin1('false');

export class NdjsonBytes extends ByteChunks implements ValuesBytes {
  private readonly emitters: { readonly keys: KeyBytes[]; readonly room: number }[];
  private readonly nested = new NdjsonFormat();
  private readonly isoFormat = new IsoFormatter();
  /** The last time's bytes (`"2024-...T00:00:01.500+00:00"`) and where its milliseconds start. */
  private iso: Words = wordsOf(new Uint8Array(0));
  private isoMsAt = 0;
  private isoSecond = NaN;
  private isoOffset = NaN;
  /** The local hour (hours since the epoch, offset applied) `iso` is in. */
  private isoHour = NaN;

  constructor(schemas: readonly EmitterSchema[], target: ByteTarget) {
    super(target);
    this.emitters = schemas.map((s) => {
      const keys = s.fields.map((f) => ({
        key: keyWords(`${JSON.stringify(f.name)}:`),
        nextKey: keyWords(`,${JSON.stringify(f.name)}:`),
        strings: new RepeatCache<Words>(),
      }));
      // Braces, newline, and per field its key (words may write 3 bytes past it) and an in-place value.
      return { keys, room: 3 + keys.reduce((n, k) => n + k.nextKey.length + 3 + VALUE_ROOM, 0) };
    });
  }

  /**
   * One record: `values[i]` is field i of emitter `emitter`'s schema (undefined: missing). The common values
   * (short plain strings, cached long strings, safe integers, nulls, times) are written here with the write
   * position in a local; the rest go through value(), which makes its own room.
   */
  write(values: readonly (FieldValue | undefined)[], emitter: number): void {
    const { keys, room } = this.emitters[emitter] as { keys: KeyBytes[]; room: number };
    this.room(room);
    let buf = this.buf;
    let view = this.view;
    let p = this.used;
    buf[p++] = 0x7b; // {
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      const k = keys[i] as KeyBytes;
      const key = first ? k.key : k.nextKey;
      first = false;
      const kw = key.words;
      if (kw.length === SHORT_KEY_WORDS) {
        // Short keys (most are) as five words, whatever their length: no loop to mispredict.
        view.setUint32(p, kw[0] as number, LITTLE_ENDIAN);
        view.setUint32(p + 4, kw[1] as number, LITTLE_ENDIAN);
        view.setUint32(p + 8, kw[2] as number, LITTLE_ENDIAN);
        view.setUint32(p + 12, kw[3] as number, LITTLE_ENDIAN);
        view.setUint32(p + 16, kw[4] as number, LITTLE_ENDIAN);
        p += key.length;
      } else p = putWords(view, p, key);
      if (typeof v === 'string' && v.length < LONG_STRING) {
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
      } else if (typeof v === 'string') {
        // A long value seen before (an enum's URL): its cached words, copied in place.
        const w = k.strings.find(v);
        if (w !== undefined && w.length <= VALUE_ROOM) {
          k.strings.hit();
          p = putWords(view, p, w);
          continue;
        }
      } else if (typeof v === 'number' && Number.isSafeInteger(v)) {
        p = writeInt(buf, p, v);
        continue;
      } else if (v === null) {
        // Missing-by-value fields (a state that sets no value) are common: no trip through value().
        view.setUint32(p, NULL_WORD, LITTLE_ENDIAN);
        p += 4;
        continue;
      } else if (v instanceof Timestamp) {
        const ms = Math.floor(v.epochMs);
        const second = Math.floor(ms / 1000);
        if (second !== this.isoSecond || v.offsetMinutes !== this.isoOffset) this.newSecond(v, second);
        const at = p + this.isoMsAt;
        p = putWords(view, p, this.iso);
        const m = ms - second * 1000;
        buf[at] = 0x30 + Math.floor(m / 100);
        buf[at + 1] = 0x30 + (Math.floor(m / 10) % 10);
        buf[at + 2] = 0x30 + (m % 10);
        continue;
      }
      this.used = p;
      this.value(v, k);
      // value() made room for itself only, perhaps in a new chunk: room again for the fields left.
      this.room(room);
      buf = this.buf;
      view = this.view;
      p = this.used;
    }
    buf[p++] = 0x7d; // }
    buf[p++] = 0x0a;
    this.used = p;
    this.lines++;
  }

  private value(v: FieldValue, k: KeyBytes): void {
    if (typeof v === 'string') this.string(v, k);
    else if (typeof v === 'number') this.number(v);
    else if (v instanceof Timestamp) this.time(v);
    else if (v === null) this.copy(NULL);
    else if (typeof v === 'boolean') this.copy(v ? TRUE : FALSE);
    else this.text(this.nested.valueText(v));
  }

  /**
   * Long strings are looked up first (repeated ones are copied whole); short plain ASCII is copied as it is
   * read (cheaper than a lookup); the rest is escaped once and cached.
   */
  private string(v: string, k: KeyBytes): void {
    const n = v.length;
    if (n >= LONG_STRING && n <= MAX_CACHED_LENGTH && k.strings.active) return this.cached(v, k);
    this.room(n + 2);
    const buf = this.buf;
    let p = this.used;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return this.cached(v, k);
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    this.used = p;
  }

  /** A string's JSON bytes through the key's cache: made once, copied from then on. */
  private cached(v: string, k: KeyBytes): void {
    const words = k.strings.through(v, jsonWords);
    if (words === undefined) return this.text(JSON.stringify(v));
    this.room(words.length + 3);
    this.used = putWords(this.view, this.used, words);
  }

  private number(v: number): void {
    if (!Number.isFinite(v)) return this.copy(NULL);
    if (!Number.isSafeInteger(v)) return this.text(String(v));
    this.room(17);
    this.used = writeInt(this.buf, this.used, v);
  }

  /**
   * `"…T…:MM:SS.mmm+HH:MM"`: the bytes of the last hour seen are kept; a new second in that hour rewrites
   * its minute and second digits (see newSecond).
   */
  private time(t: Timestamp): void {
    const ms = Math.floor(t.epochMs);
    const second = Math.floor(ms / 1000);
    if (second !== this.isoSecond || t.offsetMinutes !== this.isoOffset) this.newSecond(t, second);
    const iso = this.iso;
    this.room(iso.length + 3);
    const at = this.used + this.isoMsAt;
    this.used = putWords(this.view, this.used, iso);
    const m = ms - second * 1000;
    const buf = this.buf;
    buf[at] = 0x30 + Math.floor(m / 100);
    buf[at + 1] = 0x30 + (Math.floor(m / 10) % 10);
    buf[at + 2] = 0x30 + (m % 10);
  }

  private newSecond(t: Timestamp, second: number): void {
    const offset = t.offsetMinutes;
    // Local seconds: offsets are whole minutes, so a local hour holds the same 3,600 seconds as UTC's.
    const local = second + offset * 60;
    const hour = Math.floor(local / 3600);
    if (hour === this.isoHour && offset === this.isoOffset && Number.isInteger(offset)) {
      // The same local hour: only the minute and second digits change (formatting the whole text once a
      // minute, ~800 times in a 200,000-record run, cost more than the rest of the time stamps).
      const inHour = local - hour * 3600;
      const m = Math.floor(inHour / 60);
      const s = inHour - m * 60;
      // The words share the bytes: they change too.
      const bytes = this.iso.bytes;
      const at = this.isoMsAt;
      bytes[at - 6] = 0x30 + Math.floor(m / 10);
      bytes[at - 5] = 0x30 + (m % 10);
      bytes[at - 3] = 0x30 + Math.floor(s / 10);
      bytes[at - 2] = 0x30 + (s % 10);
    } else {
      const text = `"${this.isoFormat.format(t)}"`;
      this.iso = wordsOf(latin1(text));
      this.isoMsAt = text.lastIndexOf('.') + 1;
      this.isoOffset = offset;
      this.isoHour = hour;
    }
    this.isoSecond = second;
  }
}
