import { compilePattern, patternFormat } from '../../../src/records/formats/pattern';
import { PatternBytes } from '../../../src/records/formats/pattern-bytes';
import {
  type EmitterSchema,
  type FieldKind,
  type FieldValue,
  Timestamp,
} from '../../../src/records/formats/types';
import { renderBoth, type Rendered, type Row } from '../../support/byte-writers';

/** PatternBytes must print exactly the pattern format's lines (each with a newline) for the same records. */
function both(pattern: string, schemas: EmitterSchema[], rows: Row[]): Promise<Rendered> {
  const compiled = compilePattern(pattern, 'p.txt', { WHERE: 'zürich' });
  const format = patternFormat(compiled)({ emitters: schemas });
  return renderBoth(
    (target) => new PatternBytes(compiled, schemas, target),
    (record, schema) => format.line(record, schema),
    schemas,
    rows,
  );
}

const schema = (name: string, ...fields: [string, FieldKind][]): EmitterSchema => ({
  name,
  fields: fields.map(([f, kind]) => ({ name: f, kind })),
});

const VALUES: FieldValue[] = [
  'plain',
  'a longer plain value, past the cache threshold',
  'ünïcødé ✓ 😀',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 — naïve',
  'lone \ud800 surrogate',
  'tab\tquote"back\\',
  '',
  0,
  -0,
  7,
  -42,
  Number.MAX_SAFE_INTEGER,
  2 ** 60,
  1e21,
  1.5,
  -0.000001,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  null,
  { city: 'Paris', loc: { lat: 48.85 }, t: new Timestamp(0, 60) },
  [1, 'x', null, new Timestamp(1_704_067_200_123.7, 330)],
  new Timestamp(1_704_067_200_123.7, 330),
];

describe('PatternBytes', () => {
  it('prints the bytes of the pattern format, for every kind of value and every field kind', async () => {
    const kinds: FieldKind[] = ['string', 'int', 'float', 'bool', 'timestamp', 'object', 'list', 'any'];
    const e = schema('e', ['time', 'timestamp'], ...kinds.map((k): [string, FieldKind] => [k, k]));
    const pattern =
      '%WHERE% [{{time|%d/%b/%Y:%H:%M:%S %z}}] {{time|%s}} {{time}} ' +
      kinds.map((k) => `<{{${k}}}|{{${k}|%s}}|{{${k}.city}}|{{${k}.t|%s}}>`).join(' é ');
    const rows: Row[] = [];
    let ms = 1_704_067_200_000;
    for (const v of VALUES)
      for (const offset of [0, 330, -90]) {
        ms += 377.3;
        rows.push([0, [new Timestamp(ms, offset), ...kinds.map(() => v)]]);
        rows.push([0, [undefined, ...kinds.map(() => undefined)]]);
      }
    const { bytes, text } = await both(pattern, [e], rows);
    expect(bytes).toBe(text);
  });

  it('gives each emitter its own fields, and prints nothing for a field an emitter lacks', async () => {
    const a = schema('a', ['time', 'timestamp'], ['agent', 'string']);
    const b = schema('b', ['id', 'int'], ['agent', 'string'], ['end', 'timestamp']);
    const agents = ['curl/8.5.0 (x86_64-pc-linux-gnu) libcurl', 'Wget/1.21.4 (linux-gnu) über', 'short'];
    const rows: Row[] = [];
    for (let i = 0; i < 6000; i++) {
      const t = new Timestamp(1_704_067_200_000 + i * 1_700.3);
      rows.push([0, [t, agents[i % 3]]]);
      // Varied long strings: the cache gives up on them and they are still printed right.
      rows.push([1, [i, `a random-looking value number ${i * 7919}`, new Timestamp(t.epochMs - i * 900)]]);
    }
    const { bytes, text } = await both('{{time|%s}} {{end|%s}} {{id}} "{{agent}}" {{time}}', [a, b], rows);
    expect(bytes).toBe(text);
  });

  it('prints times across seconds, days, years and offsets, before 1970 too', async () => {
    const e = schema('e', ['time', 'timestamp']);
    const rows: Row[] = [];
    for (const [from, offset] of [
      [1_704_153_590_000, 0],
      [1_704_067_190_000, 330],
      [1_704_067_190_000, -225],
      [-90_061_000, -90],
      [253_402_300_700_000, 0],
    ] as const)
      for (let i = 0; i < 400; i++) rows.push([0, [new Timestamp(from + i * 1_303.9, offset)]]);
    const pattern = '{{time|%d/%b/%Y:%H:%M:%S %z}} {{time|%s}} {{time|%Y-%m-%dT%H:%M:%S.%f%Z}} {{time}}';
    const { bytes, text } = await both(pattern, [e], rows);
    expect(bytes).toBe(text);
  });

  it('writes large lines and many of them across several chunks, in order', async () => {
    const e = schema('e', ['big', 'string'], ['n', 'int']);
    const rows: Row[] = [];
    for (let i = 0; i < 3000; i++) rows.push([0, ['y'.repeat(i % 50 === 0 ? 100_000 : 90), i]]);
    rows.push([0, ['é'.repeat(300_000), 1]]);
    const { bytes, text, chunks } = await both('{{n}}:{{big}}:{{n}}', [e], rows);
    expect(chunks).toBeGreaterThan(2);
    expect(bytes).toBe(text);
  });

  it('counts the lines it handed over, and writes nothing once the reader is gone', async () => {
    const writes: Buffer[] = [];
    let closed = false;
    const out = new PatternBytes(compilePattern('n={{n}}', 'p.txt', {}), [schema('e', ['n', 'int'])], {
      get closed() {
        return closed;
      },
      write: (c) => void writes.push(c),
    });
    out.write([1], 0);
    await out.flush();
    expect(out.written).toBe(1);
    expect(Buffer.concat(writes).toString()).toBe('n=1\n');
    closed = true;
    out.write([2], 0);
    await out.flush();
    expect(writes).toHaveLength(1);
  });
});
