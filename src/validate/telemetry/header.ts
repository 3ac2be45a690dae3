/** A data file's header: checked against the contract's columns, then turned into the column of each role. */
import { ROLES, type TelemetryContract } from '../contract';
import type { CsvRow } from '../csv';
import type { Check } from '../report';
import type { Inventory } from './inventory';

export const [SN, MODEL, PRODUCT, LOCATION, START, END, VALUE, UNIT, NAME] = ROLES.map((_, i) => i) as [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

export interface FileLayout {
  readonly header: readonly string[];
  /** Column of each role (indexed like ROLES) in this file, or -1. */
  readonly col: Int32Array;
  /** sn, model, product_id, location are adjacent columns in this order, and the inventory has all four. */
  readonly wholeRecord: boolean;
  /**
   * The header is the contract's and its columns are generate-telemetry's, in its order
   * (sn,model,product_id,location,[start_time,]end_time,measurement_value,unit,name): rows can be read
   * by the fast lane.
   */
  readonly generated: boolean;
}

/** Reads the header row; a header other than the contract's fails `schema` (once, naming what differs). */
export function readHeader(
  row: CsvRow,
  file: string,
  contract: TelemetryContract,
  inventory: Inventory,
  schema: Check,
): FileLayout {
  const fields = Array.from({ length: Math.min(row.count, row.capacity) }, (_, i) => row.text(i));
  const header = fields.length === 0 ? [''] : fields;
  const expected = contract.columns;
  const same = fields.join(',') === expected.join(',');
  if (!same) {
    const missing = expected.filter((c) => !fields.includes(c));
    const extra = fields.filter((c) => !expected.includes(c));
    const why = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      extra.length ? `unexpected ${extra.join(', ')}` : '',
      !missing.length && !extra.length ? 'columns out of order' : '',
    ].filter(Boolean);
    schema.fail({
      file,
      line: row.line,
      message: `header is ${fields.join(',')} (${why.join('; ')}); the contract says ${expected.join(',')}`,
    });
  }
  const col = new Int32Array(ROLES.length).fill(-1);
  for (const [r, ci] of Object.entries(contract.roles)) {
    col[ROLES.indexOf(r as (typeof ROLES)[number])] = fields.indexOf(expected[ci] as string);
  }
  const sn = col[SN] as number;
  const wholeRecord =
    sn >= 0 &&
    col[MODEL] === sn + 1 &&
    col[PRODUCT] === sn + 2 &&
    col[LOCATION] === sn + 3 &&
    inventory.hasAttribute.every(Boolean);
  const order = col[START] === -1 ? ROLES.filter((r) => r !== 'start_time') : ROLES;
  const generated =
    same &&
    wholeRecord &&
    fields.length === order.length &&
    order.every((r, i) => col[ROLES.indexOf(r)] === i);
  return { header, col, wholeRecord, generated };
}
