import { putWords, wordsOf } from '../../../src/records/formats/byte-chunks';
import { NdjsonBytes } from '../../../src/records/formats/ndjson-bytes';

describe('words', () => {
  it('copies fixed bytes of every length, and follows changes to their bytes', () => {
    for (let n = 0; n <= 13; n++) {
      const text = 'ké"y:0123456789'.slice(0, n);
      const w = wordsOf(Buffer.from(text));
      const buf = Buffer.alloc(40, 0x2e);
      const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
      const end = putWords(view, 5, w);
      expect(buf.subarray(5, end).toString()).toBe(text);
      if (w.length > 0) {
        w.bytes[0] = 0x5a;
        putWords(view, 5, w);
        expect(buf[5]).toBe(0x5a);
      }
    }
  });
});

describe('ByteChunks', () => {
  it('hands over chunks with the count of the lines each ends, lines split across chunks too', async () => {
    const chunks: [Buffer, number][] = [];
    const out = new NdjsonBytes([{ name: 'e', fields: [{ name: 's', kind: 'string' }] }], {
      closed: false,
      write: (chunk, lines) => void chunks.push([Buffer.from(chunk), lines]),
    });
    for (let i = 0; i < 5000; i++) {
      out.write(['x'.repeat(i % 97 === 0 ? 40_000 : i % 300)], 0);
      if (i % 1000 === 999) await out.flush();
    }
    out.push('last');
    await out.flush();
    expect(chunks.length).toBeGreaterThan(10);
    for (const [chunk, lines] of chunks) expect(lines).toBe(chunk.toString().split('\n').length - 1);
    expect(chunks.reduce((n, [, lines]) => n + lines, 0)).toBe(5001);
    expect(out.written).toBe(5001);
  });
});
