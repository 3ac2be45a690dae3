/**
 * jest globalTeardown: with --coverage, adds what the CLI processes ran (the bundles dist/main.js and
 * dist/events.js and the compression worker, mapped back to src/ and commands/ through esbuild's source maps) to the in-process
 * coverage jest wrote to coverage-final.json, then writes the usual reports from the sum: one report.
 */
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join, resolve, sep } = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { mergeProcessCovs } = require('@bcoe/v8-coverage');
const libCoverage = require('istanbul-lib-coverage');
const libReport = require('istanbul-lib-report');
const reports = require('istanbul-reports');
const v8ToIstanbul = require('v8-to-istanbul');

const ROOT = resolve(__dirname, '../..');
const BUNDLES = ['dist/main.js', 'dist/events.js', 'dist/worker.js'].map((f) => join(ROOT, f));
const OURS = ['src', 'commands'].map((d) => join(ROOT, d) + sep);
/** jest's default reports; jest.config.js has jest write only JSON, which is read back here. */
const REPORTERS = ['text', 'lcov', 'clover', 'json'];

/** The bundles' coverage summed over every process that ran them. */
function childCoverage(dir) {
  const urls = new Set(BUNDLES.map((f) => pathToFileURL(f).href));
  const processes = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .map((cov) => ({ result: cov.result.filter((script) => urls.has(script.url)) }))
    .filter((cov) => cov.result.length > 0);
  return mergeProcessCovs(processes).result;
}

module.exports = async function globalTeardown(globalConfig) {
  const dir = process.env.CLUSTERMAN_CHILD_COVERAGE;
  if (!globalConfig.collectCoverage || !dir) return;
  try {
    const map = libCoverage.createCoverageMap({});
    const jestJson = join(globalConfig.coverageDirectory, 'coverage-final.json');
    if (existsSync(jestJson)) map.merge(JSON.parse(readFileSync(jestJson, 'utf8')));
    for (const script of childCoverage(dir)) {
      // v8-to-istanbul follows the bundle's sourceMappingURL and reads the original files from disk.
      const converter = v8ToIstanbul(fileURLToPath(script.url));
      await converter.load();
      converter.applyCoverage(script.functions);
      const mapped = converter.toIstanbul();
      for (const [file, data] of Object.entries(mapped)) {
        if (OURS.some((d) => file.startsWith(d))) map.merge({ [file]: data });
      }
      converter.destroy();
    }
    const context = libReport.createContext({ dir: globalConfig.coverageDirectory, coverageMap: map });
    for (const name of REPORTERS) reports.create(name).execute(context);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
