import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Production code: apps hold config and a few lines, libs hold logic, tools build and run them. */
const constraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra', 'scope:lambda'] },
  { sourceTag: 'scope:lambda', onlyDependOnLibsWithTags: ['scope:lambda'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:lib', 'type:app', 'type:tool', 'type:test'] },
  { sourceTag: 'scope:test', onlyDependOnLibsWithTags: ['scope:test', 'scope:infra', 'scope:lambda'] },
  // nx-cdktf's manifest reads the synthesized stack with the constructs library's inventory.
  { sourceTag: 'scope:build', onlyDependOnLibsWithTags: ['scope:build', 'scope:infra'] },
  { sourceTag: 'scope:local', onlyDependOnLibsWithTags: ['scope:local', 'scope:infra', 'scope:lambda', 'scope:build', 'scope:console'] },
  { sourceTag: 'scope:console', onlyDependOnLibsWithTags: ['scope:console', 'scope:lambda'] },
];

/** Every project may use the workspace model (@data-platform/workspace, scope:shared). */
const productionConstraints = constraints.map((constraint) =>
  constraint.sourceTag.startsWith('scope:') ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'scope:shared'] } : constraint,
);

/** Tests and build scripts may also use the test helpers and the build/local tools; runtime code may not. */
const supportConstraints = productionConstraints.map((constraint) => ({
  ...constraint,
  onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:tool', 'scope:test', 'scope:build', 'scope:local'],
}));

const boundaries = (depConstraints) => ({
  '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
});

export default [
  // assembly/ is AssemblyScript (TypeScript syntax, WebAssembly types), checked by its compiler.
  { ignores: ['**/dist/**', '**/cdktf.out/**', '**/node_modules/**', '**/.nx/**', '**/coverage/**', 'libs/*/assembly/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      ...boundaries(productionConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/tests/**', 'libs/*/scripts/**', 'apps/*/tests/**'],
    rules: boundaries(supportConstraints),
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
  },
];
