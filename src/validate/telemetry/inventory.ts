/**
 * The inventory, indexed for the row scanner: serial numbers are looked up by their bytes in an
 * open-addressing table, and each device's model, product_id and location are kept as bytes to compare
 * with a row's fields without making strings.
 */
import type { Check } from '../report';
import { columnsOf, readTable, type Table } from './tables';

/** Inventory attributes copied onto each data row, in this order. */
export const ATTRIBUTES = ['model', 'product_id', 'location'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export class Inventory {
  /** Each device's record, one after the other. */
  readonly bytes: Buffer;
  /**
   * 1 when the device's four fields are non-empty and hold no comma, quote or line break: a data row
   * repeating them byte for byte is then well-formed CSV with exactly those four fields. 0 for a repeat.
   */
  readonly plain: Uint8Array;
  /** 1 for the second (third...) listing of a serial: rows of that serial belong to its first listing. */
  readonly repeat: Uint8Array;
  /** offsets[4d + k] is where field k of device d starts; it ends one byte before the next offset. */
  readonly offsets: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  private constructor(
    readonly file: string,
    readonly devices: readonly (readonly string[])[],
    readonly lines: readonly number[],
    /** Which of model, product_id, location the inventory has. */
    readonly hasAttribute: readonly boolean[],
  ) {
    // Each device as its CSV record `sn,model,product_id,location\n`: a data row's first four fields can be
    // compared with it in one pass.
    const parts: Buffer[] = [];
    this.offsets = new Int32Array(devices.length * 4 + 1);
    let at = 0;
    devices.forEach((fields, d) => {
      fields.forEach((text, k) => {
        const b = Buffer.from(`${text}${k === 3 ? '\n' : ','}`, 'utf8');
        this.offsets[d * 4 + k] = at;
        parts.push(b);
        at += b.length;
      });
    });
    this.offsets[devices.length * 4] = at;
    this.plain = Uint8Array.from(devices, (fields) =>
      fields.length === 4 && fields.every((f) => f !== '' && !/[",\r\n]/.test(f)) ? 1 : 0,
    );
    this.bytes = Buffer.concat(parts);
    this.repeat = new Uint8Array(devices.length);
    let size = 16;
    while (size < devices.length * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.devices.length;
  }

  /** Reads DIR's inventory; duplicate or empty serial numbers fail `coherence` (the first one is kept). */
  static async load(file: string, coherence: Check): Promise<Inventory> {
    const table: Table = await readTable(file);
    const [sn] = columnsOf(table, ['sn']) as [number];
    const attr = ATTRIBUTES.map((name) => table.header.indexOf(name));
    const devices: string[][] = [];
    const lines: number[] = [];
    for (const row of table.rows) {
      devices.push([row.fields[sn] ?? '', ...attr.map((i) => (i < 0 ? '' : (row.fields[i] ?? '')))]);
      lines.push(row.line);
    }
    const inventory = new Inventory(
      file,
      devices,
      lines,
      attr.map((i) => i >= 0),
    );
    devices.forEach(([serial], d) => {
      const where = { file, line: lines[d] as number };
      if (serial === '') coherence.fail({ ...where, message: 'empty sn in the inventory' });
      else if (!inventory.insert(d)) {
        inventory.repeat[d] = 1;
        inventory.plain[d] = 0;
        coherence.fail({ ...where, message: `sn '${serial}' is listed twice in the inventory` });
      }
    });
    return inventory;
  }

  /** Device index of the serial in buf[start, end), or -1. */
  find(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193);
    const n = end - start;
    const { slots, mask, bytes, offsets } = this;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const d = slots[i] as number;
      if (d < 0) return -1;
      const s = offsets[d * 4] as number;
      if ((offsets[d * 4 + 1] as number) - 1 - s !== n) continue;
      let k = 0;
      while (k < n && bytes[s + k] === buf[start + k]) k++;
      if (k === n) return d;
    }
  }

  /** Does field k (1 model, 2 product_id, 3 location) of device d equal buf[start, end)? */
  attributeIs(d: number, k: number, buf: Uint8Array, start: number, end: number): boolean {
    const s = this.offsets[d * 4 + k] as number;
    const n = (this.offsets[d * 4 + k + 1] as number) - 1 - s;
    if (n !== end - start) return false;
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) if (bytes[s + i] !== buf[start + i]) return false;
    return true;
  }

  /** Does buf[start, end) hold device d's whole record, `sn,model,product_id,location`? */
  recordIs(d: number, buf: Uint8Array, start: number, end: number): boolean {
    const s = this.offsets[d * 4] as number;
    const n = (this.offsets[d * 4 + 4] as number) - 1 - s;
    if (n !== end - start || this.bytes[s] !== buf[start]) return false;
    // One native comparison (memcmp) beats a byte loop over the ~60 bytes of a record.
    return this.bytes.compare(buf, start, end, s, s + n) === 0;
  }

  private insert(d: number): boolean {
    const s = this.offsets[d * 4] as number;
    const e = (this.offsets[d * 4 + 1] as number) - 1;
    if (this.find(this.bytes, s, e) >= 0) return false;
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ (this.bytes[i] as number), 0x01000193);
    let i = h & this.mask;
    while ((this.slots[i] as number) >= 0) i = (i + 1) & this.mask;
    this.slots[i] = d;
    return true;
  }
}
