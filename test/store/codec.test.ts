import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { CHUNK_BYTES, CODEC, decodeState, encodeState, StateWriter } from '../../src/store/codec';

const cut = (bytes: Uint8Array, size: number): Uint8Array[] => {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size)
    chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
};

describe('state codec', () => {
  it('round-trips states of no bytes, a few bytes and several parts, byte for byte', async () => {
    // Text that compresses well beside random bytes: the parts of a large state are inflated apart.
    const text = Buffer.from('{"users":[["a","b",1,2]]}'.repeat(400_000));
    for (const state of [new Uint8Array(0), Buffer.from('small'), text, randomBytes(9 * 1024 * 1024)]) {
      const chunks = await encodeState(state);
      // Rows of CHUNK_BYTES, the last one shorter: no more rows than the payload needs.
      expect(chunks.slice(0, -1).every((chunk) => chunk.length === CHUNK_BYTES)).toBe(true);
      expect(chunks.at(-1)!.length).toBeGreaterThan(0);
      expect(chunks.at(-1)!.length).toBeLessThanOrEqual(CHUNK_BYTES);
      const decoded = await decodeState(CODEC, chunks);
      expect(Buffer.compare(Buffer.from(decoded), Buffer.from(state))).toBe(0);
    }
  });

  it('reads back a state written piece by piece as the same bytes, whatever size was expected', async () => {
    // Pieces of every length, with characters of two and three UTF-8 bytes that parts may cut through.
    const pieces: string[] = [];
    for (let i = 0; pieces.join('').length < 3_000_000; i++)
      pieces.push(`{"n":${i},"é€":"${'x'.repeat(i % 9000)}"}`);
    const whole = Buffer.from(pieces.join(''), 'utf8');
    for (const expected of [0, whole.length, 10 * whole.length]) {
      const writer = new StateWriter(expected);
      for (const piece of pieces) writer.write(piece);
      expect(writer.bytes).toBe(whole.length);
      const chunks = writer.end();
      expect(chunks.slice(0, -1).every((chunk) => chunk.length === CHUNK_BYTES)).toBe(true);
      const decoded = await decodeState(CODEC, chunks);
      expect(Buffer.compare(Buffer.from(decoded), whole)).toBe(0);
    }
    // Nothing written: an empty state, as encodeState stores it.
    expect(Buffer.from(await decodeState(CODEC, new StateWriter(0).end())).length).toBe(0);
  });

  it('still reads a state stored as one gzip stream under the codec name gzip', async () => {
    const state = randomBytes(5 * 1024 * 1024);
    const decoded = await decodeState('gzip', cut(gzipSync(state), CHUNK_BYTES));
    expect(Buffer.compare(Buffer.from(decoded), state)).toBe(0);
  });

  it('refuses a codec it does not know, and a payload cut short', async () => {
    await expect(decodeState('zstd', [Buffer.from('x')])).rejects.toThrow("unknown state codec 'zstd'");
    const chunks = await encodeState(Buffer.from('a state'));
    const whole = Buffer.concat(chunks);
    await expect(decodeState(CODEC, [whole.subarray(0, whole.length - 3)])).rejects.toThrow();
  });
});
