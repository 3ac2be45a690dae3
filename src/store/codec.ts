/**
 * State payloads as stored: gzip (level 1: a 100,000-user state compresses several-fold in a fraction of
 * a second, on libuv's thread pool so a running simulation keeps going), cut into chunks of a few MiB so that
 * neither database handles one huge value.
 *
 * Codec 'gzip-parts' (written now): the state in up to PARTS pieces, each gzipped on its own, so that the
 * thread pool deflates and inflates them on all cores at once (a resume waits for the whole inflate). The
 * payload is a header (uint32 LE: the part count, then each part's compressed length) and the parts one
 * after another. Codec 'gzip' (one stream) is still read.
 */
import { promisify } from 'node:util';
import { constants, createGunzip, gunzip, gzip, gzipSync } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const CODEC = 'gzip-parts';
const SINGLE_CODEC = 'gzip';
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** As many as libuv's default thread pool: more would only queue. */
const PARTS = 4;
/** Below this a piece is not worth a part of its own: a small state stays one part. */
const MIN_PART_BYTES = 1 << 20;
const CUT_SHORT = 'a saved state does not match its own part lengths';

export async function encodeState(state: Uint8Array): Promise<Uint8Array[]> {
  const partBytes = Math.max(MIN_PART_BYTES, Math.ceil(state.length / PARTS));
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < state.length || pieces.length === 0; offset += partBytes)
    pieces.push(state.subarray(offset, offset + partBytes));
  const parts = await Promise.all(pieces.map((piece) => gzipAsync(piece, { level: constants.Z_BEST_SPEED })));
  return rows([header(parts), ...parts]);
}

/**
 * A state deflated as it is written, into the payload encodeState makes of it (codec 'gzip-parts'): the
 * writer holds one part's bytes (about a quarter of the size it was told to expect) and the compressed
 * parts, never the whole state. A state larger than expected takes more parts. Each part is deflated on
 * the calling thread when it fills: the caller need not keep what it wrote unchanged until a later callback.
 */
export class StateWriter {
  private readonly partBytes: number;
  private part: Buffer;
  private used = 0;
  private readonly parts: Buffer[] = [];
  /** bytes written so far */
  bytes = 0;

  constructor(expectedBytes: number) {
    this.partBytes = Math.max(MIN_PART_BYTES, Math.ceil(expectedBytes / PARTS));
    this.part = Buffer.allocUnsafe(this.partBytes);
  }

  /** Appends `text` as UTF-8. */
  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most pieces are known to fit without encoding them first.
    if (this.used + 3 * text.length <= this.partBytes) {
      const n = this.part.write(text, this.used);
      this.used += n;
      this.bytes += n;
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length;) {
      const n = bytes.copy(this.part, this.used, at);
      at += n;
      this.used += n;
      this.bytes += n;
      if (this.used === this.partBytes) this.deflate();
    }
  }

  /** The payload, in rows of CHUNK_BYTES; the writer is done. */
  end(): Uint8Array[] {
    if (this.used > 0 || this.parts.length === 0) this.deflate();
    this.part = Buffer.alloc(0);
    return rows([header(this.parts), ...this.parts]);
  }

  private deflate(): void {
    this.parts.push(gzipSync(this.part.subarray(0, this.used), { level: constants.Z_BEST_SPEED }));
    this.used = 0;
  }
}

/** The payload's head: the part count, then each part's compressed length (uint32 LE). */
function header(parts: readonly Buffer[]): Buffer {
  const head = Buffer.alloc(4 * (parts.length + 1));
  head.writeUInt32LE(parts.length, 0);
  parts.forEach((part, i) => head.writeUInt32LE(part.length, 4 * (i + 1)));
  return head;
}

/**
 * `pieces` one after another, cut into rows of CHUNK_BYTES: only a row that spans two pieces is copied,
 * not the whole payload joined first (tens of MB more at every checkpoint of a large state).
 */
function rows(pieces: readonly Buffer[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let row: Buffer[] = [];
  let size = 0;
  const close = (): void => {
    out.push(row.length === 1 ? (row[0] as Buffer) : Buffer.concat(row));
    row = [];
    size = 0;
  };
  for (const piece of pieces)
    for (let offset = 0; offset < piece.length;) {
      const take = Math.min(piece.length - offset, CHUNK_BYTES - size);
      row.push(piece.subarray(offset, offset + take));
      offset += take;
      size += take;
      if (size === CHUNK_BYTES) close();
    }
  if (size > 0) close();
  return out;
}

// Large output chunks: a 50 MB state inflates in fewer, bigger steps. A Buffer is returned as it is
// (a Uint8Array): copying it into a plain one cost time and the state's size in memory once more.
const inflate = (packed: Uint8Array): Promise<Buffer> => gunzipAsync(packed, { chunkSize: 1 << 20 });

export async function decodeState(codec: string, chunks: readonly Uint8Array[]): Promise<Uint8Array> {
  if (codec === SINGLE_CODEC)
    return inflate(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks));
  if (codec !== CODEC) throw new Error(`unknown state codec '${codec}'`);
  // The parts are read where they lie in the rows: joining the rows first copied the whole payload (~28 MB
  // at 100,000 users) before a byte was inflated.
  const rows = new Rows(chunks);
  if (rows.length < 4) throw new Error(CUT_SHORT);
  const count = rows.bytes(0, 4).readUInt32LE(0);
  if (rows.length < 4 * (count + 1)) throw new Error(CUT_SHORT);
  const header = rows.bytes(0, 4 * (count + 1));
  const parts: { start: number; end: number }[] = [];
  let offset = header.length;
  for (let i = 1; i <= count; i++) {
    const length = header.readUInt32LE(4 * i);
    parts.push({ start: offset, end: offset + length });
    offset += length;
  }
  if (offset !== rows.length || parts.some((part) => part.end - part.start < 18)) throw new Error(CUT_SHORT);
  // Each part inflates straight into its place in one buffer, sized from the parts' gzip trailers (ISIZE:
  // a part's length mod 2^32; a part is far smaller), not into a buffer of its own joined after: that join
  // held the 100,000-user state three times at once and raised the resume's peak by ~80 MB.
  const sizes = parts.map((part) => rows.bytes(part.end - 4, part.end).readUInt32LE(0));
  const state = Buffer.allocUnsafe(sizes.reduce((sum, size) => sum + size, 0));
  let at = 0;
  await Promise.all(
    parts.map((part, i) => {
      const start = at;
      at += sizes[i] as number;
      return inflateInto(rows.pieces(part.start, part.end), state.subarray(start, at));
    }),
  );
  return state;
}

/** The stored rows as one run of bytes, read in place. */
class Rows {
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(private readonly rows: readonly Uint8Array[]) {
    let length = 0;
    for (const row of rows) {
      this.starts.push(length);
      length += row.length;
    }
    this.length = length;
  }

  /** The rows' pieces that make bytes [start, end), as views. */
  pieces(start: number, end: number): Buffer[] {
    const out: Buffer[] = [];
    this.rows.forEach((row, i) => {
      const rowStart = this.starts[i] as number;
      const from = Math.max(start, rowStart);
      const to = Math.min(end, rowStart + row.length);
      if (from < to) out.push(Buffer.from(row.buffer, row.byteOffset + from - rowStart, to - from));
    });
    return out;
  }

  /** Bytes [start, end) in one buffer (a copy only when they span two rows). */
  bytes(start: number, end: number): Buffer {
    const pieces = this.pieces(start, end);
    return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
  }
}

/** Inflates `part` (its pieces in order) into `place`, which must be exactly its inflated size. */
function inflateInto(part: readonly Buffer[], place: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = createGunzip({ chunkSize: 1 << 20 });
    let at = 0;
    stream.on('data', (piece: Buffer) => {
      if (at + piece.length > place.length) stream.destroy(new Error(CUT_SHORT));
      else at += piece.copy(place, at);
    });
    stream.on('error', reject);
    stream.on('end', () => (at === place.length ? resolve() : reject(new Error(CUT_SHORT))));
    for (const piece of part) stream.write(piece);
    stream.end();
  });
}
