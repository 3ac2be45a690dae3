/** Tests run through swc (fast, no type-check); `npm run typecheck` runs tsc over src and test. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 30000,
  // Builds dist/ when stale (CLI tests run the bundle); with --coverage, CLI processes record coverage too.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // With --coverage: jest writes its own coverage as JSON only; the teardown adds the CLI processes' coverage
  // and writes every report from the sum.
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts', 'commands/**/*.ts'],
  coverageReporters: ['json'],
};
