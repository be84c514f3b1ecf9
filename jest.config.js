// Integration tests share one Docker engine on a 2-core machine: they run in band
// (npm test passes --runInBand via maxWorkers below) and each test has a time bound.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  maxWorkers: 1,
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  verbose: false,
};
