/**
 * The store's errors, each one line that names the URL without its password. Bad URLs and databases holding
 * another schema are bad input (exit 2); a server that cannot be reached or fails is a failure (exit 1).
 */

/** A store URL we cannot use (`sqlite:///…`, a typo): says which URLs work. */
export class StoreUrlError extends Error {
  override readonly name = 'StoreUrlError';
}

/** The database holds tables of another program, or a schema version newer than this clusterman knows. */
export class StoreSchemaError extends Error {
  override readonly name = 'StoreSchemaError';
}

/** The database cannot be reached, refused us, or failed (a locked DuckDB file, a server that is down). */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
}
