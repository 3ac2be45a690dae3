import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RecordFormatError } from '../../../src/records/formats/errors';
import { compilePattern, decodeEscapes, patternFormat } from '../../../src/records/formats/pattern';
import {
  type EmitterSchema,
  type EventRecord,
  type FieldKind,
  Timestamp,
} from '../../../src/records/formats/types';
import { SHARED } from '../../support/paths';
import { describeWithShared } from '../../support/shared';

const IMPLY = resolve(SHARED, 'fixtures/imply');

function emitter(fields: [string, FieldKind][]): EmitterSchema {
  return { name: 'e', fields: fields.map(([name, kind]) => ({ name, kind })) };
}

function render(pattern: string, e: EmitterSchema, record: EventRecord, env: NodeJS.ProcessEnv = {}) {
  return patternFormat(compilePattern(pattern, 'p.txt', env))({ emitters: [e] }).line(record, e);
}

const T0 = new Timestamp(Date.UTC(2024, 0, 1, 0, 0, 1, 596) + 0.39, 0);

describe('pattern files', () => {
  const web = emitter([
    ['time', 'timestamp'],
    ['host', 'string'],
    ['bytes', 'int'],
    ['ratio', 'float'],
    ['ok', 'bool'],
    ['geo', 'object'],
    ['tags', 'list'],
  ]);
  const record: EventRecord = {
    time: T0,
    host: 'web01',
    bytes: 512,
    ratio: 2,
    ok: true,
    geo: { city: 'Paris', loc: { lat: 48.85 } },
    tags: ['a', 'b'],
  };

  it('fills fields, nested fields and strftime formats', () => {
    expect(
      render('{{host}} [{{time|%d/%b/%Y:%H:%M:%S %z}}] {{bytes}} {{geo.city}} {{geo.loc.lat}}', web, record),
    ).toBe('web01 [01/Jan/2024:00:00:01 +0000] 512 Paris 48.85');
  });

  it("prints values as Python's str() does, nested values as JSON", () => {
    expect(render('{{time}}|{{ratio}}|{{ok}}|{{geo}}|{{tags}}', web, record)).toBe(
      '2024-01-01 00:00:01.596390+00:00|2.0|True|{"city":"Paris","loc":{"lat":48.85}}|["a","b"]',
    );
  });

  it('prints nothing for a missing or null field, or a path through a non-object', () => {
    expect(render('<{{host}}><{{geo.city}}><{{bytes.x}}>', web, { time: T0, host: null, bytes: 1 })).toBe(
      '<><><>',
    );
  });

  it('ignores a strftime format on values that are not times', () => {
    expect(render('{{bytes|%Y}}', web, record)).toBe('512');
  });

  it('trims names on both sides and keeps spaces inside the format', () => {
    expect(render('{{ host }}/{{time| %H}}', web, record)).toBe('web01/ 00');
  });

  it('strips the file, decodes backslash escapes and keeps non-ASCII text', () => {
    expect(render('  {{host}}\\t\\"é\\u00e9\\x41\\101\\q\n\n', web, record)).toBe('web01\t"ééAA\\q');
    expect(decodeEscapes('a\\\\tb')).toBe('a\\tb');
  });

  it('replaces %NAME% in the literal text from the environment, not inside placeholders', () => {
    const env = { TARGET_INDEX: 'main' };
    expect(render('%TARGET_INDEX% {{time|%Y-%m-%dT%H}} %TARGET_INDEX%', web, record, env)).toBe(
      'main 2024-01-01T00 main',
    );
  });

  it.each([
    ['%TARGET_SOURCE% {{host}}', 'pattern file p.txt: environment variable TARGET_SOURCE is not set'],
    ['{{host}} {{bytes', "pattern file p.txt: '{{' at line 1, column 10 is never closed with '}}'"],
    ['a\n{{ }}', "pattern file p.txt: placeholder '{{ }}' at line 2, column 1 has no field name"],
    ['{{geo..city}}', 'has no field name'],
    ['{{time|%Q}}', "pattern file p.txt: {{time|%Q}}: strftime format '%Q': unknown directive '%Q'"],
    ['{{hots}}', "pattern file p.txt: {{hots}}: no emitter has a field 'hots' (did you mean 'host'?)"],
  ])('refuses %j at load with one line naming the file', (pattern, message) => {
    const load = () => patternFormat(compilePattern(pattern, 'p.txt', {}))({ emitters: [web] });
    expect(load).toThrow(RecordFormatError);
    expect(load).toThrow(message);
  });

  it('accepts a field of any emitter of the config and has no header', () => {
    const other = emitter([['status', 'int']]);
    const format = patternFormat(compilePattern('{{host}}{{status}}', 'p.txt', {}))({
      emitters: [web, other],
    });
    expect(format.header()).toBeUndefined();
    expect(format.line({ status: 200 }, other)).toBe('200');
  });
});

describeWithShared('the reference pattern files', () => {
  const load = (name: string) => compilePattern(readFileSync(join(IMPLY, name), 'utf8'), name, process.env);

  it('prints an NCSA combined log line with tsv_apache_access_combined.txt', () => {
    const e = emitter(
      [
        'time',
        'clientip',
        'ident',
        'authuser',
        'request_method',
        'request_url',
        'request_protocol',
        'status',
        'bytes',
        'referrer_url',
        'useragent',
      ].map((n): [string, FieldKind] => [n, n === 'time' ? 'timestamp' : 'any']),
    );
    const line = patternFormat(load('tsv_apache_access_combined.txt'))({ emitters: [e] }).line(
      {
        time: new Timestamp(Date.UTC(2024, 0, 2, 13, 4, 5, 250), 0),
        clientip: '10.1.2.3',
        ident: '-',
        authuser: 'frank',
        request_method: 'GET',
        request_url: '/index.html',
        request_protocol: 'HTTP/1.1',
        status: 200,
        bytes: 2326,
        referrer_url: 'http://example.com/',
        useragent: 'Mozilla/5.0',
      },
      e,
    );
    expect(line).toBe(
      '10.1.2.3 - frank [02/Jan/2024:13:04:05 +0000] "GET /index.html HTTP/1.1" 200 2326 "http://example.com/" "Mozilla/5.0"',
    );
  });

  it('prints JSON with quoted epoch seconds with apache_access_json.txt', () => {
    const pattern = load('apache_access_json.txt');
    const names = pattern.parts.flatMap((p) => (typeof p === 'string' ? [] : [p.name]));
    const e = emitter(names.map((n): [string, FieldKind] => [n, n === 'time' ? 'timestamp' : 'int']));
    const record: EventRecord = Object.fromEntries(names.map((n, i) => [n, i]));
    const line = patternFormat(pattern)({ emitters: [e] }).line({ ...record, time: T0 }, e);
    const parsed = JSON.parse(line) as Record<string, string>;
    expect(parsed.time).toBe('1704067201');
    expect(parsed.bytes_in).toBe(String(names.indexOf('bytes_in')));
    expect(Object.keys(parsed)).toHaveLength(names.length);
  });

  it('prints start and end as epoch seconds with vpc_flow_logs.txt', () => {
    const pattern = load('vpc_flow_logs.txt');
    const names = pattern.parts.flatMap((p) => (typeof p === 'string' ? [] : [p.name]));
    const e = emitter(names.map((n): [string, FieldKind] => [n, 'any']));
    const record: EventRecord = Object.fromEntries(names.map((n) => [n, n]));
    const line = patternFormat(pattern)({ emitters: [e] }).line(
      { ...record, start: new Timestamp(1704067200000, 0), end: new Timestamp(1704067260500, 0) },
      e,
    );
    expect(line.split(' ')).toEqual(
      names.map((n) => (n === 'start' ? '1704067200' : n === 'end' ? '1704067260' : n)),
    );
  });
});
