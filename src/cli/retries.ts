/** How a command shows retries: each one a line on stderr, none with --quiet. */
import type { RetryOptions } from '../util/http';

/** Erases the terminal line: a progress bar half-drawn on it gives way, and redraws below. */
const ERASE_LINE = '\r\x1b[2K';

/**
 * CLUSTERMAN_RETRY_BACKOFF_MS sets the first backoff (500 ms by default): tests make it small so that a
 * server that is not there fails in a moment.
 */
export function retryOptions(
  quiet: boolean,
  stderr: (text: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  terminal: boolean = process.stderr.isTTY === true,
): RetryOptions {
  const raw = env.CLUSTERMAN_RETRY_BACKOFF_MS;
  const backoffMs = raw === undefined || raw.trim() === '' ? undefined : Number(raw);
  const start = terminal ? ERASE_LINE : '';
  return {
    ...(!quiet && { onRetry: (line: string) => stderr(`${start}${line}\n`) }),
    ...(backoffMs !== undefined && Number.isFinite(backoffMs) && backoffMs >= 0 && { backoffMs }),
  };
}
