/**
 * Loads dist/main.js (the CLI bundle) as the CommonJS module it is, compiled with V8's code cache
 * dist/main.js.cache when one is there and matches this Node: ~20 ms less startup on every command. A cache
 * from another Node or another bundle is rejected by V8 and the bundle compiles as usual.
 */
const Module = require('node:module');
const { readFileSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'main.js');
const CACHE = `${BUNDLE}.cache`;

/** V8 checks a cache's Node version and the source's length, not its text: a bundle newer than it is not its. */
function readCache() {
  try {
    if (statSync(CACHE).mtimeMs < statSync(BUNDLE).mtimeMs) return undefined;
    return readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/** The bundle's module (also put in require's cache, where oclif looks it up) and its compiled script. */
function loadBundle() {
  const script = new Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), {
    filename: BUNDLE,
    cachedData: readCache(),
  });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  require.cache[BUNDLE] = mod;
  const dir = dirname(BUNDLE);
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, dir);
  mod.loaded = true;
  return { exports: mod.exports, script };
}

module.exports = { BUNDLE, CACHE, loadBundle };
