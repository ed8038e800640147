/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    // Type-checking is done once by `tsc --noEmit` in `npm test`; jest only transpiles.
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    // office-addin-mock imports an ESM-only package it does not need at run time.
    '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js',
  },
  testTimeout: 60000,
};
