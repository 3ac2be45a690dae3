/**
 * Writes 1 million points (10 series x 100,000 one-minute steps) to VictoriaMetrics through the datastore
 * module, as backfill --datastore does: the overlap check, then the import. Prints {points, wall_s}, or
 * writes it to $BENCH_OUT.
 * Usage: node bench/import-vm.js <bundle> <vm url> <run index> [--body <file>] (--body writes the JSON lines
 * the run sends, for the curl baseline, instead of sending them).
 */
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const [bundle, url, run, flag, bodyFile] = process.argv.slice(2);
const { VictoriaMetrics, planDatastoreWrite, commitDatastoreWrite, PointBuffer } = require(bundle);

const SERIES = 10;
const STEPS = 100_000;
const T0 = Date.UTC(2017, 0, 1) / 1000;

const items = [];
for (let s = 0; s < SERIES; s++) {
  const points = new PointBuffer();
  for (let i = 0; i < STEPS; i++) points.push(T0 + i * 60, s * 1000 + ((i * 7919) % 1000) / 8);
  items.push({
    series: { key: `bench_${run}|AZ=zone${s}`, kind: 'numbers', points },
    start: T0,
    end: T0 + STEPS * 60,
  });
}

async function main() {
  if (flag === '--body') {
    const lines = [];
    for (const { series } of items) {
      const { times, values, size } = series.points;
      const labels = { __name__: `curl_${run}`, AZ: series.key.split('=')[1], metric_type: 'system_metrics' };
      lines.push(
        JSON.stringify({
          metric: labels,
          values: Array.from(values.subarray(0, size)),
          timestamps: Array.from(times.subarray(0, size), (t) => t * 1000),
        }),
      );
    }
    writeFileSync(bodyFile, `${lines.join('\n')}\n`);
    return;
  }
  const client = new VictoriaMetrics(url, 'bench');
  const started = performance.now();
  const plan = await planDatastoreWrite(client, 'system_metrics', items, async () => true);
  const res = await commitDatastoreWrite(plan);
  const wall = (performance.now() - started) / 1000;
  const line = JSON.stringify({ points: res.sent, wall_s: wall });
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, line);
  else console.log(line);
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
