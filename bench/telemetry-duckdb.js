#!/usr/bin/env node
/**
 * The reference generator's method, for comparison: one DuckDB COPY of the cartesian product times x
 * measurements x inventory, ORDER BY t, sn, with scale * least(random(), random()) values (default DuckDB
 * settings, as the reference runs it; times in seconds, i.e. with its to_hours slip corrected).
 *
 *   node bench/telemetry-duckdb.js INVENTORY OUT csv|parquet INTERVAL
 */
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [inventory, out, format, interval] = process.argv.slice(2);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const q = (s) => `'${s.replace(/'/g, "''")}'`;
  await c.run(
    `CREATE TABLE measurements AS SELECT * FROM (VALUES ('server cpu utilization', '%', 100), ('server power', 'W', 300)) m(name, unit, scale)`,
  );
  const options = format === 'parquet' ? '(FORMAT parquet, COMPRESSION zstd)' : '(HEADER)';
  await c.run(`COPY (
    SELECT sn, model, product_id, location,
           TIMESTAMP '2023-02-27 00:00:00' + to_seconds(t) AS start_time,
           TIMESTAMP '2023-02-27 00:00:00' + to_seconds(t + ${Number(interval)}) AS end_time,
           scale * least(random(), random()) AS measurement_value, unit, name
    FROM range(0, 86400, ${Number(interval)}) times(t), measurements, read_csv(${q(inventory)}) inv
    ORDER BY t, sn
  ) TO ${q(out)} ${options}`);
  c.closeSync();
  db.closeSync();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
