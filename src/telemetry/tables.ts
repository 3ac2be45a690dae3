/**
 * Server types and locations as CSV tables with the reference's columns (`type,model,product_id` and
 * `loc,location`), plus optional ones: `weight` (how often a row is drawn), `tz` (a location's IANA zone) and
 * any numeric column, which expressions can read as a per-device attribute (`idle_w`, `max_w`...).
 */
import { IANAZone } from 'luxon';
import { type CsvTable, readCsvTable } from './csv';
import { TelemetryError } from './errors';

export interface TableRow {
  /** The reference's `type` / `loc` id (the row number when the table has no id column). */
  readonly id: number;
  /** `model` or `location`. */
  readonly name: string;
  /** Server types only. */
  readonly productId: string;
  readonly weight: number;
  /** Locations only: IANA zone of the data centre (UTC when not given). */
  readonly zone: string;
  /** Numeric columns beyond the known ones, by column name. */
  readonly attributes: ReadonlyMap<string, number>;
}

export interface Table {
  readonly file: string;
  readonly kind: 'types' | 'locations';
  readonly rows: readonly TableRow[];
  /** Names of the numeric attribute columns, in file order. */
  readonly attributes: readonly string[];
}

interface Layout {
  readonly kind: 'types' | 'locations';
  readonly id: string;
  readonly name: string;
  readonly required: readonly string[];
}

const TYPES: Layout = { kind: 'types', id: 'type', name: 'model', required: ['model', 'product_id'] };
const LOCATIONS: Layout = { kind: 'locations', id: 'loc', name: 'location', required: ['location'] };
const KNOWN = new Set(['type', 'model', 'product_id', 'loc', 'location', 'weight', 'tz']);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const readTypesTable = async (file: string): Promise<Table> =>
  toTable(await readCsvTable(file, '--types'), TYPES);

export const readLocationsTable = async (file: string): Promise<Table> =>
  toTable(await readCsvTable(file, '--locations'), LOCATIONS);

function toTable(csv: CsvTable, layout: Layout): Table {
  const { file, header } = csv;
  const col = (name: string) => header.indexOf(name);
  for (const name of layout.required)
    if (col(name) < 0)
      throw new TelemetryError(`${file}: no column '${name}' (the header is ${header.join(',')})`);
  if (csv.rows.length === 0) throw new TelemetryError(`${file}: no rows`);
  const numeric = header.filter(
    (h) => !KNOWN.has(h) && IDENTIFIER.test(h) && csv.rows.every((r) => isNumber(r.fields[col(h)] as string)),
  );
  const seenIds = new Set<number>();
  const seenNames = new Set<string>();
  const rows = csv.rows.map(({ line, fields }, i): TableRow => {
    const at = (name: string) => (col(name) < 0 ? undefined : (fields[col(name)] as string).trim());
    const where = `${file} line ${line}`;
    const id = at(layout.id) === undefined ? i + 1 : Number(at(layout.id));
    if (!Number.isSafeInteger(id))
      throw new TelemetryError(`${where}: ${layout.id} '${at(layout.id)}' is not an integer`);
    if (seenIds.has(id)) throw new TelemetryError(`${where}: ${layout.id} ${id} is given twice`);
    seenIds.add(id);
    const name = at(layout.name) as string;
    if (name === '') throw new TelemetryError(`${where}: empty ${layout.name}`);
    if (seenNames.has(name)) throw new TelemetryError(`${where}: ${layout.name} '${name}' is given twice`);
    seenNames.add(name);
    const weightText = at('weight');
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (weightText === '' || !Number.isFinite(weight) || weight < 0)
      throw new TelemetryError(`${where}: weight must be a number >= 0 (got '${weightText}')`);
    const zone = at('tz') || 'UTC';
    if (!IANAZone.isValidZone(zone)) throw new TelemetryError(`${where}: unknown time zone '${zone}'`);
    const productId = at('product_id') ?? '';
    if (layout.kind === 'types' && productId === '') throw new TelemetryError(`${where}: empty product_id`);
    return {
      id,
      name,
      productId,
      weight,
      zone,
      attributes: new Map(numeric.map((h) => [h, Number(fields[col(h)])])),
    };
  });
  if (!rows.some((r) => r.weight > 0)) throw new TelemetryError(`${file}: every weight is 0`);
  return { file, kind: layout.kind, rows, attributes: numeric };
}

const isNumber = (text: string): boolean => text.trim() !== '' && Number.isFinite(Number(text));

/** Draws a row index with probability proportional to its weight, from one uniform u in [0, 1). */
export function weightedPicker(table: Table): (u: number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const r of table.rows) cumulative.push((total += r.weight));
  return (u) => {
    const x = u * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
