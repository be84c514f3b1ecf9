// Integration tests share one Docker engine on a 2-core machine: one test file at a time
// (maxWorkers: 1), each test with a time bound, in the order test/support/sequencer.js sets.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  maxWorkers: 1,
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  verbose: false,
};
