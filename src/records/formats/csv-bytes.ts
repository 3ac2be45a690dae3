/**
 * CSV rows written as bytes, straight from a record's values (as NdjsonBytes does for JSON lines): no
 * record object, no row string, no UTF-8 encoding call per record. The bytes are exactly the CSV format's
 * rows (tests compare them); the header is the format's, written by the sink when it opens. Plain ASCII
 * cells, integers and times are written in place; cells that need quotes, non-ASCII text and nested values
 * take the CSV format's own text.
 */
import { writeInt } from '../../util/digits';
import { ByteChunks, type ByteTarget, type ValuesBytes } from './byte-chunks';
import { columnsOf, csvCell } from './csv';
import { IsoFormatter } from './iso';
import { type FieldValue, type RecordSchema, Timestamp } from './types';
import { jsonText } from './values';

/** Room made before each cell: a comma and every cell written in place fit in this. */
const CELL_ROOM = 64;
/** Strings up to this length are copied in place; longer ones make their own room. */
const SHORT_STRING = 48;

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');
const EMPTY_STRING = Buffer.from('""');

export class CsvBytes extends ByteChunks implements ValuesBytes {
  /** Per emitter, per column: the index of the column's field in the emitter's values, or -1. */
  private readonly fields: Int32Array[];
  private readonly iso = new IsoFormatter();

  constructor(schema: RecordSchema, target: ByteTarget) {
    super(target);
    const columns = columnsOf(schema);
    this.fields = schema.emitters.map((e) => {
      const at = new Map(e.fields.map((f, i) => [f.name, i]));
      return Int32Array.from(columns, (c) => at.get(c) ?? -1);
    });
  }

  write(values: readonly (FieldValue | undefined)[], emitter: number): void {
    const fields = this.fields[emitter] as Int32Array;
    for (let c = 0; c < fields.length; c++) {
      this.room(CELL_ROOM);
      const buf = this.buf;
      let p = this.used;
      if (c > 0) buf[p++] = 0x2c; // ,
      const f = fields[c] as number;
      const v = f < 0 ? undefined : values[f];
      if (v === undefined || v === null) {
        this.used = p;
        continue;
      }
      if (typeof v === 'string' && v.length > 0 && v.length <= SHORT_STRING) {
        const start = p;
        let plain = true;
        for (let j = 0; j < v.length; j++) {
          const ch = v.charCodeAt(j);
          // Quotes, commas, CR and LF need quoting; non-ASCII needs UTF-8.
          if (ch > 0x7f || ch === 0x22 || ch === 0x2c || ch === 0x0d || ch === 0x0a) {
            plain = false;
            break;
          }
          buf[p++] = ch;
        }
        this.used = plain ? p : start;
        if (!plain) this.text(csvCell(v));
        continue;
      }
      if (typeof v === 'number' && Number.isSafeInteger(v)) {
        this.used = writeInt(buf, p, v);
        continue;
      }
      this.used = p;
      this.cell(v);
    }
    this.room(1);
    this.buf[this.used++] = 0x0a;
    this.lines++;
  }

  /** The CSV format's text of a cell that is not written in place. */
  private cell(v: FieldValue): void {
    if (typeof v === 'string') return v === '' ? this.copy(EMPTY_STRING) : this.text(csvCell(v));
    if (typeof v === 'number') return this.text(String(v));
    if (typeof v === 'boolean') return this.copy(v ? TRUE : FALSE);
    if (v instanceof Timestamp) return this.text(this.iso.format(v));
    this.text(csvCell(jsonText(v as FieldValue)));
  }
}
