/** Failures shared by every backfill source, in a module of their own so error handling loads no HTTP client. */

/** A bad `-o name=value` source option. */
export class SourceOptionError extends Error {}
