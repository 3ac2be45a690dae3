/**
 * jest globalSetup: build dist/ when it is stale (CLI tests run the bundle), and with --coverage have every
 * process the tests start record V8 coverage, which global-teardown.js adds to jest's report.
 */
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { buildIfStale } = require('../../scripts/build-if-stale');

module.exports = async function globalSetup(globalConfig) {
  buildIfStale();
  if (globalConfig.collectCoverage) {
    const dir = mkdtempSync(join(tmpdir(), 'clusterman-child-coverage-'));
    process.env.CLUSTERMAN_CHILD_COVERAGE = dir;
    // Inherited by jest's workers and so by the CLI processes they start (and those processes' threads).
    process.env.NODE_V8_COVERAGE = dir;
  }
};
