/**
 * Loads a CLI bundle (dist/main.js, the whole CLI, or dist/events.js, generate-events alone) as the CommonJS
 * module it is, compiled with V8's code cache dist/<name>.js.cache when it was made from this very bundle:
 * ~20 ms less startup on every command. The build (scripts/bundle.js) ends each bundle with a line holding
 * the SHA-1 of the rest of it, and the cache starts with the same 20 bytes: comparing them costs nothing,
 * where hashing the bundle at each start would (V8 itself checks only the Node version and the source's
 * length). Any mismatch and the bundle compiles as usual. The digest line is the build's word: a bundle
 * edited by hand keeps it, so rebuild (npm run build) rather than edit dist/.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const bundlePath = (name) => join(DIST, `${name}.js`);
const cachePath = (name) => `${bundlePath(name)}.cache`;
const DIGEST_BYTES = 20;
const DIGEST_PREFIX = '//# clusterman-digest=';

/** The bundle's last line, with the digest of everything before it. */
const digestLine = (digest) => `\n${DIGEST_PREFIX}${digest.toString('hex')}\n`;

/** The digest the bundle's last line names (empty when it has none: an older or hand-made bundle). */
function digestOf(source) {
  const at = source.length - DIGEST_PREFIX.length - 2 * DIGEST_BYTES - 1;
  if (at < 0 || !source.startsWith(DIGEST_PREFIX, at)) return Buffer.alloc(0);
  return Buffer.from(source.slice(at + DIGEST_PREFIX.length, -1), 'hex');
}

function readCache(name, digest) {
  let cache;
  try {
    cache = readFileSync(cachePath(name));
  } catch {
    return undefined;
  }
  const ours = digest.length === DIGEST_BYTES && digest.equals(cache.subarray(0, DIGEST_BYTES));
  return ours ? cache.subarray(DIGEST_BYTES) : undefined;
}

/**
 * With `sourceMaps` (--debug), stack traces name src/*.ts lines: Node maps only what `require` compiles, so
 * the bundle is required as usual, without the code cache (--debug runs pay ~20 ms; other runs nothing).
 */
function loadWithSourceMaps(file) {
  process.setSourceMapsEnabled(true);
  return { exports: require(file), cacheBytes: () => undefined, usedCache: false };
}

/**
 * The bundle's module (also put in require's cache, where oclif looks it up) and its compiled script.
 * `name` is the bundle's: main (the default) or events.
 */
function loadBundle({ name = 'main', sourceMaps = false } = {}) {
  const file = bundlePath(name);
  if (sourceMaps) return loadWithSourceMaps(file);
  // latin1: the events bundle is ASCII and becomes a one-byte string without decoding; the main bundle is
  // UTF-8 and is decoded as such. Read as bytes first: readFileSync(file, 'utf8') leaves ~2 MB more RSS.
  const source = readFileSync(file).toString(name === 'events' ? 'latin1' : 'utf8');
  const digest = digestOf(source);
  const cachedData = readCache(name, digest);
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  require.cache[file] = mod;
  script
    .runInThisContext()
    .call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file));
  mod.loaded = true;
  /** The cache file's bytes for this bundle as compiled so far. */
  const cacheBytes = () => Buffer.concat([digest, script.createCachedData()]);
  return {
    exports: mod.exports,
    cacheBytes,
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
  };
}

module.exports = { cachePath, digestLine, loadBundle };
