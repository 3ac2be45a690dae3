#!/usr/bin/env node
/**
 * Build step: writes dist/main.js.cache, V8's compiled code for the CLI bundle, after running a small
 * generate-data so that the functions every command needs are in it. bin/bundle.js uses it when it matches.
 */
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { CACHE, loadBundle } = require('../bin/bundle.js');

const DESIGN = `cpus_allocated:
  start_time: '2017-12-01T00:00:00Z'
  end_time: '2017-12-01T00:10:00Z'
  frequency: 1m
  values: { distribution: uniform, params: { a: 0, b: 100 } }
`;

async function build() {
  const dir = mkdtempSync(join(tmpdir(), 'clusterman-cache-'));
  try {
    writeFileSync(join(dir, 'design.yaml'), DESIGN);
    const { exports, cacheBytes } = loadBundle();
    const argv = ['generate-data', '-i', join(dir, 'design.yaml'), '-o', join(dir, 'out.json.gz')];
    await exports.main(join(__dirname, '..', 'bin'), [...argv, '--seed', '1', '--quiet']);
    if (process.exitCode) throw new Error(`generate-data exited ${process.exitCode}`);
    writeFileSync(CACHE, cacheBytes());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

build().catch((err) => {
  console.error(`code cache: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
