/**
 * State payloads as stored: gzip (level 1: a 100,000-user state compresses several-fold in a fraction of
 * a second, on libuv's thread pool so a running simulation keeps going), cut into chunks of a few MiB so that
 * neither database handles one huge value.
 */
import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const CODEC = 'gzip';
export const CHUNK_BYTES = 4 * 1024 * 1024;

export async function encodeState(state: Uint8Array): Promise<Uint8Array[]> {
  const packed = await gzipAsync(state, { level: constants.Z_BEST_SPEED });
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < packed.length || chunks.length === 0; offset += CHUNK_BYTES)
    chunks.push(packed.subarray(offset, offset + CHUNK_BYTES));
  return chunks;
}

export async function decodeState(codec: string, chunks: readonly Uint8Array[]): Promise<Uint8Array> {
  if (codec !== CODEC) throw new Error(`unknown state codec '${codec}'`);
  const packed = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  // Large output chunks: a 50 MB state inflates in fewer, bigger steps. The Buffer is returned as it is
  // (a Uint8Array): copying it into a plain one cost time and the state's size in memory once more.
  return gunzipAsync(packed as Uint8Array, { chunkSize: 1 << 20 });
}
