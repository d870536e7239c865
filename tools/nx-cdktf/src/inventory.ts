/**
 * What the manifest runner needs from the constructs library: a real import through the declared
 * dependency (so Nx's graph, lint and tsc see it), bundled by manifest.mjs before it runs.
 */
export { manifestMarkdown, resourceManifest, SynthesizedStack } from '@data-platform/constructs';
