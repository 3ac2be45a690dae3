/** Bad telemetry input (a table, an inventory, a measurements file, a flag): one line, exit 2. */
export class TelemetryError extends Error {
  override readonly name = 'TelemetryError';
}

/** Existing files would be replaced and nobody said yes: nothing was written (exit 1). */
export class TelemetryDeclined extends Error {
  override readonly name = 'TelemetryDeclined';
}
