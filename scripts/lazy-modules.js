/**
 * An esbuild plugin for the generate-events bundle: the modules it names load when one of their exports is
 * first read, not when the bundle starts. A short run to stdout never touches node:crypto (temp names),
 * node:zlib or node:worker_threads (gzip files, metrics) or js-yaml (YAML configs), yet their imports sit
 * at the top of modules every run loads, and loading them costs more than the run itself.
 *
 * Each import of such a module gets a stand-in whose exports are getters that `require` the real module;
 * esbuild reads imports as properties at each use (`(0, import_x.name)(...)`), so the getters run only then.
 * The export names are the real module's, read here at build time.
 */
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const NAMESPACE = 'lazy-module';

/** The stand-in's source: a getter per export of `name`, and `__esModule` as the real module has it. */
function standIn(name) {
  const real = require(name);
  const names = Object.keys(real).filter((key) => key !== '__esModule');
  if (real.__esModule && !names.includes('default')) names.push('default');
  return [
    `let real;`,
    `const load = () => (real ??= require(${JSON.stringify(name)}));`,
    real.__esModule ? `Object.defineProperty(exports, '__esModule', { value: true });` : '',
    `for (const name of ${JSON.stringify(names)})`,
    `  Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
  ].join('\n');
}

/** `modules`: the names as imported (node:crypto, js-yaml). */
function lazyModules(modules) {
  const wanted = new Set(modules);
  return {
    name: 'lazy-modules',
    setup(build) {
      // The stand-in's own require of the real module resolves as usual (the importer is in NAMESPACE).
      build.onResolve({ filter: /^[@a-z]/ }, (args) =>
        wanted.has(args.path) && args.namespace !== NAMESPACE
          ? { path: args.path, namespace: NAMESPACE }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: standIn(args.path),
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

module.exports = { lazyModules };
