/** Sink errors: one line naming the output (a path, a URL without credentials). */

/** An output cannot be written, delivered, or cut back to a saved position (exit 1). */
export class SinkError extends Error {
  override readonly name = 'SinkError';
}
