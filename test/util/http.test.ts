/** withRetries: what is retried, how often, and what the give-up error says. */
import { unreachable, withRetries, type Attempt } from '../../src/util/http';

const policy = { maxRetries: 2, backoffMs: 1 };
const giveUp = (why: string, tried: string): Error => new Error(`gave up after ${tried}: ${why}`);

describe('withRetries', () => {
  it('returns the first value, retrying the reasons given before it', async () => {
    const outcomes: Array<Attempt<string>> = [{ retry: 'HTTP 503' }, { retry: 'HTTP 429' }, { value: 'ok' }];
    const attempt = jest.fn(async () => outcomes.shift() as Attempt<string>);
    await expect(withRetries(policy, attempt, giveUp)).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('gives up after maxRetries + 1 tries with the last reason', async () => {
    const attempt = jest.fn(async (): Promise<Attempt<string>> => ({ retry: 'HTTP 502' }));
    await expect(withRetries(policy, attempt, giveUp)).rejects.toThrow('gave up after 3 tries: HTTP 502');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('retries a network error, named in words', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const attempt = jest.fn(async (): Promise<Attempt<string>> => {
      throw refused;
    });
    await expect(withRetries({ maxRetries: 0, backoffMs: 1 }, attempt, giveUp)).rejects.toThrow(
      'gave up after 1 try: connection refused',
    );
    await expect(withRetries(policy, attempt, giveUp)).rejects.toThrow(
      'gave up after 3 tries: connection refused',
    );
  });

  it('lets any other error stand at once', async () => {
    const attempt = jest.fn(async (): Promise<Attempt<string>> => {
      throw new TypeError('not a network failure');
    });
    await expect(withRetries(policy, attempt, giveUp)).rejects.toThrow(TypeError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('tells each retry as a line: the wait, the attempt to come and why', async () => {
    const lines: string[] = [];
    const outcomes: Array<Attempt<string>> = [{ retry: 'HTTP 503' }, { retry: 'HTTP 429' }, { value: 'ok' }];
    await withRetries(
      { maxRetries: 5, backoffMs: 1, onRetry: (line) => lines.push(line) },
      async () => outcomes.shift() as Attempt<string>,
      giveUp,
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^retrying in 0\.0 s \(attempt 2\/6\): HTTP 503$/);
    expect(lines[1]).toMatch(/^retrying in 0\.0 s \(attempt 3\/6\): HTTP 429$/);
  });

  it('names the service in retry lines, and words the give-up after a network failure', async () => {
    const lines: string[] = [];
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const seen: Array<[string, string, boolean]> = [];
    const err = await withRetries(
      {
        maxRetries: 2,
        backoffMs: 1,
        onRetry: (line) => lines.push(line),
        peer: { service: 'VictoriaMetrics', where: 'http://127.0.0.1:9' },
      },
      async (): Promise<Attempt<string>> => {
        throw refused;
      },
      (why, tried, network) => {
        seen.push([why, tried, network]);
        return new Error(why);
      },
    ).catch((e: Error) => e);
    expect(lines.map((l) => l.replace(/in \d+\.\d s/, 'in T s'))).toEqual([
      'VictoriaMetrics: retrying in T s (attempt 2/3): connection refused',
      'VictoriaMetrics: retrying in T s (attempt 3/3): connection refused',
    ]);
    expect(seen).toEqual([
      ['connection refused: is VictoriaMetrics listening at http://127.0.0.1:9?', '3 tries', true],
    ]);
    expect(err).toBeInstanceOf(Error);
  });

  it('the backoff grows: waits up to base * 2^n, said with one decimal', async () => {
    const waits: number[] = [];
    const attempt = async (): Promise<Attempt<string>> => ({ retry: 'HTTP 502' });
    await withRetries(
      { maxRetries: 3, backoffMs: 40, onRetry: (l) => waits.push(Number(/in (\S+) s/.exec(l)?.[1])) },
      attempt,
      giveUp,
    ).catch(() => undefined);
    expect(waits).toHaveLength(3);
    waits.forEach((w, n) => expect(w).toBeLessThanOrEqual(0.04 * 2 ** n + 0.05));
  });
});

describe('unreachable', () => {
  const peer = { service: 'Prometheus', where: 'http://prom.internal:9090' };
  it.each([
    ['ECONNREFUSED', 'connection refused: is Prometheus listening at http://prom.internal:9090?'],
    ['ENOTFOUND', 'host not found: is the host name in http://prom.internal:9090 right?'],
    [
      'ETIMEDOUT',
      'timed out reaching Prometheus at http://prom.internal:9090: is the address right, and no firewall in the way?',
    ],
    ['ECONNRESET', 'Prometheus at http://prom.internal:9090 closed the connection'],
    ['EHOSTUNREACH', 'no route to http://prom.internal:9090: is the network (or VPN) up?'],
    ['EPROTO', 'cannot reach Prometheus at http://prom.internal:9090 (EPROTO)'],
  ])('%s', (code, words) => {
    expect(unreachable(code, peer)).toBe(words);
  });
});
