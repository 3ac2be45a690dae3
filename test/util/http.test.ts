/** withRetries: what is retried, how often, and what the give-up error says. */
import { withRetries, type Attempt } from '../../src/util/http';

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

  it('retries a network error, named by its code', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const attempt = jest.fn(async (): Promise<Attempt<string>> => {
      throw refused;
    });
    await expect(withRetries({ maxRetries: 0, backoffMs: 1 }, attempt, giveUp)).rejects.toThrow(
      'gave up after 1 try: ECONNREFUSED',
    );
    await expect(withRetries(policy, attempt, giveUp)).rejects.toThrow('gave up after 3 tries: ECONNREFUSED');
  });

  it('lets any other error stand at once', async () => {
    const attempt = jest.fn(async (): Promise<Attempt<string>> => {
      throw new TypeError('not a network failure');
    });
    await expect(withRetries(policy, attempt, giveUp)).rejects.toThrow(TypeError);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
