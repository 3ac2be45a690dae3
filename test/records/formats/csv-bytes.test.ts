import { csvFormat } from '../../../src/records/formats/csv';
import { CsvBytes } from '../../../src/records/formats/csv-bytes';
import { type EmitterSchema, type FieldValue, Timestamp } from '../../../src/records/formats/types';
import { renderBoth, type Rendered, type Row } from '../../support/byte-writers';

/** CsvBytes must print exactly the CSV format's rows (each with a newline) for the same records. */
function both(schemas: EmitterSchema[], rows: Row[]): Promise<Rendered> {
  const format = csvFormat({ emitters: schemas });
  return renderBoth(
    (target) => new CsvBytes({ emitters: schemas }, target),
    (record, schema) => format.line(record, schema),
    schemas,
    rows,
  );
}

const schema = (name: string, ...fields: string[]): EmitterSchema => ({
  name,
  fields: fields.map((f) => ({ name: f, kind: 'any' as const })),
});

describe('CsvBytes', () => {
  it('prints the bytes of the CSV format, for every kind of value', async () => {
    const e = schema('e', 'time', 's', 'n');
    const values: FieldValue[] = [
      'plain',
      'comma, inside',
      'quote " inside',
      'line\nbreak',
      'carriage\rreturn',
      'tab\tstays',
      'ünïcødé ✓ 😀',
      'lone \ud800 surrogate',
      'x'.repeat(48),
      'y'.repeat(49),
      'z,'.repeat(40),
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
      { a: 1, b: [1, 'x, "y"', null], t: new Timestamp(0) },
      [new Timestamp(1_704_067_200_123.7, 330), { k: 'v' }],
      new Timestamp(1_704_067_200_999.9, -90),
    ];
    const rows: Row[] = [];
    let ms = 1_704_067_200_000;
    for (const v of values)
      for (const offset of [0, 330, -90]) {
        ms += 377.3;
        rows.push([0, [new Timestamp(ms, offset), v, v]]);
        rows.push([0, [undefined, undefined, v]]);
      }
    const { bytes, text } = await both([e], rows);
    expect(bytes).toBe(text);
  });

  it('fills the columns of every emitter, each name once, empty where an emitter has none', async () => {
    const a = schema('a', 'time', 'kind', 'only_a');
    const b = schema('b', 'id', 'kind', 'time', 'only_b');
    const rows: Row[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = new Timestamp(1_704_067_200_000 + i * 1_700.3);
      rows.push([0, [t, ['x', 'y,z', 'é'][i % 3], i]]);
      rows.push([1, [i, `id-${i}`, t, i % 5 === 0 ? undefined : `b ${i}`]]);
    }
    const { bytes, text } = await both([a, b], rows);
    expect(bytes).toBe(text);
  });

  it('writes large rows and many of them across several chunks, in order', async () => {
    const e = schema('e', 'big', 'n');
    const rows: Row[] = [];
    for (let i = 0; i < 3000; i++) rows.push([0, ['y'.repeat(i % 50 === 0 ? 100_000 : 90), i]]);
    rows.push([0, ['é,'.repeat(300_000), 1]]);
    const { bytes, text, chunks } = await both([e], rows);
    expect(chunks).toBeGreaterThan(2);
    expect(bytes).toBe(text);
  });
});
