import { createDefaultEsmPreset } from 'ts-jest';

const preset = createDefaultEsmPreset({ tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false });

/** Tests import @harmoniq/* from TypeScript sources, so no build is needed before jest. */
export default {
  ...preset,
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/plugins'],
  testMatch: ['**/test/**/*.test.ts'],
  moduleNameMapper: {
    '^@harmoniq/core/pipeline$': '<rootDir>/packages/core/src/pipeline-entry.ts',
    '^@harmoniq/core/redact$': '<rootDir>/packages/core/src/redact-entry.ts',
    '^@harmoniq/core/testing$': '<rootDir>/packages/core/src/testing/index.ts',
    '^@harmoniq/plugin-(.*)$': '<rootDir>/plugins/$1/src/index.ts',
    '^@harmoniq/(core|plex|lastfm|covers|testkit|cli)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFilesAfterEnv: ['<rootDir>/scripts/jest-setup.mjs'],
  testTimeout: 30000,
};
