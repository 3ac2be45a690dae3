import { RepeatCache } from '../../../src/records/formats/repeat-cache';

const encode = (t: string): Uint8Array => Buffer.from(t);

describe('RepeatCache', () => {
  it('keeps values that repeat, and hands back the same encoding', () => {
    const cache = new RepeatCache<Uint8Array>();
    const first = cache.through('https://example.com/a', encode);
    expect(cache.find('https://example.com/a')).toBe(first);
    expect(cache.through('https://example.com/a', () => new Uint8Array(0))).toBe(first);
  });

  it('stops caching a field whose values rarely repeat, after the trial', () => {
    const cache = new RepeatCache<Uint8Array>();
    for (let i = 0; i < 2000; i++) expect(cache.through(`value-${i}`, encode)).toEqual(encode(`value-${i}`));
    expect(cache.active).toBe(false);
    expect(cache.find('value-1')).toBeUndefined();
    expect(cache.through('value-1', encode)).toBeUndefined();
  });

  it('goes on caching a field whose values mostly repeat', () => {
    const cache = new RepeatCache<Uint8Array>();
    for (let i = 0; i < 4000; i++) cache.through(`v${i % 4 === 0 ? i : 0}`, encode);
    expect(cache.active).toBe(true);
  });

  it('keeps at most 1 MiB of values', () => {
    const cache = new RepeatCache<Uint8Array>();
    const big = (i: number): string => `${i}`.padEnd(300_000, 'x');
    for (let i = 0; i < 4; i++) cache.through(big(i), encode);
    expect(cache.find(big(2))).toBeDefined();
    expect(cache.find(big(3))).toBeUndefined();
  });
});
