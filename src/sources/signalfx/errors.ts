/** SignalFx's failures, in a module of their own so that error handling loads no HTTP client. */
export { SourceOptionError } from '../errors';

/** The request failed: the token was refused, retries ran out, the server answered with an error status. */
export class SignalFxError extends Error {}

/** The job ran and SignalFx stopped it: CHANNEL_ABORT or an `error` message. */
export class SignalFxJobError extends Error {}
