'use strict';
const { aliases, swcOptions } = require('./tools/scripts/swc-options.cjs');

const moduleNameMapper = {};
for (const [name, file] of Object.entries(aliases())) {
  moduleNameMapper[`^${name.replace(/[/@]/g, (c) => `\\${c}`)}$`] = file;
}

const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swcOptions({ tsx: true })] },
  // NestJS 12 and a few of its dependencies (and otplib's @scure/@noble) ship ESM only; SWC turns
  // them into CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|uid|token-types|strtok3|@tokenizer|@scure|@noble)/)',
  ],
  moduleNameMapper,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'cjs', 'mjs', 'json'],
};

module.exports = {
  projects: [
    {
      ...base,
      displayName: 'unit',
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'],
      testMatch: ['**/__tests__/**/*.spec.ts', '**/__tests__/**/*.spec.tsx'],
    },
    {
      ...base,
      displayName: 'integration',
      roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'],
      testMatch: ['**/__tests__/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tools/testing/global-setup.cjs',
      globalTeardown: '<rootDir>/tools/testing/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tools/testing/jest-timeout.cjs'],
    },
    {
      ...base,
      displayName: 'e2e',
      roots: ['<rootDir>/apps/dashboard-e2e'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/apps/dashboard-e2e/global-setup.cjs',
      globalTeardown: '<rootDir>/apps/dashboard-e2e/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/tools/testing/jest-timeout.cjs'],
    },
  ],
};
