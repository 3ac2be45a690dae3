import type { ByteTarget, ValuesBytes } from '../../src/records/formats/byte-chunks';
import type { EmitterSchema, FieldValue } from '../../src/records/formats/types';

/** A record as the run loop hands it to a byte writer: emitter index, then one value per field. */
export type Row = [number, (FieldValue | undefined)[]];

export interface Rendered {
  /** What the byte writer wrote, decoded. */
  readonly bytes: string;
  /** The line path's lines, each with a newline, as its sinks encode them. */
  readonly text: string;
  /** How many chunks the byte writer handed over. */
  readonly chunks: number;
}

/**
 * Renders `rows` through a byte writer and through the line path's format, and expects the same bytes: the
 * line path's sinks encode each line as UTF-8 (a lone surrogate becomes U+FFFD), so bytes are compared.
 */
export async function renderBoth(
  writer: (target: ByteTarget) => ValuesBytes,
  line: (record: Record<string, FieldValue>, schema: EmitterSchema) => string,
  schemas: readonly EmitterSchema[],
  rows: readonly Row[],
): Promise<Rendered> {
  const chunks: Buffer[] = [];
  const out = writer({ closed: false, write: (c) => void chunks.push(Buffer.from(c)) });
  const lines: string[] = [];
  for (const [e, values] of rows) {
    out.write(values, e);
    const schema = schemas[e] as EmitterSchema;
    const record: Record<string, FieldValue> = {};
    schema.fields.forEach((f, i) => {
      if (values[i] !== undefined) record[f.name] = values[i] as FieldValue;
    });
    lines.push(line(record, schema));
  }
  await out.flush();
  const bytes = Buffer.concat(chunks);
  const expected = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  expect(bytes.equals(expected)).toBe(true);
  return { bytes: bytes.toString('utf8'), text: expected.toString('utf8'), chunks: chunks.length };
}
