import { csvFormat } from '../../../src/records/formats/csv';
import { type EmitterSchema, type FieldKind, Timestamp } from '../../../src/records/formats/types';

function emitter(name: string, fields: [string, FieldKind][]): EmitterSchema {
  return { name, fields: fields.map(([n, kind]) => ({ name: n, kind })) };
}

/** A small RFC 4180 reader, so the tests check what a CSV reader gets back, not the bytes we chose. */
function parseCsv(text: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        value += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      row.push(value);
    } else {
      const end = text.slice(i).search(/[,\n]|$/) + i;
      const raw = text.slice(i, end);
      row.push(raw === '' ? null : raw);
      i = end;
    }
    if (text[i] === ',') i++;
    else {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}

describe('csv format', () => {
  const web = emitter('web', [
    ['time', 'timestamp'],
    ['path', 'string'],
    ['status', 'int'],
    ['ok', 'bool'],
    ['geo', 'object'],
  ]);

  it('writes a header of the dimensions and one cell per dimension in that order', () => {
    const f = csvFormat({ emitters: [web] });
    const text = [
      f.header(),
      f.line(
        {
          time: new Timestamp(Date.UTC(2024, 0, 1, 0, 0, 1, 500), 330),
          path: '/api/login',
          status: 200,
          ok: true,
          geo: { city: 'Paris, FR', q: 'say "hi"' },
        },
        web,
      ),
    ].join('\n');
    expect(parseCsv(text)).toEqual([
      ['time', 'path', 'status', 'ok', 'geo'],
      [
        '2024-01-01T05:30:01.500+05:30',
        '/api/login',
        '200',
        'true',
        '{"city":"Paris, FR","q":"say \\"hi\\""}',
      ],
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and nothing else', () => {
    const f = csvFormat({ emitters: [web] });
    expect(f.line({ path: 'a,b' }, web)).toBe(',"a,b",,,');
    expect(f.line({ path: 'say "x"' }, web)).toBe(',"say ""x""",,,');
    expect(f.line({ path: 'one\ntwo\r' }, web)).toBe(',"one\ntwo\r",,,');
    expect(f.line({ path: ' spaced ' }, web)).toBe(', spaced ,,,');
    expect(parseCsv(f.line({ path: 'one\n"two",3' }, web))).toEqual([
      [null, 'one\n"two",3', null, null, null],
    ]);
  });

  it('leaves missing and null cells empty and writes an empty string as ""', () => {
    const f = csvFormat({ emitters: [web] });
    expect(f.line({ path: '', status: null }, web)).toBe(',"",,,');
  });

  it('writes lists as JSON text with times as ISO strings', () => {
    const e = emitter('e', [['items', 'list']]);
    const f = csvFormat({ emitters: [e] });
    expect(f.line({ items: [1, 'a', new Timestamp(0, 0)] }, e)).toBe(
      '"[1,""a"",""1970-01-01T00:00:00.000+00:00""]"',
    );
  });

  it('takes the union of the emitters dimensions, in config order, as columns', () => {
    const login = emitter('login', [
      ['time', 'timestamp'],
      ['user', 'string'],
    ]);
    const f = csvFormat({ emitters: [web, login] });
    expect(f.header()).toBe('time,path,status,ok,geo,user');
    expect(f.line({ time: new Timestamp(0, 0), user: 'ann' }, login)).toBe(
      '1970-01-01T00:00:00.000+00:00,,,,,ann',
    );
  });

  it('quotes a header name that needs it', () => {
    const e = emitter('e', [['a,b', 'string']]);
    expect(csvFormat({ emitters: [e] }).header()).toBe('"a,b"');
  });
});
