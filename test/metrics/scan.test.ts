import { JsonScanError, objectMembers } from '../../src/metrics/scan';

const members = (text: string) => {
  const b = Buffer.from(text, 'utf8');
  const { members, end } = objectMembers(b, 0);
  return { end, values: members.map((m) => [m.key, JSON.parse(b.toString('utf8', m.start, m.end))]) };
};

describe('objectMembers: the outer object of a JSON document, in bytes', () => {
  it('finds each member and where its value is, whatever the value holds', () => {
    const text = ' {"a": [1, {"b": "x}\\"]", "c": [[]]}], "é": "ü {[" , "n" : -2.5e3 , "t":true,"z":null} ';
    const { values, end } = members(text);
    expect(values).toEqual([
      ['a', [1, { b: 'x}"]', c: [[]] }]],
      ['é', 'ü {['],
      ['n', -2500],
      ['t', true],
      ['z', null],
    ]);
    expect(Buffer.from(text).toString('utf8', end).trim()).toBe('');
    expect(members('{}').values).toEqual([]);
  });

  it.each([
    ['an unterminated list', '{"a": [1, 2}'],
    ['an unterminated string', '{"a": "x'],
    ['a missing colon', '{"a" 1}'],
    ['a missing comma', '{"a": 1 "b": 2}'],
    ['a missing value', '{"a": }'],
    ['not an object', '[1, 2]'],
  ])('refuses %s', (_what, text) => {
    expect(() => members(text)).toThrow(JsonScanError);
  });
});
