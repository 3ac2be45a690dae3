/**
 * Parquet data files, read through DuckDB: the schema (names and types) is checked here, then the rows are
 * streamed chunk by chunk as CSV text into the same scanner and row checks as CSV files, so both formats
 * are judged by one set of rules. Times are printed with the contract's time_format.
 */
import type { TelemetryContract } from '../contract';
import { CsvScanner, type CsvRow } from '../csv';
import type { Check } from '../report';

const TIME_ROLES = new Set(['start_time', 'end_time']);
const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL.*|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|U.*INT)$/;

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function scanParquetFile(
  file: string,
  contract: TelemetryContract,
  schema: Check,
  onRow: (row: CsvRow) => void,
): Promise<{ rows: number }> {
  // require, not import(): the bundle runs from V8's code cache, which cannot import() (see cli/main.ts);
  // loaded only here, so CSV-only runs never load DuckDB.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    const columns = described.getRows().map((r) => ({ name: String(r[0]), type: String(r[1]) }));
    const roleOf = new Map<string, string>();
    for (const [role, i] of Object.entries(contract.roles)) roleOf.set(contract.columns[i] as string, role);
    const select = columns.map(({ name, type }) => {
      const role = roleOf.get(name);
      const timeType = type.startsWith('TIMESTAMP');
      const wanted =
        role === undefined
          ? true
          : TIME_ROLES.has(role)
            ? timeType
            : role === 'measurement_value'
              ? NUMERIC.test(type)
              : type === 'VARCHAR';
      if (!wanted) {
        schema.fail({
          file,
          message: `column ${name} has Parquet type ${type}, expected ${TIME_ROLES.has(role ?? '') ? 'TIMESTAMP' : role === 'measurement_value' ? 'a number' : 'VARCHAR'}`,
        });
      }
      // Times are compared as UTC wall-clock text, whatever zone a TIMESTAMPTZ carries.
      if (timeType) {
        const utc = type.includes('TIME ZONE') ? `timezone('UTC', ${ident(name)})` : ident(name);
        return `strftime(${utc}, ${sqlString(contract.timeFormat.pattern)})`;
      }
      return `CAST(${ident(name)} AS VARCHAR)`;
    });
    if (type0(columns)) await conn.run("SET TimeZone = 'UTC'");
    // Row numbers, not lines: the header is row 0.
    const scanner = new CsvScanner(columns.length + 8, onRow, 0);
    const header = Buffer.from(`${columns.map((c) => csvField(c.name)).join(',')}\n`, 'utf8');
    scanner.scan(header, header.length, true);
    const result = await conn.stream(`SELECT ${select.join(', ')} FROM read_parquet(${sqlString(file)})`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const lines: string[] = [];
      for (const row of chunk.getRows())
        lines.push(row.map((v) => (v === null ? '' : csvField(String(v)))).join(','));
      const text = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
      scanner.scan(text, text.length, true);
    }
    return { rows: scanner.rows };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const type0 = (columns: readonly { type: string }[]) => columns.some((c) => c.type.includes('TIME ZONE'));

function csvField(s: string): string {
  return /[",\n\r]|^ | $/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
