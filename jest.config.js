/** Tests run through swc (fast, no type-check); `npm run typecheck` runs tsc over src and test. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 30000,
  // CLI tests run the built bundle: build it first whenever dist/ does not match the sources.
  globalSetup: '<rootDir>/scripts/build-if-stale.js',
};
