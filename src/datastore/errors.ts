/** The datastore's failures, in a module of their own so that error handling loads no HTTP client. */

/** VictoriaMetrics refused a request, or retries ran out. */
export class DatastoreError extends Error {}

/** A series that cannot be stored as labels (a reserved or empty dimension). */
export class DatastoreKeyError extends Error {}

/** The user declined to replace points the datastore already holds: nothing was written to it. */
export class DatastoreDeclined extends Error {}
