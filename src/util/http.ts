/** HTTP helpers shared by the sources and the datastore: which failures are worth another try, how long to
 * wait before it, and a short excerpt of an error reply. */
import { isAxiosError } from 'axios';
import type { Readable } from 'node:stream';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Why a request may be tried again (429, 5xx, a network error), or undefined when it may not. */
export function retryReason(status: number | undefined, code: string | undefined): string | undefined {
  if (status === 429) return 'HTTP 429 (rate limited)';
  if (status !== undefined && status >= 500) return `HTTP ${status}`;
  if (status === undefined && code !== undefined) return code;
  return undefined;
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, so clients spread out. */
function backoff(attempt: number, baseMs: number): Promise<void> {
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
const tries = (n: number): string => (n === 1 ? '1 try' : `${n} tries`);

export interface RetryPolicy {
  readonly maxRetries: number;
  /** First backoff, doubled per retry (tests make it small). */
  readonly backoffMs: number;
}

/** One try's outcome: a value, or why another try may help. */
export type Attempt<T> = { readonly value: T } | { readonly retry: string };

/** A failure of the connection rather than of our code: an axios error, or a system error with its code. */
function isNetworkError(err: unknown): boolean {
  return isAxiosError(err) || typeof (err as { code?: unknown } | null)?.code === 'string';
}

/**
 * Calls `attempt` until it gives a value. A reason to retry, or a network error thrown by it, waits with
 * backoff and tries again, up to maxRetries; then `giveUp` gets the last reason and the tries made
 * ("3 tries"). Any other error stands at once.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<Attempt<T>>,
  giveUp: (why: string, tried: string) => Error,
): Promise<T> {
  for (let n = 0; ; n++) {
    let why: string;
    try {
      const outcome = await attempt();
      if ('value' in outcome) return outcome.value;
      why = outcome.retry;
    } catch (err) {
      if (!isNetworkError(err)) throw err;
      why = networkCode(err);
    }
    if (n >= policy.maxRetries) throw giveUp(why, tries(n + 1));
    await backoff(n, policy.backoffMs);
  }
}
