/** HTTP helpers shared by the sources and the datastore: which failures are worth another try, how long to
 * wait before it, and a short excerpt of an error reply. */
import type { Readable } from 'node:stream';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Why a request may be tried again (429, 5xx, a network error), or undefined when it may not. */
export function retryReason(status: number | undefined, code: string | undefined): string | undefined {
  if (status === 429) return 'HTTP 429 (rate limited)';
  if (status !== undefined && status >= 500) return `HTTP ${status}`;
  if (status === undefined && code !== undefined) return code;
  return undefined;
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, so clients spread out. */
export function backoff(attempt: number, baseMs: number): Promise<void> {
  return sleep(Math.random() * baseMs * 2 ** attempt);
}

/** An axios failure's network code, for retryReason. */
export function networkCode(err: unknown): string {
  return (err as { code?: string }).code ?? 'network error';
}

/** The first ~2,000 characters of a reply body, for an error message; the rest is not read. */
export async function readSmall(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.length > 2000) break;
  }
  stream.destroy();
  return text.slice(0, 2000).trim();
}

/** "1 try", "3 tries". */
export const tries = (n: number): string => (n === 1 ? '1 try' : `${n} tries`);
