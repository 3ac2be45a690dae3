/**
 * Parquet through DuckDB (@duckdb/node-api): the rows are made as CSV (rows.ts), which DuckDB reads with the
 * column types spelled out (nothing guessed) and writes as zstd-compressed Parquet, keeping the row order.
 * Times become TIMESTAMP columns, the value a DOUBLE.
 */
import { columnsOf } from './rows';

const TYPES: Readonly<Record<string, string>> = {
  sn: 'VARCHAR',
  model: 'VARCHAR',
  product_id: 'VARCHAR',
  location: 'VARCHAR',
  start_time: 'TIMESTAMP',
  end_time: 'TIMESTAMP',
  measurement_value: 'DOUBLE',
  unit: 'VARCHAR',
  name: 'VARCHAR',
};

const sqlText = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export async function csvToParquet(csvPath: string, parquetPath: string, endOnly: boolean): Promise<void> {
  // require, not import(): the bundle runs from V8's code cache, which cannot import() (see cli/main.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  // Streaming read -> write: a small memory limit, and no spill files in the working folder.
  const instance = await DuckDBInstance.create(':memory:', {
    memory_limit: '300MB',
    preserve_insertion_order: 'true',
    temp_directory: '',
  });
  const connection = await instance.connect();
  try {
    const columns = columnsOf(endOnly)
      .map((c) => `${sqlText(c)}: ${sqlText(TYPES[c] as string)}`)
      .join(', ');
    await connection.run(
      `COPY (SELECT * FROM read_csv(${sqlText(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', timestampformat = '%Y-%m-%d %H:%M:%S', columns = {${columns}})) TO ${sqlText(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
