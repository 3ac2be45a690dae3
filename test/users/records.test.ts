import { catalogCsv, csvField, isoMicros, logCsv, logJson } from '../../src/users/records';

describe('records', () => {
  it('times are ISO UTC with microseconds', () => {
    expect(isoMicros(Date.UTC(2020, 0, 1, 8, 0, 1) * 1000 + 123_456)).toBe('2020-01-01T08:00:01.123456Z');
    expect(isoMicros(Date.UTC(2020, 0, 1) * 1000 + 7)).toBe('2020-01-01T00:00:00.000007Z');
  });

  it("csv quotes like Python's csv module (QUOTE_MINIMAL, quotes doubled), with CRLF", () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('{"a":1,"b":"x"}')).toBe('"{""a"":1,""b"":""x""}"');
    const r = {
      ts: 1_577_836_800_000_000,
      type: 'page',
      block: 'core',
      props: '{"path":"/a"}',
      ol: false,
      id: '1-2-3-4',
      user: 1,
      up: 1234,
      dn: 5678,
    };
    expect(logCsv(r, 'u', '-42')).toBe(
      'u,-42,android,False,2020-01-01T00:00:00.000000Z,page,0.0.0.0,1234,5678,core,"{""path"":""/a""}"\r\n',
    );
    expect(JSON.parse(logJson(r, 'u', '-42'))).toMatchObject({
      event_id: '1-2-3-4',
      u_id: 'u',
      ol: false,
      props: { path: '/a' },
    });
    expect(catalogCsv({ ts: r.ts, subject: 'media', data: '{"uuid":"x"}', id: 'c' })).toBe(
      '2020-01-01T00:00:00.000000Z,media,"{""uuid"":""x""}"\r\n',
    );
  });
});
