/** What a command does with retry lines: stderr unless --quiet, a half-drawn bar erased on a terminal. */
import { retryOptions } from '../../src/cli/retries';

const LINE = 'Prometheus: retrying in 1.6 s (attempt 2/6): connection refused';

describe('retryOptions', () => {
  it('piped: each retry is a line on stderr', () => {
    const out: string[] = [];
    retryOptions(false, (t) => out.push(t), {}, false).onRetry?.(LINE);
    expect(out).toEqual([`${LINE}\n`]);
  });

  it('on a terminal: the line a progress bar may be drawn on is erased first', () => {
    const out: string[] = [];
    retryOptions(false, (t) => out.push(t), {}, true).onRetry?.(LINE);
    expect(out).toEqual([`\r\x1b[2K${LINE}\n`]);
  });

  it('--quiet: no retry lines', () => {
    expect(retryOptions(true, () => undefined, {}, true).onRetry).toBeUndefined();
  });

  it('CLUSTERMAN_RETRY_BACKOFF_MS sets the first backoff; nonsense is ignored', () => {
    const backoff = (value: string) =>
      retryOptions(true, () => undefined, { CLUSTERMAN_RETRY_BACKOFF_MS: value }, false).backoffMs;
    expect(backoff('5')).toBe(5);
    expect(backoff('0')).toBe(0);
    expect(backoff('soon')).toBeUndefined();
    expect(backoff('-1')).toBeUndefined();
    expect(retryOptions(true, () => undefined, {}, false).backoffMs).toBeUndefined();
  });
});
