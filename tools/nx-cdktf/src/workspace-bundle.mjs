// @ts-check

/**
 * esbuild plugin for bundles that run against the workspace's node_modules: the workspace libs
 * (@data-platform/*, TypeScript sources) are inlined, every npm package stays external. Provider
 * submodules are CommonJS directories, which Node's ESM loader only imports by file, so their
 * specifiers gain `/index.js`. Bundling cdktf itself would break its asset handling.
 * @type {import('esbuild').Plugin}
 */
export const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@data-platform/')) return undefined;
      const path = /^@cdktf\/provider-aws\/lib\/[\w-]+$/.test(args.path) ? `${args.path}/index.js` : args.path;
      return { path, external: true };
    });
  },
};
