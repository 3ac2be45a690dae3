/** Store URLs: `duckdb:///abs/path.duckdb`, `postgresql://user:pass@host:port/db`; nothing else. */
import { isAbsolute, resolve } from 'node:path';
import { redactUrl } from '../util/url';
import { StoreUrlError } from './errors';
import type { StoreLocation } from './types';

export const STORE_URLS_HELP =
  'use duckdb:///path/to/file.duckdb (embedded) or postgresql://user:password@host:port/database';

/**
 * Where `raw` points. Undefined or empty: the DuckDB file `defaultPath` (the caller's default, e.g. beside the
 * outputs). A relative DuckDB path (`duckdb://state.duckdb`) is taken from the current folder.
 */
export function parseStoreUrl(raw: string | undefined, defaultPath?: string): StoreLocation {
  const text = raw?.trim() ?? '';
  if (text === '') {
    if (defaultPath === undefined) throw new StoreUrlError(`no state store given: ${STORE_URLS_HELP}`);
    return { kind: 'duckdb', path: resolve(defaultPath) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'duckdb') {
    const path = decodeURIComponent(text.replace(/^duckdb:(\/\/)?/i, ''));
    if (path === '' || path === '/')
      throw new StoreUrlError(`store URL '${text}' names no file: ${STORE_URLS_HELP}`);
    return { kind: 'duckdb', path: isAbsolute(path) ? path : resolve(path) };
  }
  if (scheme === 'postgresql' || scheme === 'postgres') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new StoreUrlError(`store URL '${redactUrl(text)}' is not a URL: ${STORE_URLS_HELP}`);
    }
    if (url.pathname.replace(/^\//, '') === '')
      throw new StoreUrlError(`store URL '${redactUrl(url)}' names no database: ${STORE_URLS_HELP}`);
    return { kind: 'postgresql', url: text };
  }
  const what =
    scheme === undefined ? `'${redactUrl(text)}' is not a store URL` : `${scheme}: stores are not supported`;
  throw new StoreUrlError(`${what}; ${STORE_URLS_HELP}`);
}

/** The location as it may be printed. */
export function describeLocation(location: StoreLocation): string {
  return location.kind === 'duckdb' ? `duckdb://${location.path}` : redactUrl(location.url);
}
