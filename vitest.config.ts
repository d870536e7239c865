import { defineConfig } from 'vitest/config';

/** One config for every test project: each Nx `test` target runs it with `--root <project dir>`. */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
