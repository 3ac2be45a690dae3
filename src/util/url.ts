/** Base URLs of servers we talk to: checked once, and shown without any credentials they carry. */

export class BaseUrlError extends Error {}

/** An http(s) base URL without a trailing slash; `what` names the flag or option in the error. */
export function baseUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BaseUrlError(`${what}: '${redactUrl(raw)}' is not a URL (expected http://host:port[/path])`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BaseUrlError(`${what}: '${redactUrl(raw)}' is not an http or https URL`);
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** `base` + `path`, keeping the base's own path (a cluster's /select/0/prometheus). */
export function endpoint(base: URL, path: string): string {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  url.username = '';
  url.password = '';
  return url.href;
}

/** The URL as it may be printed: user and password replaced. */
export function redactUrl(raw: string | URL): string {
  try {
    const url = new URL(String(raw));
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    return url.href.replace(/\/$/, '');
  } catch {
    return String(raw).replace(/\/\/[^/@]*@/, '//***@');
  }
}

/** Basic-auth credentials carried in a base URL, for axios's `auth`. */
export function urlAuth(url: URL): { username: string; password: string } | undefined {
  if (!url.username && !url.password) return undefined;
  return { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
}
