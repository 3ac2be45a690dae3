#!/usr/bin/env node
/**
 * Build step: writes dist/main.js.cache, V8's compiled code for the CLI bundle, after running a small
 * generate-data and a small generate-events so that the functions every command needs (and those two
 * commands' own) are in it; and dist/events.js.cache for generate-events' own bundle, after the same
 * generate-events. bin/bundle.js uses them when they match.
 */
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { cachePath, loadBundle } = require('../bin/bundle.js');

const DESIGN = `cpus_allocated:
  start_time: '2017-12-01T00:00:00Z'
  end_time: '2017-12-01T00:10:00Z'
  frequency: 1m
  values: { distribution: uniform, params: { a: 0, b: 100 } }
`;

/** A v2 events config with the common dimension kinds: its run compiles generate-events' JSON path. */
const EVENTS = JSON.stringify({
  interarrival: { type: 'exponential', mean: 1 },
  emitters: [
    {
      name: 'e',
      dimensions: [
        { type: 'clock', name: 'time' },
        {
          type: 'enum',
          name: 'kind',
          values: ['a', 'b'],
          cardinality_distribution: { type: 'uniform', min: 0, max: 1 },
        },
        { type: 'int', name: 'n', distribution: { type: 'uniform', min: 0, max: 9 }, cardinality: 0 },
        { type: 'variable', name: 'ip', variable: 'ip' },
      ],
    },
  ],
  states: [
    {
      name: 's',
      emitter: 'e',
      variables: [
        {
          type: 'ipaddress',
          name: 'ip',
          distribution: { type: 'uniform', min: 0, max: 1e9 },
          cardinality: 0,
        },
      ],
      delay: { type: 'exponential', mean: 5 },
      transitions: [
        { next: 's', probability: 0.9 },
        { next: 'stop', probability: 0.1 },
      ],
    },
  ],
});

async function build() {
  const dir = mkdtempSync(join(tmpdir(), 'clusterman-cache-'));
  try {
    writeFileSync(join(dir, 'design.yaml'), DESIGN);
    const { exports, cacheBytes } = loadBundle();
    const argv = ['generate-data', '-i', join(dir, 'design.yaml'), '-o', join(dir, 'out.json.gz')];
    await exports.main(join(__dirname, '..', 'bin'), [...argv, '--seed', '1', '--quiet']);
    if (process.exitCode) throw new Error(`generate-data exited ${process.exitCode}`);
    writeFileSync(join(dir, 'events.json'), EVENTS);
    const events = ['generate-events', '-c', join(dir, 'events.json'), '-s', '2024-01-01', '-n', '2000'];
    await exports.main(join(__dirname, '..', 'bin'), [
      ...events,
      '-o',
      join(dir, 'events.jsonl'),
      '--seed',
      '1',
      '--quiet',
    ]);
    if (process.exitCode) throw new Error(`generate-events exited ${process.exitCode}`);
    writeFileSync(cachePath('main'), cacheBytes());

    const fast = loadBundle({ name: 'events' });
    const run = fast.exports.runEvents([
      ...events.slice(1),
      '-o',
      join(dir, 'fast.jsonl'),
      '--seed',
      '1',
      '-q',
    ]);
    if (!run) throw new Error('the events bundle did not take its arguments');
    await run;
    if (process.exitCode) throw new Error(`generate-events (events bundle) exited ${process.exitCode}`);
    writeFileSync(cachePath('events'), fast.cacheBytes());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

build().catch((err) => {
  console.error(`code cache: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
