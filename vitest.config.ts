import { defineConfig } from 'vitest/config';

/** One config for every project: each Nx `test` target runs it with `--root <project>`. */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
