import { LONG_TEXT, LongTexts, MOVED } from '../../src/users/long-texts';

describe('users: long texts of a session', () => {
  it('gives back each long ASCII text as it was; short and non-ASCII texts stay strings', () => {
    const cart = `{"id":"c1","items":[${'{"id":"x","price":1.5},'.repeat(20)}]}`;
    const wide = `{"name":"${'é'.repeat(LONG_TEXT)}"}`;
    const texts = ['{"action":"open"}', cart, wide, 'a'.repeat(LONG_TEXT), cart, ''];
    const before = [...texts];
    const long = LongTexts.take(texts) as LongTexts;
    expect(texts).toEqual([before[0], MOVED, wide, MOVED, MOVED, '']);
    for (const i of [1, 3, 4]) expect(long.text(i)).toBe(before[i]);
  });

  it('is null when no text is long', () => {
    expect(LongTexts.take(['{}', 'x'.repeat(LONG_TEXT - 1)])).toBeNull();
  });
});
