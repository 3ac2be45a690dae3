import { NdjsonFormat } from '../../../src/records/formats/ndjson';
import { NdjsonBytes } from '../../../src/records/formats/ndjson-bytes';
import { type EmitterSchema, type FieldValue, Timestamp } from '../../../src/records/formats/types';
import { renderBoth, type Rendered, type Row } from '../../support/byte-writers';

/** NdjsonBytes must print exactly what NdjsonFormat prints for the same record. */
function both(schemas: EmitterSchema[], rows: Row[]): Promise<Rendered> {
  const format = new NdjsonFormat();
  return renderBoth(
    (target) => new NdjsonBytes(schemas, target),
    (record) => format.line(record),
    schemas,
    rows,
  );
}

const schema = (name: string, ...fields: string[]): EmitterSchema => ({
  name,
  fields: fields.map((f) => ({ name: f, kind: 'any' as const })),
});

describe('NdjsonBytes', () => {
  it('prints the bytes NdjsonFormat prints, for every kind of value', async () => {
    const e = schema('e', 'time', 's', 'n', 'b', 'x', 'ké"y');
    const values: FieldValue[] = [
      'plain',
      'quote " and \\ back',
      'tab\tnewline\n\u0001',
      'ünïcødé ✓ 😀',
      'lone \ud800 surrogate',
      '',
      0,
      -0,
      7,
      -42,
      123456789012345,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
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
      { a: 1, b: [1, 'x', null], t: new Timestamp(0) },
      [new Timestamp(1_704_067_200_123.7, 330), { k: 'v' }],
    ];
    const rows: [number, (FieldValue | undefined)[]][] = [];
    let ms = 1_704_067_200_000;
    for (const v of values) {
      for (const offset of [0, 330, -90]) {
        ms += 377.3;
        rows.push([0, [new Timestamp(ms, offset), v, v, undefined, v, v]]);
        rows.push([0, [undefined, undefined, v, undefined, undefined, undefined]]);
      }
    }
    rows.push([0, [undefined, undefined, undefined, undefined, undefined, undefined]]);
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
  });

  it('keeps each emitter its own keys, and caches repeating and varied strings alike', async () => {
    const a = schema('a', 'time', 'kind');
    const b = schema('b', 'id', 'kind', 'time');
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (let i = 0; i < 5000; i++) {
      const t = new Timestamp(1_704_067_200_000 + i * 1.7);
      rows.push([0, [t, ['x', 'y', 'z'][i % 3]]]);
      rows.push([1, [i, `id-${i}`, t]]);
    }
    const { bytes, text } = await both([a, b], rows);
    expect(bytes).toBe(text);
  });

  it('writes keys of every length (copied four bytes at a time) with values of every length after them', async () => {
    // Up to 26 bytes with quotes and comma: short keys (padded to 20 bytes) and long ones.
    const names = Array.from({ length: 21 }, (_, i) => 'kéy_abcdefghijklmnopq'.slice(0, i + 1));
    const e = schema('e', ...names);
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (let i = 0; i < 200; i++)
      rows.push([0, names.map((_, j) => ((i + j) % 4 === 0 ? undefined : 'v'.repeat((i * j) % 7)))]);
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
  });

  it('copies long repeated strings from its cache, and gives up caching long strings that vary', async () => {
    const e = schema('e', 'agent', 'url', 'varied');
    const agents = [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      'curl/8.5.0 (x86_64-pc-linux-gnu) with "quotes" and \\ and a tab\t',
      'ünïcødé agent of more than twenty-four characters ✓ 😀',
      'exactly twenty-four ch.',
      'exactly twenty-four chr.',
      `longer than the room kept per field: ${'z'.repeat(200)}`,
    ];
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (let i = 0; i < 6000; i++)
      rows.push([
        0,
        [
          agents[i % agents.length],
          `/products/item-${i % 7}/details?ref=front`,
          `long varied value ${i * 7919}`,
        ],
      ]);
    rows.push([0, ['x'.repeat(1024), 'y'.repeat(1025), 'é'.repeat(1024)]]);
    rows.push([0, ['x'.repeat(1024), 'y'.repeat(1025), 'é'.repeat(1024)]]);
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
  });

  it('writes nulls and cached long strings in place across chunk ends', async () => {
    const e = schema('e', 'a', 'ref', 'b', 'c');
    const refs = ['facebook.com/referring-group', 'google.com/search?q=a+long+query', null];
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (let i = 0; i < 40_000; i++)
      rows.push([0, [i % 3 === 0 ? null : i, refs[i % refs.length], null, i % 5 === 0 ? undefined : null]]);
    const { bytes, text, chunks } = await both([e], rows);
    expect(chunks).toBeGreaterThan(3);
    expect(bytes).toBe(text);
  });

  it('prints times second after second across minutes, days and offsets, before 1970 too', async () => {
    const e = schema('e', 'time');
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (const [from, offset] of [
      [1_704_153_590_000, 0],
      [1_704_153_590_000, 330],
      [-90_061_000, -90],
      [253_402_300_700_000, 0],
    ] as const)
      for (let i = 0; i < 400; i++) rows.push([0, [new Timestamp(from + i * 1_303.9, offset)]]);
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
  });

  it('prints times minute after minute across hours, days and offsets of any whole minutes', async () => {
    const e = schema('e', 'time');
    const rows: [number, (FieldValue | undefined)[]][] = [];
    // From 21:00 UTC on Dec 31st, about 47 s apart, for 4 hours: the local hour and the date change
    // mid-run whatever the offset.
    for (const offset of [0, 330, -210, 345, -59])
      for (let i = 0; i < 300; i++) rows.push([0, [new Timestamp(1_704_056_400_000 + i * 47_317.3, offset)]]);
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
    expect(text).toContain('"2024-01-01T00:00:');
    expect(text).toContain('+05:30"');
  });

  it('writes large records and many of them across several chunks, in order', async () => {
    const e = schema('e', 'big', 'n');
    const rows: [number, (FieldValue | undefined)[]][] = [];
    for (let i = 0; i < 600; i++) rows.push([0, ['y'.repeat(i % 50 === 0 ? 100_000 : 90), i]]);
    rows.push([0, ['é'.repeat(300_000), 1]]);
    const { bytes, text, chunks } = await both([e], rows);
    expect(chunks).toBeGreaterThan(2);
    expect(bytes).toBe(text);
  });

  it('counts the lines it handed over, and writes nothing once the reader is gone', async () => {
    const writes: Buffer[] = [];
    let closed = false;
    const out = new NdjsonBytes([schema('e', 'n')], {
      get closed() {
        return closed;
      },
      write: (c) => void writes.push(c),
    });
    out.write([1], 0);
    out.push('header');
    await out.flush();
    expect(out.written).toBe(2);
    expect(Buffer.concat(writes).toString()).toBe('{"n":1}\nheader\n');
    closed = true;
    out.write([2], 0);
    await out.flush();
    expect(writes).toHaveLength(1);
    expect(out.closed).toBe(true);
  });
});
