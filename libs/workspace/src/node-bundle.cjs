// @ts-check
// The one way workspace TypeScript runs under Node: esbuild bundles it with the workspace libs
// (@data-platform/*, TypeScript sources) inlined and every npm package left to node_modules.
// The synth, the manifest and local-run all build through these options.

/**
 * esbuild plugin: workspace packages are inlined, every npm package stays external. Provider
 * submodules are CommonJS directories, which Node's ESM loader only imports by file, so their
 * specifiers gain `/index.js`. Bundling cdktf itself would break its asset handling.
 * @type {import('esbuild').Plugin}
 */
const externalNpmPackages = {
  name: 'external-npm-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@data-platform/')) return undefined;
      const path = /^@cdktf\/provider-aws\/lib\/[\w-]+$/.test(args.path) ? `${args.path}/index.js` : args.path;
      return { path, external: true };
    });
  },
};

/**
 * Build options of a Node ESM bundle of workspace code. The banner gives inlined CommonJS
 * modules (like this package) a real `require` for Node's built-ins.
 * @returns {import('esbuild').BuildOptions}
 */
function nodeBundleOptions() {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    // Tools run on the workspace's Node (>= 20); the Lambda functions they declare run nodejs22.x.
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // SQL migrations (lambda-handlers' database module) are plain files, imported as text.
    loader: { '.sql': 'text' },
    banner: { js: "import { createRequire as __workspaceRequire } from 'node:module'; const require = __workspaceRequire(import.meta.url);" },
    plugins: [externalNpmPackages],
  };
}

module.exports = { externalNpmPackages, nodeBundleOptions };
