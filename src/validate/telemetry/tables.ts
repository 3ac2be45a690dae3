/** Small CSV tables (inventory, server types, locations) read whole, as text, with their line numbers. */
import { describeIoError } from '../../util/io';
import { didYouMean } from '../../util/nearest';
import { scanCsvFile } from '../csv';
import { ValidateInputError } from '../errors';

export interface TableRow {
  readonly line: number;
  readonly fields: readonly string[];
}

export interface Table {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly TableRow[];
}

const MAX_COLUMNS = 64;

export async function readTable(file: string): Promise<Table> {
  let header: string[] | undefined;
  const rows: TableRow[] = [];
  try {
    await scanCsvFile(file, MAX_COLUMNS, (row) => {
      const fields = Array.from({ length: Math.min(row.count, MAX_COLUMNS) }, (_, i) => row.text(i));
      if (header === undefined) header = fields;
      else if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: row.line, fields });
    });
  } catch (err) {
    throw new ValidateInputError(file, describeIoError(err));
  }
  if (header === undefined) throw new ValidateInputError(file, 'the file is empty (no header row)');
  return { file, header, rows };
}

/** Column indexes of `names` in the table; a missing one is bad input. */
export function columnsOf(table: Table, names: readonly string[]): number[] {
  return names.map((name) => {
    const i = table.header.indexOf(name);
    if (i < 0) {
      throw new ValidateInputError(
        table.file,
        `no '${name}' column${didYouMean(name, table.header)} (header: ${table.header.join(',')})`,
      );
    }
    return i;
  });
}
