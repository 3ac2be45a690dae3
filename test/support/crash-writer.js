/**
 * A small deterministic generator for crash tests, run as a child process from the built dist/: writes
 * `total` records (one per 10 simulated minutes) to two file outputs, checkpointing every 97 records
 * through the state store, and resumes from the last checkpoint when started again. A test kills it with
 * SIGKILL at random moments and compares the files with an uninterrupted run's.
 * Usage: node crash-writer.js STORE_URL OUT_DIR daily|size|none TOTAL
 */
const { openStore } = require('../../dist/src/store');
const { openFileSink, checkpoint, resumeOutputs } = require('../../dist/src/records/sinks');
const { setImmediate } = require('node:timers');

const T0 = Date.UTC(2024, 0, 1);
const ROTATIONS = {
  daily: { kind: 'daily' },
  size: { kind: 'size', maxBytes: 4096 },
  none: { kind: 'none' },
};

async function main() {
  const [url, dir, rotation, totalText] = process.argv.slice(2);
  const total = Number(totalText);
  const store = await openStore(url);
  const key = { organisation: 'crash', project: 'test' };
  await store.claim(key);
  // Small buffers: lines reach the disk between checkpoints, so a kill leaves some past the saved position.
  const outputs = {
    logs: openFileSink({
      path: `${dir}/logs.csv`,
      rotation: ROTATIONS[rotation],
      header: 'i,ts,pad\n',
      bufferBytes: 300,
    }),
    catalog: openFileSink({ path: `${dir}/catalog.csv`, header: 'ts,type,data\n', bufferBytes: 200 }),
  };
  const saved = await store.load(key);
  let next = 0;
  if (saved) {
    await resumeOutputs(outputs, saved.outputs);
    next = Number(Buffer.from(saved.state).toString('utf8'));
  }
  process.stderr.write(`started at ${next}\n`);
  const save = (count, at) =>
    checkpoint(outputs, (positions) =>
      store.save(key, {
        simulatedTime: at,
        meta: { next: count },
        state: Buffer.from(String(count)),
        outputs: positions,
      }),
    );
  for (let i = next; i < total; i++) {
    const at = T0 + i * 600_000;
    const ts = new Date(at).toISOString();
    outputs.logs.write(`${i},${ts},${'x'.repeat(i % 13)}\n`, at);
    if (i % 3 === 0) outputs.catalog.write(`${ts},item,{"id":${i}}\n`, at);
    // Progress for the test, which kills at seeded record counts (timers alone are at the mercy of load).
    if (i % 25 === 0) process.stderr.write(`progress ${i}\n`);
    if ((i + 1) % 97 === 0) await save(i + 1, at);
    else if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await save(total, T0 + total * 600_000);
  for (const sink of Object.values(outputs)) await sink.close();
  await store.close();
}

main().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
