/** gunzipWhole: what zlib's gunzip gives, in one buffer, for every shape of input. */
import { gunzipSync, gzipSync } from 'node:zlib';
import { gunzipWhole } from '../../src/metrics/gunzip';

describe('gunzipWhole', () => {
  it('reads several members one after another, as the writer makes them', async () => {
    const parts = ['{"metadata":', '{"k": [[1, 2]]}', '}'].map((s) => gzipSync(s));
    expect((await gunzipWhole(Buffer.concat(parts))).toString()).toBe('{"metadata":{"k": [[1, 2]]}}');
  });

  it('grows past its guess when the data compresses far better than text', async () => {
    const text = Buffer.alloc(3_000_000, 'a');
    const raw = gzipSync(text);
    expect(raw.length * 16).toBeLessThan(text.length);
    const out = await gunzipWhole(raw);
    expect(out.equals(text)).toBe(true);
    expect(out.equals(gunzipSync(raw))).toBe(true);
  });

  it('fails as zlib does on corrupt and truncated data', async () => {
    const whole = gzipSync('{"a": 1}');
    await expect(gunzipWhole(whole.subarray(0, 12))).rejects.toThrow('unexpected end of file');
    await expect(gunzipWhole(Buffer.from('\x1f\x8bgarbage', 'latin1'))).rejects.toThrow(
      'unknown compression method',
    );
  });
});
