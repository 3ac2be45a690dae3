/**
 * The record sinks. Factories (implemented in this folder):
 * - `stdoutSink()`: lines to stdout; a reader that goes away (EPIPE) ends it quietly (`closed`).
 * - `openFileSink(options)`: append-only file(s) with rotation and committed positions; `.gz` not resumable.
 * - `httpSink(options)`: POST batches with retries and backoff, at least once.
 * - `checkpoint(outputs, save)` / `resumeOutputs(outputs, saved)`: outputs and state move together.
 */
export * from './types';
export { SinkError } from './errors';
export { openFileSink, FileSink } from './file';
export { stdoutSink } from './stdout';
export { httpSink } from './http';
export { checkpoint, resumeOutputs, parsePosition, type Outputs, type Positions } from './checkpoint';
