/** The line that tells what a datastore write did, the same for every command that writes there. */
import type { DatastoreWriteResult } from '../datastore/write';

/** "Sent 240 points to http://vm:8428 (12 already there), replacing 1 series." over one or more writes. */
export function sentLine(writes: readonly DatastoreWriteResult[]): string {
  const sent = writes.reduce((n, w) => n + w.sent, 0);
  const unchanged = writes.reduce((n, w) => n + w.unchanged, 0);
  const replaced = writes.reduce((n, w) => n + w.replaced.length, 0);
  const where = writes[0]?.where ?? '';
  const already = unchanged > 0 ? ` (${unchanged} already there)` : '';
  const replacing = replaced > 0 ? `, replacing ${replaced} series` : '';
  return `Sent ${sent} points to ${where}${already}${replacing}.`;
}
