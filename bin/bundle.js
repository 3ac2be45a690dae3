/**
 * Loads dist/main.js (the CLI bundle) as the CommonJS module it is, compiled with V8's code cache
 * dist/main.js.cache when it was made from this very bundle: ~20 ms less startup on every command. The
 * cache starts with the SHA-1 of the bundle it belongs to (V8 itself checks only the Node version and the
 * source's length); any mismatch and the bundle compiles as usual.
 */
const Module = require('node:module');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'main.js');
const CACHE = `${BUNDLE}.cache`;
const DIGEST_BYTES = 20;

const digest = (source) => createHash('sha1').update(source).digest();

function readCache(source) {
  let cache;
  try {
    cache = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const ours = digest(source).equals(cache.subarray(0, DIGEST_BYTES));
  return ours ? cache.subarray(DIGEST_BYTES) : undefined;
}

/**
 * With `sourceMaps` (--debug), stack traces name src/*.ts lines: Node maps only what `require` compiles, so
 * the bundle is required as usual, without the code cache (--debug runs pay ~20 ms; other runs nothing).
 */
function loadWithSourceMaps() {
  process.setSourceMapsEnabled(true);
  return { exports: require(BUNDLE), cacheBytes: () => undefined, usedCache: false };
}

/** The bundle's module (also put in require's cache, where oclif looks it up) and its compiled script. */
function loadBundle({ sourceMaps = false } = {}) {
  if (sourceMaps) return loadWithSourceMaps();
  const source = readFileSync(BUNDLE);
  const cachedData = readCache(source);
  const script = new Script(Module.wrap(source.toString('utf8')), { filename: BUNDLE, cachedData });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  require.cache[BUNDLE] = mod;
  const dir = dirname(BUNDLE);
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, dir);
  mod.loaded = true;
  /** The cache file's bytes for this bundle as compiled so far. */
  const cacheBytes = () => Buffer.concat([digest(source), script.createCachedData()]);
  return {
    exports: mod.exports,
    cacheBytes,
    usedCache: cachedData !== undefined && !script.cachedDataRejected,
  };
}

module.exports = { CACHE, loadBundle };
