import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared Lambda layer, for infrastructure code at synth time. The zip itself is built by
 * `scripts/build-layer.mjs` (`npx nx run lambda-layer:build`).
 */

/** The packages the layer is built from; their production dependencies come along. */
export const LAYER_PACKAGES = [
  '@middy/core',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/tracer',
  '@aws-lambda-powertools/metrics',
  // The PostgreSQL client of the load, migrate and status API functions (pure JavaScript).
  'pg',
] as const;

/** Output directory of the layer build, relative to the workspace root. */
export const LAYER_DIST_DIR = 'dist/libs/lambda-layer';

/**
 * A built layer zip. Pure JavaScript only (the build rejects native code); the runtime and
 * architecture it is declared for come from the construct that deploys it (LAMBDA_RUNTIME,
 * LAMBDA_ARCHITECTURE in @data-platform/constructs).
 */
export interface LayerArtifact {
  /** Absolute path of `dist/libs/lambda-layer/layer.zip`. */
  readonly zipPath: string;
}

/** Locates the layer zip; throws when it has not been built, naming the command to run. */
export function layerArtifact(workspaceRoot: string): LayerArtifact {
  const zipPath = path.resolve(workspaceRoot, LAYER_DIST_DIR, 'layer.zip');
  if (!existsSync(zipPath)) {
    throw new Error(`Lambda layer ${zipPath} is missing: run "npx nx run lambda-layer:build"`);
  }
  return { zipPath };
}
