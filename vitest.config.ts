import { defineConfig } from 'vitest/config';

/** One config for every test project: each Nx `test` target runs it with `--root <project dir>`. */
export default defineConfig({
  // SQL migration files are imported as text, as esbuild's `loader: { '.sql': 'text' }` bundles them.
  plugins: [
    {
      name: 'sql-as-text',
      transform: (code: string, id: string) => (id.endsWith('.sql') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined),
    },
  ],
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
