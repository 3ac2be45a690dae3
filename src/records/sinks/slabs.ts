/**
 * Byte batches' buffers, shared by the generators that format into them and the background writer that
 * writes them: a batch handed over for good is written from where it was formatted (no copy), and its buffer
 * comes back here for the next batch. A new buffer per batch would be memory outside the JS heap that lingers
 * until a full collection, at ~100 batches a second.
 */

/** A batch of 1 MiB and the line that crossed it (users/output.ts formats into 1 MiB + 64 KiB). */
export const SLAB_BYTES = 1088 * 1024;
/** Free slabs kept for the whole process (the ones being filled or written are not here). */
const KEPT = 2;

const free: Buffer[] = [];

/** A buffer of at least `size` bytes: a kept slab when one fits, else new memory of its own. */
export function takeSlab(size: number): Buffer {
  if (size <= SLAB_BYTES) {
    const slab = free.pop();
    if (slab !== undefined) return slab;
  }
  // Its own memory, not a slice of Node's shared pool (a slice would keep the whole pool alive).
  return Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, size));
}

/**
 * A buffer nobody uses any more: kept when it is a whole slab (`bytes` starts it and spans its memory) and
 * fewer than KEPT are free; anything else is left to the collector.
 */
export function giveBackSlab(bytes: Uint8Array): void {
  if (bytes.byteOffset !== 0 || bytes.buffer.byteLength !== SLAB_BYTES || free.length >= KEPT) return;
  free.push(Buffer.from(bytes.buffer, 0, SLAB_BYTES));
}
