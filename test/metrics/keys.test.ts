/** Metric keys and dimension sets: parsing, formatting in clusterman's order, identity whatever the order. */
import { dimensionsId, formatKey, parseKey } from '../../src/metrics/keys';

describe('metric keys', () => {
  it('formats dimensions sorted by name, and parses them back', () => {
    const key = formatKey('cpus', { pool: 'p', cluster: 'c', AZ: 'a' });
    expect(key).toBe('cpus|AZ=a,cluster=c,pool=p');
    expect(parseKey(key)).toEqual({
      name: 'cpus',
      dimensions: new Map([
        ['AZ', 'a'],
        ['cluster', 'c'],
        ['pool', 'p'],
      ]),
    });
    expect(formatKey('cpus', new Map())).toBe('cpus');
  });

  it('gives one identity per dimension set, whatever its order', () => {
    expect(dimensionsId({ a: '1', b: '2' })).toBe(dimensionsId({ b: '2', a: '1' }));
    expect(dimensionsId({ a: '1' })).not.toBe(dimensionsId({ a: '1', b: '2' }));
    expect(dimensionsId({ a: '1,b' })).not.toBe(dimensionsId({ a: '1', b: '' }));
  });
});
