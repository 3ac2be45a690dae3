#!/usr/bin/env node
/**
 * Runs `npm run build` only when dist/ was not built from the current inputs, so that tests, `npm run demo`
 * and `npm run examples` never run stale code and never pay for a build they do not need.
 *
 * Staleness is decided by content, not mtimes (npm ci, git checkout and copies set mtimes at will): a SHA-256
 * over the path and bytes of every build input, written to dist/.build-inputs after each build
 * (`--stamp`, the last step of `npm run build`) and compared here.
 *
 *   node scripts/build-if-stale.js           build if stale
 *   node scripts/build-if-stale.js --stamp   record that dist/ matches the inputs now (after a build)
 * jest's globalSetup (test/support/global-setup.js) calls buildIfStale(), which throws when the build fails.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-inputs');
/** Everything `npm run build` reads from the project (node_modules is pinned by package-lock.json). */
const INPUTS = ['src', 'commands', 'scripts', 'bin', 'package.json', 'package-lock.json'];
/** What the build makes and the CLI needs. */
const OUTPUTS = [
  'main.js',
  'main.js.map',
  'main.js.cache',
  'events.js',
  'events.js.map',
  'events.js.cache',
  'worker.js',
  'src/cli/main.js',
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function inputsDigest() {
  const tsconfigs = readdirSync(ROOT).filter((f) => /^tsconfig.*\.json$/.test(f));
  const hash = createHash('sha256');
  for (const file of [...INPUTS, ...tsconfigs.sort()].flatMap((p) => files(join(ROOT, p)))) {
    hash
      .update(`${relative(ROOT, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  return hash.digest('hex');
}

function isFresh(digest) {
  if (!OUTPUTS.every((f) => existsSync(join(DIST, f)))) return false;
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === digest;
}

/** Builds when needed; throws when the build fails. Returns whether it built. */
function buildIfStale() {
  if (isFresh(inputsDigest())) return false;
  process.stderr.write('dist/ was not built from the current sources: npm run build\n');
  const res = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm run build failed (exit ${res.status ?? res.signal})`);
  return true;
}

if (require.main === module) {
  try {
    if (process.argv.includes('--stamp')) writeFileSync(STAMP, `${inputsDigest()}\n`);
    else buildIfStale();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

module.exports = { buildIfStale };
