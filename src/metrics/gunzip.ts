/**
 * Un-gzips into one buffer sized up front. zlib's own gunzip gathers chunks and then concatenates them, so
 * that a 57 MB year of minutes briefly takes twice that; here each chunk is copied into a buffer allocated
 * large (pages never written are never taken from the system) and grown only if the guess was short.
 */
import { createGunzip } from 'node:zlib';

/** Text metrics compress about 5 to 10 times; a guess beyond that costs address space, not memory. */
const GUESS_RATIO = 16;
/** The guess never asks for more address space than this at once (beyond it, the buffer grows). */
const MAX_GUESS = 1 << 30;

export function gunzipWhole(raw: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let out = Buffer.allocUnsafe(Math.min(Math.max(raw.length * GUESS_RATIO, 1 << 16), MAX_GUESS));
    let length = 0;
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    gunzip.on('data', (chunk: Buffer) => {
      try {
        if (length + chunk.length > out.length) {
          const wider = Buffer.allocUnsafe(Math.max(out.length * 2, length + chunk.length));
          out.copy(wider, 0, 0, length);
          out = wider;
        }
      } catch (err) {
        // Out of memory or past the largest buffer: refused like zlib's own gunzip would be.
        gunzip.destroy(err as Error);
        return;
      }
      chunk.copy(out, length);
      length += chunk.length;
    });
    gunzip.on('error', reject);
    gunzip.on('end', () => resolve(out.subarray(0, length)));
    gunzip.end(raw);
  });
}
