/** The Prometheus source's failures, in a module of their own so error handling loads no HTTP client. */

/** The server refused the query or the credentials, or retries ran out. */
export class PrometheusError extends Error {}
