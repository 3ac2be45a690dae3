#!/usr/bin/env node
/**
 * Build step (`npm run bundle`): esbuild makes
 *   dist/main.js    the CLI: oclif and every command (src/cli/main.ts);
 *   dist/worker.js  the compression thread of generate-data;
 *   dist/events.js  generate-events alone, without oclif (src/cli/events-main.ts): bin/run.js runs it first,
 *                   since most of a short run would otherwise go to loading the whole CLI.
 * The CLI bundles end in a digest line (bin/bundle.js) that their V8 code caches are checked against, so
 * that start-up need not hash megabytes of source.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const esbuild = require('esbuild');
const { digestLine } = require('../bin/bundle.js');
const { lazyModules } = require('./lazy-modules');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');

/** What a short generate-events run to stdout does not use: loaded on first use (lazy-modules.js). */
const EVENTS_LAZY = [
  'node:crypto',
  'node:zlib',
  'node:worker_threads',
  'node:os',
  'node:fs/promises',
  'js-yaml',
  'axios',
  'luxon',
];

/**
 * Left out of generate-events' bundle and loaded from node_modules on first use: axios (http targets) and
 * luxon (time zones by name). A third of the bundle's text was theirs, read with its code cache by every
 * run (a short run to stdout: ~5 ms CPU and ~2 MB less). DuckDB's API stays in: parquet output loading it
 * from node_modules took ~55 ms longer.
 */
const EVENTS_EXTERNAL = ['axios', 'luxon'];

/** Loaded from node_modules when needed (native code, or big and rarely used). */
const EXTERNAL = [
  'chrono-node',
  'cli-progress',
  'typescript',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
  // Only DuckDB's native bindings: its JS API (node-api, ~120 small modules) is bundled, since loading
  // it from node_modules cost `users run` ~55 ms CPU of start-up before the saved state could be read.
  '@duckdb/node-bindings',
  'pg-native',
  'nunjucks',
];

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  sourcemap: true,
  sourcesContent: false,
  platform: 'node',
  target: 'node20',
  outdir: DIST,
  entryNames: '[name]',
  logLevel: 'warning',
  external: EXTERNAL,
  write: false,
};

/** The bundle's text with its digest line appended (after the source map comment, so lines stay mapped). */
function withDigest(text) {
  return `${text}${digestLine(createHash('sha1').update(text).digest())}`;
}

async function build() {
  mkdirSync(DIST, { recursive: true });
  const results = await Promise.all([
    esbuild.build({ ...COMMON, entryPoints: ['src/cli/main.ts', 'src/metrics/encode/worker.ts'] }),
    // ASCII only (strings escaped; comments, some of them not ASCII, dropped with the whitespace): V8 keeps
    // the source as one-byte text, no UTF-8 decoding at start-up, and a third less of it to read.
    esbuild.build({
      ...COMMON,
      entryPoints: { events: 'src/cli/events-main.ts' },
      charset: 'ascii',
      minifyWhitespace: true,
      external: [...EXTERNAL, ...EVENTS_EXTERNAL],
      plugins: [lazyModules(EVENTS_LAZY)],
    }),
  ]);
  const cliBundles = new Set(['main.js', 'events.js'].map((f) => join(DIST, f)));
  for (const file of results.flatMap((r) => r.outputFiles)) {
    writeFileSync(file.path, cliBundles.has(file.path) ? withDigest(file.text) : file.contents);
  }
}

build().catch((err) => {
  console.error(`bundle: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
