/** Long lists in messages stop after five items and say how many more there are. */
import { someOf, someQuoted } from '../../src/util/list';

describe('someOf', () => {
  it('shows up to five items whole', () => {
    expect(someOf([])).toBe('');
    expect(someOf(['a'])).toBe('a');
    expect(someOf(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c, d, e');
  });

  it('past five: the first five, then "… and N more"', () => {
    expect(someOf(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d, e … and 1 more');
    const many = Array.from({ length: 2000 }, (_, i) => `m${i}`);
    expect(someQuoted(many)).toBe("'m0', 'm1', 'm2', 'm3', 'm4' … and 1995 more");
  });
});
