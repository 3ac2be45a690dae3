/** HTTP helpers shared by the sources and the datastore: which failures are worth another try, how long to
 * wait before it, and a short excerpt of an error reply. */
import { isAxiosError } from 'axios';
import type { Readable } from 'node:stream';
import { networkWords } from './network-words';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Why a request may be tried again (429, 5xx, a network error), or undefined when it may not. */
export function retryReason(status: number | undefined, code: string | undefined): string | undefined {
  if (status === 429) return 'HTTP 429 (rate limited)';
  if (status !== undefined && status >= 500) return `HTTP ${status}`;
  if (status === undefined && code !== undefined) return code;
  return undefined;
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, so clients spread out. */
function backoffMs(attempt: number, baseMs: number): number {
  return Math.random() * baseMs * 2 ** attempt;
}

/** Who was being reached, for messages: a service name and its URL (already without credentials). */
export interface Peer {
  readonly service: string;
  readonly where: string;
}

/** The last network failure as a sentence that says what to check. */
export function unreachable(code: string, peer: Peer): string {
  const { service, where } = peer;
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused: is ${service} listening at ${where}?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: is the host name in ${where} right?`;
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return `timed out reaching ${service} at ${where}: is the address right, and no firewall in the way?`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${service} at ${where} closed the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where}: is the network (or VPN) up?`;
    default:
      return `cannot reach ${service} at ${where} (${code})`;
  }
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
  /** Told before each wait: "retrying in 1.6 s (attempt 2/6): connection refused". */
  readonly onRetry?: (line: string) => void;
  /** Who is reached: a give-up after a network failure is then worded for people. */
  readonly peer?: Peer;
}

/** What a command passes down to show retries: a line sink (quiet: none) and, for tests, a shorter backoff. */
export interface RetryOptions {
  readonly onRetry?: (line: string) => void;
  readonly backoffMs?: number;
}

/** One try's outcome: a value, or why another try may help (and how long the peer asked us to wait). */
export type Attempt<T> = { readonly value: T } | { readonly retry: string; readonly afterMs?: number };

/** A failure of the connection rather than of our code: an axios error, or a system error with its code. */
function isNetworkError(err: unknown): boolean {
  return isAxiosError(err) || typeof (err as { code?: unknown } | null)?.code === 'string';
}

/**
 * Calls `attempt` until it gives a value. A reason to retry, or a network error thrown by it, waits with
 * backoff and tries again, up to maxRetries, telling `onRetry` each time; then `giveUp` gets the last reason
 * (worded for people when it was a network failure and the peer is known), the tries made ("3 tries"), and
 * whether it was a network failure. Any other error stands at once.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<Attempt<T>>,
  giveUp: (why: string, tried: string, network: boolean) => Error,
): Promise<T> {
  for (let n = 0; ; n++) {
    let why: string;
    let code: string | undefined;
    let asked: number | undefined;
    try {
      const outcome = await attempt();
      if ('value' in outcome) return outcome.value;
      why = outcome.retry;
      asked = outcome.afterMs;
    } catch (err) {
      if (!isNetworkError(err)) throw err;
      code = networkCode(err);
      why = networkWords(code);
    }
    if (n >= policy.maxRetries) {
      const worded = code !== undefined && policy.peer ? unreachable(code, policy.peer) : why;
      throw giveUp(worded, tries(n + 1), code !== undefined);
    }
    // A peer's own Retry-After beats our guess.
    const wait = asked ?? backoffMs(n, policy.backoffMs);
    const label = policy.peer ? `${policy.peer.service}: ` : '';
    policy.onRetry?.(
      `${label}retrying in ${(wait / 1000).toFixed(1)} s (attempt ${n + 2}/${policy.maxRetries + 1}): ${why}`,
    );
    await sleep(wait);
  }
}
